import type { InventoryObject } from '../../../../shared/results/inventory-result'

/** Column names taken as a row's key, in order of preference. */
export const KEY_COLUMN_NAMES = ['uuid', '_id', 'id'] as const

const UNIQUE_ONE_COLUMN =
  /^\s*create\s+unique\s+index\b[^(]*\(\s*("?)([A-Za-z_][A-Za-z0-9_$]*)\1\s*\)\s*(?:where\b|$|;)/i

/**
 * The column that identifies a row of `object`, or null: the first of `KEY_COLUMN_NAMES` it has,
 * else the column of a one-column unique index on it among `objects` (an index object whose
 * `dependsOn` names it and whose definition is `CREATE UNIQUE INDEX … (column)`). Names only:
 * nothing checks that the values really are unique (the parity comparison will tell).
 */
export function keyColumnOf(
  object: InventoryObject,
  objects: readonly InventoryObject[] = [],
): string | null {
  const names = new Set(object.columns.map((c) => c.name))
  const named = KEY_COLUMN_NAMES.find((n) => names.has(n))
  if (named) return named
  for (const index of objects) {
    if (index.kind !== 'index' || !index.dependsOn.includes(object.key)) continue
    const column = UNIQUE_ONE_COLUMN.exec(index.definition ?? '')?.[2]
    if (column !== undefined && names.has(column)) return column
  }
  return null
}
