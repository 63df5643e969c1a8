import type { ProjectDocument, StoredResult } from '../../project-schema'
import { comparisonResultId } from '../../parity-definitions'
import { mismatchesPerDay, parityRuns } from '../../results/parity-trend'
import { tileRows } from '../../results/parity-tiles'
import type { Block, ReportContext } from '../model'
import { dayText, said, t } from '../text'
import { countText, namesText, VERDICT_WORDS } from './verdict-words'

/**
 * The parity section's charts: the differences per day over the last 30 days (the app's trend
 * chart) and one replica-dashboard tile per metric, each with its content in words.
 */

/** Days the trend chart spans, as on the Parity page. */
export const TREND_SPAN = 30
/** Groups drawn per metric tile (those that differ first). */
export const TILE_GROUPS = 12

const DAY_MS = 86_400_000
const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** The trend chart over the last 30 days of the active comparisons, or a sentence if none ran. */
export function trendBlocks(
  results: Readonly<Record<string, StoredResult>>,
  active: ReadonlySet<string>,
  ctx: ReportContext,
): Block[] {
  const today = utcDay(ctx.now.getTime())
  const from = utcDay(Date.parse(`${today}T00:00:00Z`) - (TREND_SPAN - 1) * DAY_MS)
  const runsPerDay = new Map<string, number>()
  for (const run of parityRuns(results)) {
    if (!active.has(run.comparisonId) || run.day < from || run.day > today) continue
    runsPerDay.set(run.day, (runsPerDay.get(run.day) ?? 0) + 1)
  }
  const days = mismatchesPerDay(results, active).filter((d) => d.day >= from && d.day <= today)
  if (days.length === 0) {
    return [{ type: 'paragraph', spans: [t('No comparison ran in the last 30 days.')] }]
  }
  const points = days.map((d) => ({
    day: d.day,
    differences: d.total ?? 0,
    green: d.green,
    runs: runsPerDay.get(d.day) ?? 0,
  }))
  const green = days.filter((d) => d.green).length
  const latest = days.at(-1)!
  const figure =
    latest.total === null ? 'no figure recorded' : countText(latest.total, 'difference')
  const alt =
    `Differences per day over the last ${TREND_SPAN} days: ${countText(days.length, 'day')} with runs, ` +
    `${green} of them all green. Latest, ${dayText(latest.day, ctx)}: ${figure}, ` +
    `${latest.green ? 'all green' : 'not all green'}.`
  return [{ type: 'chart', chart: { kind: 'parity-trend', today, span: TREND_SPAN, points }, alt }]
}

/** One tile per dashboard metric set up: its groups side by side, or why there is none. */
export function tileBlocks(document: ProjectDocument): Block[] {
  const metrics = document.parity.metrics
  if (metrics.length === 0) {
    return [{ type: 'paragraph', spans: [t('No replica-dashboard metric is set up.')] }]
  }
  const blocks: Block[] = []
  const notRun: string[] = []
  const noGroups: string[] = []
  for (const metric of metrics) {
    const result = document.results[comparisonResultId('metric', metric.id)]
    const title = said(metric.title, 200)
    if (!result || result.details.kind !== 'comparison') {
      notRun.push(title)
      continue
    }
    const rows = tileRows(result)
    if (rows.length === 0) {
      noGroups.push(
        `${title} (${VERDICT_WORDS[result.verdict].toLowerCase()}: ${said(result.summary, 300)})`,
      )
      continue
    }
    const shown = rows.slice(0, TILE_GROUPS)
    const differ = rows.filter((r) => r.differs)
    const value = (n: number | null) => (n === null ? 'no value' : n.toLocaleString('en-US'))
    const examples = differ
      .slice(0, 3)
      .map((r) => `${said(r.group, 80)} (couch2pg ${value(r.old)}, CHT Sync ${value(r.new)})`)
    const of =
      shown.length < rows.length
        ? `${shown.length} of ${countText(rows.length, 'group')} shown`
        : countText(rows.length, 'group')
    const alt =
      `${title}, ${VERDICT_WORDS[result.verdict].toLowerCase()}: couch2pg and CHT Sync values per group, ${of}; ` +
      (differ.length === 0
        ? 'all match.'
        : `${differ.length} differ${differ.length === 1 ? 's' : ''}, such as ${examples.join('; ')}.`)
    blocks.push({
      type: 'chart',
      chart: {
        kind: 'metric-tile',
        title,
        groups: shown.map((r) => ({ label: said(r.group, 80), couch2pg: r.old, chtSync: r.new })),
      },
      alt,
    })
  }
  if (noGroups.length > 0) {
    blocks.push({
      type: 'paragraph',
      spans: [t('No groups to draw: ', { strong: true }), t(`${namesText(noGroups)}.`)],
    })
  }
  if (notRun.length > 0) {
    blocks.push({
      type: 'paragraph',
      spans: [t('Not run yet: ', { strong: true }), t(`${namesText(notRun)}.`)],
    })
  }
  return blocks
}
