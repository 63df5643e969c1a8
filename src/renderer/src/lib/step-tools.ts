import type { StepId } from '../../../shared/steps'

/**
 * The steps with a tool of their own beside the checklist, and the tool's name as its tab says
 * it: the Plan step's inventory of the couch2pg objects, the Parity step's comparisons, the
 * Optimize step's dashboard queries to EXPLAIN, and the Teardown step's gates, backup and staged
 * decommission of couch2pg.
 */
export const STEP_TOOL_LABEL: Readonly<Partial<Record<StepId, string>>> = {
  plan: 'Inventory',
  parity: 'Comparisons',
  optimize: 'Dashboard queries',
  teardown: 'Decommission',
}

/** True for a step whose page has a tool tab besides its checklist. */
export const hasStepTool = (stepId: StepId): boolean => STEP_TOOL_LABEL[stepId] !== undefined
