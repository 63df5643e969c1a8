import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import {
  DISTRIBUTION_LIMIT,
  type ValueCount,
} from '../../../../shared/results/couchdb-inventory-result'
import { compareCodePoints } from '../../workers/tasks/code-point-order'

/**
 * Counters of one field's values over a streamed scan, bounded whatever the database holds.
 */

/** The value counted for a missing or null field. */
export const NO_VALUE = '(none)'

/**
 * Distinct values a tally keeps before it counts new ones as `overflow`: far above
 * `DISTRIBUTION_LIMIT`, so the values kept are exact unless a field holds thousands of values
 * (an id copied into `type`, say), and at most a few megabytes of keys.
 */
export const MAX_DISTINCT = 20 * DISTRIBUTION_LIMIT

/** Keys keep one character more than stored text, so a clipped value still shows its ellipsis. */
const KEY_LENGTH = TEXT_LIMITS.short + 1

/**
 * A field's value as text, as PostgreSQL's `doc->>'field'` gives it (the Postgres side of the
 * inventory groups by that): strings as they are, numbers and booleans as their JSON text,
 * objects and arrays as JSON; `(none)` for a missing or null field.
 */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return NO_VALUE
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  try {
    return JSON.stringify(value) ?? NO_VALUE
  } catch {
    return NO_VALUE
  }
}

/** Counts of one field's values: at most `maxDistinct` values, the rest summed in `overflow`. */
export class Tally {
  readonly counts = new Map<string, number>()
  /** Documents whose value was first seen after `maxDistinct` values were known. */
  overflow = 0
  /** Documents counted. */
  added = 0

  constructor(private readonly maxDistinct = MAX_DISTINCT) {}

  /** Counts one document with this value (any length: only its first characters are kept). */
  add(value: string): void {
    this.added++
    const key = value.length > KEY_LENGTH ? value.slice(0, KEY_LENGTH) : value
    const known = this.counts.get(key)
    if (known !== undefined) this.counts.set(key, known + 1)
    else if (this.counts.size < this.maxDistinct) this.counts.set(key, 1)
    else this.overflow++
  }
}

/**
 * A tally as stored: values clipped to the stored bound (values equal once clipped are merged),
 * sorted by count, most first, then by value in code-point order; at most `limit` values, and
 * `other` the documents of the values left out (with the tally's overflow).
 */
export function toDistribution(
  tally: Tally,
  limit = DISTRIBUTION_LIMIT,
): { values: ValueCount[]; other: number } {
  const merged = new Map<string, number>()
  for (const [key, count] of tally.counts) {
    const value = clipText(key, TEXT_LIMITS.short)
    merged.set(value, (merged.get(value) ?? 0) + count)
  }
  const sorted = [...merged]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compareCodePoints(a.value, b.value))
  const kept = sorted.slice(0, Math.max(0, limit))
  const other = sorted.slice(kept.length).reduce((sum, v) => sum + v.count, tally.overflow)
  return { values: kept, other }
}
