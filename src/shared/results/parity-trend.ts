import { comparisonResultId } from '../parity-definitions'
import type { StoredResult } from './result-schema'

/**
 * The trend of parity over the parallel run, from the comparison results a project holds (each
 * with its history): differences per day, and how many consecutive days every comparison was
 * green, the figure the teardown gate asks for. Pure, so the Parity page, the CLI, the PDF and
 * the gate compute it the same way, offline.
 */

/** One run of one comparison, as a trend needs it. */
export interface ParityRun {
  comparisonId: string
  ranAt: string
  /** UTC day, `YYYY-MM-DD`. */
  day: string
  /** Passed and covered everything. */
  green: boolean
  /** Differences found, in-flight documents not counted; null when the run did not record it. */
  differences: number | null
}

/** Every run of every comparison result (the latest and its history), oldest first. */
export function parityRuns(results: Readonly<Record<string, StoredResult>>): ParityRun[] {
  const runs: ParityRun[] = []
  for (const result of Object.values(results)) {
    if (result.details.kind !== 'comparison') continue
    const latestDifferences = result.details.differences
      .filter((d) => d.class !== 'in_flight')
      .reduce((sum, d) => sum + d.count, 0)
    runs.push(
      run(result.id, result.ranAt, result.verdict, result.partial !== null, latestDifferences),
    )
    for (const entry of result.history) {
      const figure = entry.figures.differences
      runs.push(
        run(
          result.id,
          entry.ranAt,
          entry.verdict,
          entry.partial,
          figure === undefined ? null : figure,
        ),
      )
    }
  }
  return runs.sort((a, b) => Date.parse(a.ranAt) - Date.parse(b.ranAt))
}

function run(
  comparisonId: string,
  ranAt: string,
  verdict: string,
  partial: boolean,
  differences: number | null,
): ParityRun {
  return {
    comparisonId,
    ranAt,
    day: new Date(ranAt).toISOString().slice(0, 10),
    // `warn` is a difference that holds nothing up (couch2pg's own drift from CouchDB).
    green: (verdict === 'pass' || verdict === 'warn') && !partial,
    differences,
  }
}

/** The latest run of each comparison on each day: `day → comparison → run`. */
function latestPerDay(runs: readonly ParityRun[]): Map<string, Map<string, ParityRun>> {
  const days = new Map<string, Map<string, ParityRun>>()
  for (const r of runs) {
    let day = days.get(r.day)
    if (!day) days.set(r.day, (day = new Map()))
    const seen = day.get(r.comparisonId)
    if (!seen || Date.parse(seen.ranAt) <= Date.parse(r.ranAt)) day.set(r.comparisonId, r)
  }
  return days
}

/** One day of the trend: the differences of each comparison's latest run that day, and in all. */
export interface TrendDay {
  day: string
  byComparison: Record<string, number | null>
  /** Sum over the comparisons that recorded a figure; null when none did. */
  total: number | null
  /** Every comparison that ran that day was green. */
  green: boolean
}

/**
 * Differences per day over the days that had runs, oldest first; of the `active` comparisons
 * only, when given.
 */
export function mismatchesPerDay(
  results: Readonly<Record<string, StoredResult>>,
  active?: ReadonlySet<string>,
): TrendDay[] {
  const days = latestPerDay(
    parityRuns(results).filter((r) => !active || active.has(r.comparisonId)),
  )
  return [...days.keys()].sort().map((day) => {
    const runs = [...days.get(day)!.values()]
    const figures = runs.map((r) => r.differences).filter((n): n is number => n !== null)
    return {
      day,
      byComparison: Object.fromEntries(runs.map((r) => [r.comparisonId, r.differences])),
      total: figures.length === 0 ? null : figures.reduce((a, b) => a + b, 0),
      green: runs.every((r) => r.green),
    }
  })
}

/** How long parity has held, and what broke it last. */
export interface GreenStreak {
  /** Consecutive UTC days, up to `today`, on which every comparison's latest run was green. */
  days: number
  /** The comparisons the streak is about (every comparison the project holds now). */
  comparisons: string[]
  /** Why the streak stops where it does: the day and the comparison, or null when it never ran. */
  brokenBy: { day: string; comparisonId: string; reason: 'not green' | 'no run' } | null
}

const DAY_MS = 86_400_000

/**
 * The number of consecutive days, counted back from `today` (a UTC day; yesterday when nothing
 * ran yet today), on which **every** comparison the project now holds ran and its latest run of
 * that day was green (passed, or warned of nothing that holds up the switch; not partial). A day
 * a comparison did not run breaks the streak: the gate needs evidence for each day, and a
 * comparison added later starts its own count. With `active` (see `activeComparisons`), only
 * those comparisons count: one the user removed no longer breaks the streak, its history kept.
 */
export function greenStreak(
  results: Readonly<Record<string, StoredResult>>,
  today: Date = new Date(),
  active?: ReadonlySet<string>,
): GreenStreak {
  const comparisons = Object.values(results)
    .filter((r) => r.details.kind === 'comparison' && (!active || active.has(r.id)))
    .map((r) => r.id)
    .sort()
  const days = latestPerDay(parityRuns(results))
  if (comparisons.length === 0) return { days: 0, comparisons, brokenBy: null }
  let cursor = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  // Today counts once its runs are in; until then the streak runs to yesterday.
  if (!days.has(dayOf(cursor))) cursor -= DAY_MS
  let streak = 0
  for (;;) {
    const day = dayOf(cursor)
    const runs = days.get(day)
    for (const id of comparisons) {
      const latest = runs?.get(id)
      if (!latest)
        return { days: streak, comparisons, brokenBy: { day, comparisonId: id, reason: 'no run' } }
      if (!latest.green) {
        return {
          days: streak,
          comparisons,
          brokenBy: { day, comparisonId: id, reason: 'not green' },
        }
      }
    }
    streak++
    cursor -= DAY_MS
  }
}

/**
 * The comparisons a project runs now: document parity (once it has run) and each model pair and
 * dashboard metric still set up. A removed comparison's stored results stay as evidence but no
 * longer hold up the streak.
 */
export function activeComparisons(
  results: Readonly<Record<string, StoredResult>>,
  parity: { models: readonly { id: string }[]; metrics: readonly { id: string }[] },
): Set<string> {
  const ids = new Set<string>()
  for (const id of Object.keys(results)) if (id.startsWith('parity.documents.')) ids.add(id)
  for (const m of parity.models) ids.add(comparisonResultId('model', m.id))
  for (const m of parity.metrics) ids.add(comparisonResultId('metric', m.id))
  return ids
}
