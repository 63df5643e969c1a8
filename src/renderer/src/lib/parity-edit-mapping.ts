import type { ModelDefinition } from '../../../shared/parity-definitions'

/**
 * “Suggest mapping” of the model-pair editor: pairs an old relation's columns with a new one's
 * by name, then by the renames between couch2pg's views and cht-pipeline's models, preferring
 * columns whose types compare (the same rule as the engine's `suggestMapping`). Pure; the
 * person can change every pair afterwards.
 */

/** A column as `parity.columns` answers it. */
export interface CatalogColumn {
  name: string
  /** `format_type`'s spelling: `timestamp with time zone`, `numeric(10,2)`, `text`… */
  type: string
}

/** How values of a type compare: the kinds tolerances apply to. */
export type TypeKind = 'number' | 'time' | 'text' | 'other'

const NUMBER_TYPES = /^(smallint|integer|bigint|numeric|decimal|real|double precision|money)\b/
const TIME_TYPES = /^(timestamp\b|date$)/
const TEXT_TYPES = /^(text|character varying|character|varchar|char|bpchar|name|citext)\b/

/** The kind of a type as `format_type` spells it. */
export function typeKind(type: string): TypeKind {
  const t = type.trim().toLowerCase()
  if (t.endsWith('[]')) return 'other'
  if (NUMBER_TYPES.test(t)) return 'number'
  if (TIME_TYPES.test(t)) return 'time'
  if (TEXT_TYPES.test(t)) return 'text'
  return 'other'
}

/** True when values of the two types compare: the same kind, or one the engine reads as text. */
export function compatibleTypes(a: string, b: string): boolean {
  const ka = typeKind(a)
  const kb = typeKind(b)
  return ka === kb || ka === 'other' || kb === 'other'
}

/**
 * Renames between couch2pg's analytics views and cht-pipeline's models (`form_metadata` →
 * `data_record`, `contactview_metadata` → `contact`), tried after equal names.
 */
export const CHT_RENAMES: readonly (readonly [string, string])[] = [
  ['formname', 'form'],
  ['chw', 'contact_uuid'],
  ['chw_area', 'parent_uuid'],
  ['reported', 'reported'],
  ['uuid', 'uuid'],
  ['patient_id', 'patient_id'],
  ['type', 'contact_type'],
]

/** Old-side names that make a key, in order of preference. */
const KEY_NAMES = ['uuid', '_id', 'id']

/** A suggested mapping: a key, the other pairs, and what was left unpaired on each side. */
export interface MappingSuggestion {
  keys: ModelDefinition['keys']
  columns: ModelDefinition['columns']
  onlyInOld: string[]
  onlyInNew: string[]
}

const lower = (name: string) => name.toLowerCase()

/**
 * Pairs `old` with `next`: the same name exactly, then the same name in another case (a column
 * of a compatible type first), then a known rename (only to a compatible type). The pair of a
 * column named `uuid`, `_id` or `id` becomes the key. `reported` between two times gets the
 * tolerance of a second, as the built-in suggestion does (cht-pipeline drops milliseconds).
 */
export function suggestMapping(old: CatalogColumn[], next: CatalogColumn[]): MappingSuggestion {
  const taken = new Set<string>()
  const pairedWith = new Map<string, CatalogColumn>()
  const take = (column: CatalogColumn, match: CatalogColumn | undefined) => {
    if (!match || pairedWith.has(column.name)) return
    taken.add(match.name)
    pairedWith.set(column.name, match)
  }
  const free = (test: (c: CatalogColumn) => boolean) =>
    next.filter((c) => !taken.has(c.name) && test(c))
  for (const column of old) take(column, free((c) => c.name === column.name)[0])
  for (const column of old) {
    if (pairedWith.has(column.name)) continue
    const candidates = free((c) => lower(c.name) === lower(column.name))
    take(column, candidates.find((c) => compatibleTypes(column.type, c.type)) ?? candidates[0])
  }
  for (const column of old) {
    for (const [from, to] of CHT_RENAMES) {
      if (pairedWith.has(column.name) || lower(column.name) !== from) continue
      take(column, free((c) => lower(c.name) === to && compatibleTypes(column.type, c.type))[0])
    }
  }
  const pairs = old.flatMap((column) => {
    const match = pairedWith.get(column.name)
    if (!match) return []
    const timed =
      lower(column.name) === 'reported' &&
      typeKind(column.type) === 'time' &&
      typeKind(match.type) === 'time'
    return [
      timed
        ? { old: column.name, new: match.name, tolerance: { unit: 'second' as const } }
        : { old: column.name, new: match.name },
    ]
  })
  const key = KEY_NAMES.map((name) => pairs.find((p) => lower(p.old) === name)).find(Boolean)
  return {
    keys: key ? [{ old: key.old, new: key.new }] : [],
    columns: pairs.filter((p) => p !== key),
    onlyInOld: old.filter((c) => !pairedWith.has(c.name)).map((c) => c.name),
    onlyInNew: next.filter((c) => !taken.has(c.name)).map((c) => c.name),
  }
}

const listed = (names: string[]) =>
  names.length <= 8
    ? names.join(', ')
    : `${names.slice(0, 8).join(', ')} and ${names.length - 8} more`

/** What a suggestion paired and left unpaired, in words for the editor's status line. */
export function describeSuggestion(s: MappingSuggestion): string {
  const n = s.columns.length
  const key = s.keys[0] ? ` and the key ${s.keys[0].old} = ${s.keys[0].new}` : ''
  const parts = [`Paired ${n} ${n === 1 ? 'column' : 'columns'}${key}.`]
  if (s.onlyInOld.length > 0) parts.push(`Only in old: ${listed(s.onlyInOld)}.`)
  if (s.onlyInNew.length > 0) parts.push(`Only in new: ${listed(s.onlyInNew)}.`)
  return parts.join(' ')
}
