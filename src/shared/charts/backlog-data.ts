import type { StoredResult } from '../project-schema'
import type { EvidenceItem } from '../results/check-result'

/**
 * Both pipelines' backlog over time (the changes CouchDB holds after each pipeline's checkpoint,
 * summed over the databases it copies), from the stored results of the two checks that measure
 * both: `monitor.lag` (step 6) and `production.fresh` (step 3). A result's own evidence holds its
 * latest reading as a table; its earlier runs keep figures only, so a run counts in the history
 * when its check also recorded the totals as measures named `BACKLOG_FIGURE`. Pure.
 */

/** The two pipelines, as the checks name them. */
export type Pipeline = 'couch2pg' | 'chtSync'

/** The checks whose results hold both pipelines' backlog, in the order their pages come. */
export const BACKLOG_CHECKS = ['production.fresh', 'monitor.lag'] as const

/** The measure (and so the history figure) a check records each pipeline's total backlog under. */
export const BACKLOG_FIGURE: Record<Pipeline, string> = {
  couch2pg: 'couch2pg pending',
  chtSync: 'CHT Sync pending',
}

/** One reading: when, and each pipeline's total backlog (null: unknown; undefined: not read). */
export interface BacklogReading {
  at: string
  couch2pg: number | null | undefined
  chtSync: number | null | undefined
}

const PIPELINE_OF: Record<string, Pipeline> = { couch2pg: 'couch2pg', 'CHT Sync': 'chtSync' }

/** Sums a pipeline's pending figures; null when any database's figure is unknown. */
function total(values: readonly unknown[]): number | null | undefined {
  if (values.length === 0) return undefined
  let sum = 0
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) return null
    sum += v
  }
  return sum
}

/** The totals in a result's evidence tables (either check's layout), if it has one. */
export function readingFromEvidence(evidence: readonly EvidenceItem[]): Omit<BacklogReading, 'at'> {
  const found: Record<Pipeline, unknown[]> = { couch2pg: [], chtSync: [] }
  let read = false
  for (const item of evidence) {
    if (item.type !== 'table') continue
    const col = (name: string) => item.columns.indexOf(name)
    const [pipeline, pending] = [col('pipeline'), col('pending')]
    if (pipeline >= 0 && pending >= 0) {
      read = true
      for (const row of item.rows) {
        const which = PIPELINE_OF[String(row[pipeline])]
        if (which) found[which].push(row[pending])
      }
      continue
    }
    const [old, neu] = [col('couch2pg pending'), col('CHT Sync pending')]
    if (old >= 0 && neu >= 0) {
      read = true
      for (const row of item.rows) {
        // “not copied”: the pipeline does not copy that database, so it has no backlog there.
        if (row[old] !== 'not copied') found.couch2pg.push(row[old])
        if (row[neu] !== 'not copied') found.chtSync.push(row[neu])
      }
    }
  }
  if (!read) return { couch2pg: undefined, chtSync: undefined }
  return { couch2pg: total(found.couch2pg), chtSync: total(found.chtSync) }
}

const figure = (figures: Readonly<Record<string, number>>, p: Pipeline) =>
  figures[BACKLOG_FIGURE[p]]

/** Every reading the stored results of the backlog checks hold, oldest first. */
export function backlogReadings(results: Readonly<Record<string, StoredResult>>): BacklogReading[] {
  const readings: BacklogReading[] = []
  for (const result of Object.values(results)) {
    const { details } = result
    if (details.kind !== 'check') continue
    if (!(BACKLOG_CHECKS as readonly string[]).includes(details.checkId)) continue
    const latest = readingFromEvidence(details.evidence)
    if (latest.couch2pg !== undefined || latest.chtSync !== undefined) {
      readings.push({ at: result.ranAt, ...latest })
    }
    for (const entry of result.history) {
      const couch2pg = figure(entry.figures, 'couch2pg')
      const chtSync = figure(entry.figures, 'chtSync')
      if (couch2pg === undefined && chtSync === undefined) continue
      readings.push({ at: entry.ranAt, couch2pg, chtSync })
    }
  }
  return readings.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
}

/** One day of the backlog chart: the latest reading of each pipeline that day, if any. */
export interface BacklogDay {
  /** UTC day, `YYYY-MM-DD`. */
  day: string
  couch2pg: number | null | undefined
  chtSync: number | null | undefined
}

const DAY_MS = 86_400_000

/**
 * The `span` UTC days ending with `today`, oldest first, each with each pipeline's latest reading
 * that day (undefined: none read that day).
 */
export function backlogPerDay(
  readings: readonly BacklogReading[],
  today: string,
  span = 30,
): BacklogDay[] {
  const end = Date.parse(`${today}T00:00:00Z`)
  const byDay = new Map<string, BacklogDay>()
  for (const r of readings) {
    const day = new Date(r.at).toISOString().slice(0, 10)
    const seen = byDay.get(day) ?? { day, couch2pg: undefined, chtSync: undefined }
    // Readings come oldest first: a later one that day replaces what it read.
    if (r.couch2pg !== undefined) seen.couch2pg = r.couch2pg
    if (r.chtSync !== undefined) seen.chtSync = r.chtSync
    byDay.set(day, seen)
  }
  return Array.from({ length: span }, (_, i) => {
    const day = new Date(end - (span - 1 - i) * DAY_MS).toISOString().slice(0, 10)
    return byDay.get(day) ?? { day, couch2pg: undefined, chtSync: undefined }
  })
}

const changes = (n: number) => `${n.toLocaleString('en-US')} change${n === 1 ? '' : 's'}`

/** The backlog chart's text alternative in one sentence. */
export function backlogSummary(days: readonly BacklogDay[]): string {
  const span = `over the last ${days.length} days`
  const read = days.filter((d) => d.couch2pg !== undefined || d.chtSync !== undefined)
  if (read.length === 0) return `Changes waiting per pipeline ${span}: no reading.`
  const latest = (p: Pipeline) => {
    const day = [...days].reverse().find((d) => d[p] !== undefined)
    if (!day) return 'not read'
    const v = day[p]
    return `${v === null || v === undefined ? 'unknown' : changes(v)} (${day.day})`
  }
  return (
    `Changes waiting per pipeline ${span}: ${read.length} day${read.length === 1 ? '' : 's'} ` +
    `with readings. Latest: couch2pg ${latest('couch2pg')}, CHT Sync ${latest('chtSync')}.`
  )
}
