import type { DecisionAction } from './decisions'
import type { ComplexityBand, InventoryObjectKind, ObjectOrigin } from '../results/inventory-result'

/** The inventory's words, shared by the Plan step's page and the plan's report. */

/** Each kind of object in words. */
export const KIND_LABEL: Readonly<Record<InventoryObjectKind, string>> = {
  table: 'Table',
  view: 'View',
  materialized_view: 'Materialized view',
  function: 'Function',
  procedure: 'Procedure',
  index: 'Index',
  trigger: 'Trigger',
  sequence: 'Sequence',
  extension: 'Extension',
}

/** Who put an object there, in words (never colour alone). */
export const ORIGIN_LABEL: Readonly<Record<ObjectOrigin, string>> = {
  couch2pg: 'Installed by couch2pg',
  custom: 'Custom',
  unknown: 'Origin unknown',
}

/** The complexity bands in words. */
export const COMPLEXITY_LABEL: Readonly<Record<ComplexityBand, string>> = {
  simple: 'Simple',
  medium: 'Medium',
  significant: 'Significant',
}

/** An object's decision state: one of the actions, or `undecided`. */
export type DecisionState = DecisionAction | 'undecided'

/** Short words for tables and counts (`DECISION_LABELS` has the whole phrase). */
export const DECISION_SHORT: Readonly<Record<DecisionState, string>> = {
  undecided: 'Undecided',
  replace: 'Replace',
  rebuild: 'Rebuild',
  retire: 'Retire',
}
