import { isSettled } from '../progress'
import type { ItemState } from '../project-schema'
import type { ChecklistItemDef } from '../steps'

/**
 * Progress over time, from a project's own item states: how many items were settled (done or not
 * applicable) by the end of each UTC day. A project keeps each item's latest state only, not a
 * history of its changes, so each settled item counts from the day of its last update; an item
 * changed again after it was settled (a note added, say) counts from that later day. Pure, so the
 * overview and its tests agree.
 */

const DAY_MS = 86_400_000

/** Days the chart spans at least, so that a young project's line still reads as a line. */
export const MIN_PROGRESS_SPAN = 14
/** Days the chart spans at most; earlier settled items count in its first day. */
export const MAX_PROGRESS_SPAN = 120

/** One day of the progress line: items settled by the end of that UTC day. */
export interface ProgressDay {
  /** UTC day, `YYYY-MM-DD`. */
  day: string
  settled: number
}

/** The progress line and what it rests on. */
export interface ProgressSeries {
  /** Oldest first, one entry per day up to and including today. */
  days: ProgressDay[]
  /** Items in the catalog: the line's ceiling. */
  total: number
  /** Items settled now (the last day's figure). */
  settled: number
  /** Settled items with no date of change: counted from the first day. */
  undated: number
}

const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/**
 * Items settled by the end of each day, from the first settled item's day (at least
 * `MIN_PROGRESS_SPAN` days, at most `MAX_PROGRESS_SPAN`) to `today`. Ids the catalog does not
 * list are ignored, as the completion figures ignore them; a change dated after today counts
 * today.
 */
export function settledPerDay(
  defs: readonly ChecklistItemDef[],
  items: Readonly<Record<string, ItemState>>,
  today: string,
): ProgressSeries {
  const end = Date.parse(`${today}T00:00:00Z`)
  const dated: number[] = []
  let undated = 0
  for (const def of defs) {
    const state = items[def.id]
    if (!state || !isSettled(state.status)) continue
    const at = state.updatedAt ? Date.parse(state.updatedAt) : Number.NaN
    if (Number.isNaN(at)) undated++
    else dated.push(Math.min(end, Date.UTC(...dayParts(at))))
  }
  const first = dated.length > 0 ? Math.min(...dated) : end
  const wanted = Math.round((end - first) / DAY_MS) + 1
  const span = Math.min(MAX_PROGRESS_SPAN, Math.max(MIN_PROGRESS_SPAN, wanted))
  const days: ProgressDay[] = Array.from({ length: span }, (_, i) => {
    const dayStart = end - (span - 1 - i) * DAY_MS
    return { day: utcDay(dayStart), settled: undated + dated.filter((d) => d <= dayStart).length }
  })
  return { days, total: defs.length, settled: undated + dated.length, undated }
}

function dayParts(ms: number): [number, number, number] {
  const d = new Date(ms)
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()]
}

/** The progress chart's text alternative in one sentence. */
export function progressSummary(series: ProgressSeries): string {
  const { days, total, settled } = series
  const first = days[0]
  const last = days.at(-1)
  if (!first || !last) return 'No day to show.'
  const weekAgo = days.at(-8)?.settled ?? first.settled
  const lastWeek = settled - weekAgo
  return (
    `Items done or not applicable, day by day from ${first.day} to ${last.day}: ` +
    `${settled} of ${total} now, ${lastWeek === 0 ? 'none' : lastWeek} of them settled in the last 7 days.`
  )
}
