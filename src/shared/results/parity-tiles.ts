import type { StoredResult } from './result-schema'

/**
 * A replica-dashboard tile's rows, worked out from a metric comparison's stored result: pure, so
 * the Parity page and the plan report draw the same groups in the same order.
 */

/** One group of a metric tile: its name, both values, the difference, and whether it differs. */
export interface TileRow {
  group: string
  old: number | null
  new: number | null
  /** `new - old`; null when a side has no value. */
  delta: number | null
  differs: boolean
  /** The group as several columns (database, type, form, month); absent: `group` is one. */
  cells?: string[]
}

/**
 * The groups of a metric result, those that differ first, then by group; `differs` by the
 * result's own differences (within the metric's tolerance counts as a match).
 */
export function tileRows(result: StoredResult): TileRow[] {
  if (result.details.kind !== 'comparison') return []
  const differing = new Set(result.details.differences.flatMap((d) => d.samples.map((s) => s.key)))
  // Samples are bounded: past them, a group differs when its values do.
  const capped = result.details.differences.some((d) => d.count > d.samples.length)
  return result.details.counts
    .map((c) => {
      const group = c.group.join(' / ') || '(all)'
      const delta = c.old === null || c.new === null ? null : c.new - c.old
      const differs = differing.has(group) || (capped && delta !== 0)
      return { group, old: c.old, new: c.new, delta, differs }
    })
    .sort((a, b) =>
      a.differs !== b.differs
        ? Number(b.differs) - Number(a.differs)
        : a.group < b.group
          ? -1
          : a.group > b.group
            ? 1
            : 0,
    )
}
