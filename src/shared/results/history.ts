import { clipText, TEXT_LIMITS } from './common'
import {
  FIGURES_LIMIT,
  HISTORY_LIMIT,
  type HistoryEntry,
  type NewResult,
  type ResultDetails,
  type StoredResult,
} from './result-schema'

/** Runs kept one by one, newest first, before older ones are thinned to one a day. */
export const RECENT_RUNS_KEPT = 48

/**
 * The numbers a trend is drawn from, per kind: how long a connection test took, what a check
 * measured, how many differences of each class a comparison found, how many objects an
 * inventory listed. At most `FIGURES_LIMIT` of them.
 */
export function figuresOf(details: ResultDetails, durationMs: number): Record<string, number> {
  const figures: Record<string, number> = {}
  switch (details.kind) {
    case 'connection':
      figures.durationMs = Math.round(durationMs)
      break
    case 'check':
      for (const item of details.evidence) {
        if (item.type === 'measure' && item.value !== null) figures[item.label] = item.value
      }
      break
    case 'comparison': {
      let total = 0
      for (const d of details.differences) {
        if (d.class !== 'in_flight') total += d.count
        figures[d.class] = d.count
      }
      figures.differences = total
      break
    }
    case 'inventory':
      figures.objects = details.objects.length
      figures.custom = details.objects.filter((o) => o.origin.origin === 'custom').length
      break
    case 'couchdb-inventory':
      figures.documents = details.databases.reduce((n, d) => n + (d.docCount ?? 0), 0)
      break
  }
  return Object.fromEntries(
    Object.entries(figures)
      .filter(([, v]) => Number.isFinite(v))
      .slice(0, FIGURES_LIMIT)
      .map(([k, v]) => [clipText(k, TEXT_LIMITS.short), v]),
  )
}

/** The history entry that stands for a run once a newer one replaces it. */
export function toHistoryEntry(result: NewResult): HistoryEntry {
  return {
    ranAt: result.ranAt,
    verdict: result.verdict,
    summary: clipText(result.summary, TEXT_LIMITS.line),
    partial: result.partial !== null,
    figures: figuresOf(result.details, result.durationMs),
  }
}

/**
 * Keeps a bounded history that still draws a trend over a month-long parallel run, whether a
 * check runs nightly or every few minutes from cron: the newest `RECENT_RUNS_KEPT` runs are
 * kept as they are; older ones are thinned to the latest run of each UTC day; at most
 * `HISTORY_LIMIT` entries in all. Entries are newest first.
 */
export function thinHistory(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const sorted = [...entries].sort((a, b) => Date.parse(b.ranAt) - Date.parse(a.ranAt))
  const recent = sorted.slice(0, RECENT_RUNS_KEPT)
  const seenDays = new Set(recent.map((e) => e.ranAt.slice(0, 10)))
  const daily: HistoryEntry[] = []
  for (const entry of sorted.slice(RECENT_RUNS_KEPT)) {
    const day = entry.ranAt.slice(0, 10)
    if (seenDays.has(day)) continue
    seenDays.add(day)
    daily.push(entry)
  }
  return [...recent, ...daily].slice(0, HISTORY_LIMIT)
}

/**
 * The stored form of a new run: its own fields, and as history the previous run of the same id
 * (turned into an entry) followed by that run's history, thinned.
 */
export function withHistory(next: NewResult, previous: StoredResult | undefined): StoredResult {
  if (!previous) return { ...next, history: [] }
  return { ...next, history: thinHistory([toHistoryEntry(previous), ...previous.history]) }
}
