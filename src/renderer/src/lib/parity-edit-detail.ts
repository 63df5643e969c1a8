import type { StoredResult } from '../../../shared/project-schema'
import type { Scalar } from '../../../shared/results/common'
import type { ComparisonDetails, DifferenceClass } from '../../../shared/results/comparison-result'

/**
 * What a model result's drill-down shows, worked out from the stored result: the model details
 * (or none for another kind), each class of difference in words, sample values as text. Pure.
 */

/** A class of difference as the drill-down names it. */
export const DIFFERENCE_LABEL: Record<DifferenceClass, string> = {
  missing_in_new: 'Missing in new',
  extra_in_new: 'Only in new',
  stale_in_new: 'Older in new',
  stale_in_old: 'Older in old',
  deleted_but_present: 'Deleted in old, present in new',
  present_but_deleted: 'Present in old, deleted in new',
  duplicate_id: 'Duplicate key',
  in_flight: 'In flight',
  value_conflict: 'Different values',
  null_one_side: 'Null on one side',
}

/** The details of a model comparison result; null for any other result (or a metric's). */
export function modelDetails(result: StoredResult | undefined): ComparisonDetails | null {
  const details = result?.details
  if (details?.kind !== 'comparison' || details.mode !== 'model') return null
  return details
}

/** True when the details hold something to drill into (a run that failed has none). */
export const hasDrillDown = (d: ComparisonDetails): boolean =>
  (d.columns?.length ?? 0) > 0 ||
  (d.keys?.length ?? 0) > 0 ||
  d.differences.length > 0 ||
  (d.schema !== null && d.schema !== undefined)

/** A sample value as text: `null` spelled out, strings as they are, numbers unformatted. */
export function scalarText(value: Scalar): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return value === '' ? '(empty)' : value
  return String(value)
}

/** A whole number with thousands separators (`1,234`); `–` when unknown. */
export const countText = (n: number | null | undefined): string =>
  n === null || n === undefined ? '–' : n.toLocaleString('en')

/** `uuid = uuid, site = site_id`. */
export const keysText = (keys: readonly { old: string; new: string }[]): string =>
  keys.map((k) => (k.old === k.new ? k.old : `${k.old} = ${k.new}`)).join(', ')
