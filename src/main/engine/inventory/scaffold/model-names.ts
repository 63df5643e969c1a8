import type { Decision } from '../../../../shared/inventory/decisions'
import {
  PIPELINE_META_MODEL_NAMES,
  PIPELINE_MODEL_NAMES,
} from '../../../../shared/inventory/cht-pipeline-models'
import type { InventoryObject } from '../../../../shared/results/inventory-result'
import { byName } from '../mapping/object-graph'

/** An object decided "rebuild", with its decision. */
export interface RebuildEntry {
  object: InventoryObject
  decision: Decision
}

/** What dbt (and PostgreSQL, at 63 characters) accepts as a model name. */
export const DBT_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

/** Names a scaffold model must not take: cht-pipeline's models (with `dbt_results`). */
export const RESERVED_MODEL_NAMES: ReadonlySet<string> = new Set([
  ...PIPELINE_MODEL_NAMES,
  ...PIPELINE_META_MODEL_NAMES,
])

const MAX = 63

/**
 * A valid dbt identifier from any name: lower case, runs of other characters as one `_`, a
 * leading digit prefixed with `m_`, at most 63 characters (`formview_pregnancy` stays itself).
 */
export function defaultModelName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
  const named = cleaned === '' ? 'model' : /^[0-9]/.test(cleaned) ? `m_${cleaned}` : cleaned
  return named.slice(0, MAX)
}

const withSuffix = (name: string, suffix: string) =>
  `${name.slice(0, MAX - suffix.length)}${suffix}`

/**
 * The model name of each object being rebuilt, by object key: the decision's `models[0]` when it
 * is a valid identifier, else `defaultModelName` of the object's name. A name that is one of
 * cht-pipeline's gets `_custom`; a name taken by an earlier object gets `_2`, `_3`… Objects whose
 * decision names a model choose first, then the rest, each group in name order, so the result
 * does not depend on the input's order. A repeated key counts once.
 */
export function assignModelNames(entries: readonly RebuildEntry[]): Map<string, string> {
  const chosen = (e: RebuildEntry) => {
    const wanted = e.decision.models[0]
    return wanted !== undefined && DBT_IDENTIFIER.test(wanted) ? wanted : null
  }
  const sorted = [...entries].sort(
    (a, b) => Number(chosen(a) === null) - Number(chosen(b) === null) || byName(a.object, b.object),
  )
  const names = new Map<string, string>()
  const taken = new Set<string>()
  for (const entry of sorted) {
    if (names.has(entry.object.key)) continue
    let name = chosen(entry) ?? defaultModelName(entry.object.name)
    if (RESERVED_MODEL_NAMES.has(name.toLowerCase())) name = withSuffix(name, '_custom')
    const base = name
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = withSuffix(base, `_${n}`)
    taken.add(name.toLowerCase())
    names.set(entry.object.key, name)
  }
  return names
}
