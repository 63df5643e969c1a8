import type { Decision } from '../inventory/decisions'
import { INVENTORY_RESULT_IDS } from '../inventory/sources'
import { comparisonResultId, type ModelDefinition } from '../parity-definitions'
import type { ProjectDocument, StoredResult } from '../project-schema'
import type { InventoryObject } from '../results/inventory-result'
import { countOf, dayOf, gate, listOf, type TeardownGate } from './gate-types'

const TITLE = 'Every custom object decided, and what replaces it matches'
const RELATION_KINDS: ReadonlySet<string> = new Set(['table', 'view', 'materialized_view'])

/** Passed (or warned of nothing that holds up the switch) and covered everything. */
const isGreen = (r: StoredResult | undefined): boolean =>
  r !== undefined && (r.verdict === 'pass' || r.verdict === 'warn') && r.partial === null

const readsObject = (m: ModelDefinition, o: InventoryObject): boolean =>
  m.old.kind === 'relation' && m.old.schema === o.schema && m.old.name === o.name

/**
 * The parity comparisons that speak for an object, by this rule:
 * - `rebuild`: the comparisons `inventory.<model name>` the dbt export prepares, found by their
 *   old relation (the model names are assigned by the engine, so the gate does not recompute
 *   them), plus `inventory.<decision's model>` when the decision names one;
 * - `replace`: any model comparison whose old relation is the object (no comparison is prepared
 *   for base models, so one the user set up is the only evidence).
 */
function comparisonsFor(
  object: InventoryObject,
  decision: Decision,
  models: readonly ModelDefinition[],
): ModelDefinition[] {
  if (decision.action === 'replace') return models.filter((m) => readsObject(m, object))
  const named = decision.models[0] === undefined ? null : `inventory.${decision.models[0]}`
  return models.filter(
    (m) => m.id === named || (m.id.startsWith('inventory.') && readsObject(m, object)),
  )
}

type Standing = 'green' | 'not green' | 'not run' | 'no comparison' | 'not comparable'

function standingOf(
  object: InventoryObject,
  decision: Decision,
  document: ProjectDocument,
): Standing {
  const comparisons = comparisonsFor(object, decision, document.parity.models)
  if (comparisons.length === 0) {
    // A rebuilt function has no rows to compare: a person must vouch for it.
    if (decision.action === 'replace' || !RELATION_KINDS.has(object.kind)) return 'not comparable'
    return 'no comparison'
  }
  const results = comparisons.map((m) => document.results[comparisonResultId('model', m.id)])
  if (results.some(isGreen)) return 'green'
  return results.some((r) => r?.details.kind === 'comparison') ? 'not green' : 'not run'
}

/**
 * Gate (a): every custom object of the latest couch2pg inventory has a decision, and every
 * object decided replace or rebuild has a parity comparison whose latest result is green (see
 * `comparisonsFor` for which comparison counts). Unmet when a custom object is undecided, a
 * rebuilt relation has no comparison, or its comparison is not green; unknown when no inventory
 * ran, a comparison never ran, or an object cannot be compared (a replaced object without a
 * comparison of its own, a rebuilt function). Decisions of objects no longer found are ignored.
 */
export function decisionsGate(document: ProjectDocument): TeardownGate {
  const stored = document.results[INVENTORY_RESULT_IDS.couch2pg]
  if (!stored || stored.details.kind !== 'inventory') {
    return gate(
      'decisions',
      TITLE,
      'unknown',
      ['The couch2pg database was never inventoried.'],
      'Run the inventory on the Plan step (or `cht-migrate inventory`) and decide every custom object.',
    )
  }
  const decisions = document.inventory.decisions
  const objects = stored.details.objects
  const custom = objects.filter((o) => o.origin.origin === 'custom')
  const undecided = custom.filter((o) => !decisions[o.key]).map((o) => `${o.schema}.${o.name}`)
  const byStanding = new Map<Standing, string[]>()
  let compared = 0
  for (const object of objects) {
    const decision = decisions[object.key]
    if (!decision || decision.action === 'retire') continue
    compared++
    const standing = standingOf(object, decision, document)
    byStanding.set(standing, [
      ...(byStanding.get(standing) ?? []),
      `${object.schema}.${object.name}`,
    ])
  }
  const of = (s: Standing) => byStanding.get(s) ?? []
  const evidence = [
    `The inventory of ${dayOf(stored.ranAt)} lists ${countOf(custom.length, 'custom object')}; ${undecided.length} undecided.`,
    `${countOf(compared, 'object')} decided replace or rebuild; ${of('green').length} with a green comparison.`,
  ]
  if (undecided.length > 0) evidence.push(`Undecided: ${listOf(undecided)}.`)
  const lines: [Standing, string][] = [
    ['not green', 'Comparison not green'],
    ['no comparison', 'Rebuilt without a parity comparison'],
    ['not run', 'Comparison never ran'],
    ['not comparable', 'No comparison to judge by'],
  ]
  for (const [standing, label] of lines) {
    if (of(standing).length > 0) evidence.push(`${label}: ${listOf(of(standing))}.`)
  }
  const unmet = undecided.length + of('not green').length + of('no comparison').length > 0
  const unknown = of('not run').length + of('not comparable').length > 0
  return gate(
    'decisions',
    TITLE,
    unmet ? 'unmet' : unknown ? 'unknown' : 'met',
    evidence,
    unmet
      ? 'Decide every custom object on the Plan step, export the dbt scaffolds for parity comparisons of rebuilt objects, and fix the models until their comparisons are green.'
      : 'Run the parity comparisons of the replaced and rebuilt objects (set one up for each replaced object) until each is green.',
  )
}
