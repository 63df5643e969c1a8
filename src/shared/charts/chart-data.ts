/**
 * What the charts draw, worked out from plain figures: pure functions, so the charts stay
 * props-in/SVG-out (the PDF renders them with `renderToStaticMarkup`) and are unit-tested without
 * a page. Colours are literal (no CSS variables: the PDF has no stylesheet) and each meets 3:1
 * against white for graphics, 4.5:1 for text.
 */

/** The palette of the charts, from the app's own (base.css). */
export const CHART_COLOURS = {
  ink: '#17212b',
  muted: '#4a5663',
  grid: '#cfd6de',
  green: '#176b3a',
  greenWeak: '#e4f3ea',
  red: '#b3261e',
  old: '#4a5663',
  new: '#0b57a4',
} as const

/** The charts' font, as the page's. */
export const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

/** A count in few characters: `950`, `1.2k`, `34k`, `1.5M`. */
export function compactNumber(n: number): string {
  const abs = Math.abs(n)
  const sign = n < 0 ? '−' : ''
  const fixed = (v: number) => (v < 10 ? v.toFixed(1).replace(/\.0$/, '') : String(Math.round(v)))
  if (abs < 1_000) {
    const small = Number.isInteger(abs) ? String(abs) : String(Number(abs.toPrecision(2)))
    return `${sign}${small}`
  }
  if (abs < 1_000_000) return `${sign}${fixed(abs / 1_000)}k`
  return `${sign}${fixed(abs / 1_000_000)}M`
}

/** The ticks of a count axis: whole numbers only (half a difference means nothing). */
export const wholeTicks = (ticks: readonly number[]): number[] => ticks.filter(Number.isInteger)

/** A label cut to `max` characters with an ellipsis. */
export const shortLabel = (text: string, max = 12): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`

/** One day of the trend as the trend chart takes it. */
export interface TrendPoint {
  /** UTC day, `YYYY-MM-DD`. */
  day: string
  /** Differences that day; null when no run recorded a figure. */
  total: number | null
  green: boolean
}

/** One bar slot of the trend chart: a day of the span, with its run if any ran. */
export interface TrendBar {
  day: string
  run: TrendPoint | null
}

const DAY_MS = 86_400_000

/** The `span` UTC days ending with `today` (oldest first), each with its point if it has one. */
export function trendBars(points: readonly TrendPoint[], today: string, span = 30): TrendBar[] {
  const byDay = new Map(points.map((p) => [p.day, p]))
  const end = Date.parse(`${today}T00:00:00Z`)
  return Array.from({ length: span }, (_, i) => {
    const day = new Date(end - (span - 1 - i) * DAY_MS).toISOString().slice(0, 10)
    return { day, run: byDay.get(day) ?? null }
  })
}

/** The trend chart's text alternative in one sentence. */
export function trendSummary(bars: readonly TrendBar[]): string {
  const ran = bars.filter((b) => b.run !== null)
  const span = `over the last ${bars.length} days`
  if (ran.length === 0) return `Differences per day ${span}: no comparison ran.`
  const green = ran.filter((b) => b.run!.green).length
  const latest = ran.at(-1)!
  const total = latest.run!.total
  const figure =
    total === null
      ? 'not recorded'
      : `${total.toLocaleString('en-US')} difference${total === 1 ? '' : 's'}`
  return (
    `Differences per day ${span}: ${ran.length} day${ran.length === 1 ? '' : 's'} with runs, ` +
    `${green} of them all green. Latest, ${latest.day}: ${figure}` +
    `${latest.run!.green ? ', all green' : ', not all green'}.`
  )
}

/** One group of a metric as the metric chart takes it. */
export interface MetricBarRow {
  group: string
  old: number | null
  new: number | null
  differs: boolean
}

/** The groups the metric chart draws (the first `max`: callers order those that differ first). */
export function metricBars(
  rows: readonly MetricBarRow[],
  max = 24,
): { shown: MetricBarRow[]; hidden: number } {
  const shown = rows.slice(0, max)
  return { shown, hidden: rows.length - shown.length }
}

/** The metric chart's text alternative in one sentence. */
export function metricSummary(
  rows: readonly MetricBarRow[],
  shown: number,
  labels: { old: string; new: string },
): string {
  const differ = rows.filter((r) => r.differs).length
  const of =
    shown < rows.length ? `${shown} of ${rows.length} groups shown` : `${rows.length} groups`
  return (
    `${labels.old} and ${labels.new} values per group, ${of}; ` +
    (differ === 0 ? 'all match.' : `${differ} differ${differ === 1 ? 's' : ''}.`)
  )
}
