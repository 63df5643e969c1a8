import { AppError } from '../../../shared/result'
import type { SchemaComparison } from '../../../shared/results/comparison-result'
import type { ColumnPair, MappedColumn, ModelCompareInput, SideColumn } from './model-types'

/**
 * The schema half of model parity: which columns each side has, how they differ, a suggested
 * mapping and key, and the check that a mapping only names columns that exist. Pure.
 */

const lower = (name: string) => name.toLowerCase()
const MAX_COLUMNS = 1_600

/**
 * Compares two sides' columns by name, case-insensitively: columns only one side has, and
 * same-named columns whose types differ (as `format_type` spells them).
 */
export function compareSchemas(old: SideColumn[], next: SideColumn[]): SchemaComparison {
  const newByName = new Map(next.map((c) => [lower(c.name), c]))
  const oldNames = new Set(old.map((c) => lower(c.name)))
  const typeDifferences: SchemaComparison['typeDifferences'] = []
  for (const column of old) {
    const other = newByName.get(lower(column.name))
    if (other && other.type !== column.type) {
      typeDifferences.push({
        old: { name: column.name, type: column.type },
        new: { name: other.name, type: other.type },
      })
    }
  }
  const shape = (c: SideColumn) => ({ name: c.name, type: c.type })
  return {
    old: old.slice(0, MAX_COLUMNS).map(shape),
    new: next.slice(0, MAX_COLUMNS).map(shape),
    onlyInOld: old
      .filter((c) => !newByName.has(lower(c.name)))
      .map((c) => c.name)
      .slice(0, MAX_COLUMNS),
    onlyInNew: next
      .filter((c) => !oldNames.has(lower(c.name)))
      .map((c) => c.name)
      .slice(0, MAX_COLUMNS),
    typeDifferences: typeDifferences.slice(0, MAX_COLUMNS),
  }
}

/**
 * Renames between couch2pg's objects and cht-pipeline's models (reference section 7:
 * `form_metadata` → `data_record`, `contactview_metadata` → `contact`), tried after same names.
 */
const KNOWN_RENAMES: [string, string][] = [
  ['chw', 'contact_uuid'],
  ['chw_area', 'parent_uuid'],
  ['formname', 'form'],
  ['type', 'contact_type'],
]

/**
 * A suggested mapping, to be edited by the person: each old column to the new column of the same
 * name (case-insensitive), else to a known couch2pg → cht-pipeline rename, when the new column
 * is free and of the same kind (number, time, text). Key columns are included; see `suggestKeys`.
 */
export function suggestMapping(old: SideColumn[], next: SideColumn[]): ColumnPair[] {
  const taken = new Set<string>()
  const pairs: ColumnPair[] = []
  const free = (name: string, kindOf: SideColumn) =>
    next.find(
      (c) =>
        lower(c.name) === lower(name) &&
        !taken.has(c.name) &&
        (c.kind === kindOf.kind || c.kind === 'other' || kindOf.kind === 'other'),
    )
  const take = (column: SideColumn, match: SideColumn | undefined) => {
    if (!match) return false
    taken.add(match.name)
    pairs.push({ old: column.name, new: match.name })
    return true
  }
  const rest = old.filter((column) => !take(column, free(column.name, column)))
  for (const column of rest) {
    const renames = KNOWN_RENAMES.filter(([a]) => a === lower(column.name)).map(([, b]) => b)
    for (const name of renames) if (take(column, free(name, column))) break
  }
  return pairs
}

const KEY_NAMES = ['uuid', '_id', 'id']

/**
 * The suggested key: the first mapped pair named `uuid`, `_id` or `id` on the old side. That it
 * is unique is only checked by the comparison (duplicates are reported, never assumed away).
 */
export function suggestKeys(mapping: ColumnPair[]): ColumnPair[] {
  for (const name of KEY_NAMES) {
    const pair = mapping.find((p) => lower(p.old) === name)
    if (pair) return [pair]
  }
  return []
}

/** A pair of mapped columns resolved to both sides' columns. */
export interface ResolvedPair<P extends ColumnPair = ColumnPair> {
  pair: P
  old: SideColumn
  new: SideColumn
}

/**
 * Resolves keys and mapped columns to the sides' columns (exact names), or throws `BAD_REQUEST`
 * naming the missing column, its side and what the side does have. Refuses an empty key, a
 * column mapped twice, and mapped columns that repeat a key.
 */
export function resolveMapping(
  input: ModelCompareInput,
  old: SideColumn[],
  next: SideColumn[],
): { keys: ResolvedPair[]; columns: ResolvedPair<MappedColumn>[] } {
  if (input.keys.length === 0) {
    throw new AppError('BAD_REQUEST', 'Choose at least one key column to match rows by.')
  }
  const find = (columns: SideColumn[], name: string, label: string, role: string) => {
    const column = columns.find((c) => c.name === name)
    if (column) return column
    const have = columns
      .slice(0, 30)
      .map((c) => c.name)
      .join(', ')
    throw new AppError(
      'BAD_REQUEST',
      `The ${role} names column “${name}”, which the ${label} side does not have; its columns are: ${have}.`,
    )
  }
  const resolve = <P extends ColumnPair>(pair: P, role: string): ResolvedPair<P> => ({
    pair,
    old: find(old, pair.old, input.old.label, role),
    new: find(next, pair.new, input.new.label, role),
  })
  const keys = input.keys.map((pair) => resolve(pair, 'key'))
  const keyOld = new Set(input.keys.map((k) => k.old))
  const seen = new Set<string>()
  const columns = input.columns
    .filter(
      (c) => !(keyOld.has(c.old) && input.keys.some((k) => k.old === c.old && k.new === c.new)),
    )
    .map((pair) => {
      const id = `${pair.old}\u001f${pair.new}`
      if (seen.has(id)) {
        throw new AppError(
          'BAD_REQUEST',
          `The mapping pairs “${pair.old}” with “${pair.new}” twice.`,
        )
      }
      seen.add(id)
      return resolve(pair, 'mapping')
    })
  return { keys, columns }
}
