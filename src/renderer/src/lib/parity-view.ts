import type { Intent } from '../../../shared/intents'
import type {
  MetricDefinition,
  ModelDefinition,
  ParitySettings,
} from '../../../shared/parity-definitions'
import { comparisonResultId } from '../../../shared/parity-definitions'
import type { StoredResult } from '../../../shared/project-schema'
import type { GreenStreak, TrendDay } from '../../../shared/results/parity-trend'

export { tileRows, type TileRow } from '../../../shared/results/parity-tiles'

/**
 * What the Parity page shows, worked out from the project copy: the comparisons set up with their
 * latest results, a metric tile's rows, the streak in words, the recent days of the trend. Pure,
 * so it is unit-tested without a page.
 */

/** The stored result id of a comparison (as the engine's `parity.run` records it). */
export { comparisonResultId }

/** One comparison set up in the project, with its latest result if it ran. */
export interface ComparisonEntry {
  kind: 'model' | 'metric'
  id: string
  title: string
  result: StoredResult | undefined
}

/** The model pairs, then the metrics, each with its latest result. */
export function comparisonEntries(
  parity: ParitySettings,
  results: Readonly<Record<string, StoredResult>>,
): ComparisonEntry[] {
  return [
    ...parity.models.map((m) => ({ kind: 'model' as const, id: m.id, title: m.title })),
    ...parity.metrics.map((m) => ({ kind: 'metric' as const, id: m.id, title: m.title })),
  ].map((e) => ({ ...e, result: results[comparisonResultId(e.kind, e.id)] }))
}

/** The intents setting up the suggestions that are not set up yet (by id); none when all are. */
export function intentsForSuggestions(
  parity: ParitySettings,
  suggested: { metrics: MetricDefinition[]; models: ModelDefinition[] },
): Intent[] {
  const models = new Set(parity.models.map((m) => m.id))
  const metrics = new Set(parity.metrics.map((m) => m.id))
  return [
    ...suggested.models
      .filter((m) => !models.has(m.id))
      .map((model): Intent => ({ type: 'parity.setModel', model })),
    ...suggested.metrics
      .filter((m) => !metrics.has(m.id))
      .map((metric): Intent => ({ type: 'parity.setMetric', metric })),
  ]
}

/** A delta in words: `+3`, `−2`, `0`, or `missing on one side`. */
export function deltaText(delta: number | null): string {
  if (delta === null) return 'one side missing'
  if (delta === 0) return '0'
  return delta > 0 ? `+${delta}` : `−${Math.abs(delta)}`
}

/** `1 day`, `3 days`. */
export const daysText = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`

/** The streak as the page says it. */
export function streakText(streak: GreenStreak, required: number): string {
  return `Green for ${daysText(streak.days)} in a row (${daysText(required)} required).`
}

/**
 * What ended the streak, in words naming the comparison by its title; null when nothing did.
 * Before `firstDay` (the first day anything ran) nothing could run: the streak starts there.
 */
export function streakBreakText(
  streak: GreenStreak,
  titles: Readonly<Record<string, string>>,
  firstDay: string | null = null,
): string | null {
  if (!streak.brokenBy) return null
  const { day, comparisonId, reason } = streak.brokenBy
  if (reason === 'no run' && firstDay !== null && day < firstDay) {
    return `Counted from ${firstDay}, the first day the comparisons ran.`
  }
  const name = titles[comparisonId] ?? comparisonId
  return reason === 'no run'
    ? `The streak stops at ${day}: “${name}” did not run that day.`
    : `The streak stops at ${day}: “${name}” did not pass that day.`
}

/** The days of the trend within the last `days` days before `today` (UTC), newest first. */
export function recentDays(trend: readonly TrendDay[], today: Date, days = 30): TrendDay[] {
  const from = new Date(today.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10)
  return trend.filter((d) => d.day >= from).reverse()
}

/**
 * The outcome of a parity run in words: how many passed, how many warned (a difference that
 * holds nothing up, such as couch2pg’s own drift) and how many did not pass.
 */
export function runOutcomeText(verdicts: readonly string[]): string {
  const n = verdicts.length
  const passed = verdicts.filter((v) => v === 'pass').length
  const warned = verdicts.filter((v) => v === 'warn').length
  const other = n - passed - warned
  const noun = n === 1 ? 'comparison' : 'comparisons'
  if (passed === n) return n === 1 ? 'The comparison passed.' : `All ${n} ${noun} passed.`
  const parts = [`${passed} passed`]
  if (warned > 0) parts.push(`${warned} warned`)
  if (other > 0) parts.push(`${other} did not pass`)
  return `Of ${n} ${noun}: ${parts.join(', ')}.`
}
