import type { ExplainQuery } from '../../../../shared/checks/check-settings'
import { explainFigureLabels, explainTag } from '../../../../shared/checks/optimize-catalog'
import type { StoredResult } from '../../../../shared/project-schema'

/**
 * The before/after figures of each dashboard query, from the stored `optimize.explain` result:
 * "after" is the latest run's measures, "before" an earlier run's history figures (the run the
 * user picks, or by default the first run that measured the query). Figures are found by the
 * query's tag (its id and SQL), so an edited query is never compared with its old SQL.
 */

/** One query's cost and time in one run; null where that run did not measure it. */
export interface Figures {
  cost: number | null
  ms: number | null
  ranAt: string
}

export interface QueryComparison {
  query: ExplainQuery
  tag: string
  before: Figures | null
  after: Figures | null
}

/**
 * `first`: each query's first measured run; `previous`: the run before the latest; otherwise the
 * `ranAt` of one earlier run.
 */
export type BaselineChoice = 'first' | 'previous' | (string & {})

/** Whether a result is a check result (has evidence to read). */
const evidenceOf = (result: StoredResult) =>
  result.details.kind === 'check' ? result.details.evidence : []

/** The latest run's figures of a tag, or null when it did not measure the query. */
function latestFigures(result: StoredResult, tag: string): Figures | null {
  const labels = explainFigureLabels(tag)
  const value = (label: string) => {
    const item = evidenceOf(result).find((e) => e.type === 'measure' && e.label === label)
    return item?.type === 'measure' ? item.value : null
  }
  const cost = value(labels.cost)
  return cost === null ? null : { cost, ms: value(labels.ms), ranAt: result.ranAt }
}

/** The earlier runs (newest first) that hold figures of any listed query. */
export function earlierRuns(result: StoredResult | undefined): { ranAt: string }[] {
  if (!result) return []
  return result.history.filter((h) =>
    Object.keys(h.figures).some((k) => /^q[0-9a-f]{8} total cost$/.test(k)),
  )
}

/** Each listed query with its before and after figures. */
export function compareQueries(
  queries: readonly ExplainQuery[],
  result: StoredResult | undefined,
  baseline: BaselineChoice,
): QueryComparison[] {
  return queries.map((query) => {
    const tag = explainTag(query)
    if (!result) return { query, tag, before: null, after: null }
    const labels = explainFigureLabels(tag)
    const measured = result.history.filter((h) => h.figures[labels.cost] !== undefined)
    const run =
      baseline === 'first'
        ? measured[measured.length - 1]
        : baseline === 'previous'
          ? measured[0]
          : measured.find((h) => h.ranAt === baseline)
    const before = run
      ? {
          cost: run.figures[labels.cost] ?? null,
          ms: run.figures[labels.ms] ?? null,
          ranAt: run.ranAt,
        }
      : null
    return { query, tag, before, after: latestFigures(result, tag) }
  })
}

/** The change from `before` to `after` in percent (rounded), or null when either is unknown. */
export function changePercent(before: number | null, after: number | null): number | null {
  if (before === null || after === null || before === 0) return null
  return Math.round(((after - before) / before) * 1000) / 10
}

/** `−42.5 %`, `+3 %`, `no change`, or `—`. */
export function changeText(percent: number | null): string {
  if (percent === null) return '—'
  if (percent === 0) return 'no change'
  return `${percent > 0 ? '+' : '−'}${Math.abs(percent)} %`
}

/** A figure for a table cell: grouped digits, at most one decimal. */
export function figureText(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined) return '—'
  const shown = value.toLocaleString('en-US', { maximumFractionDigits: 1 })
  return unit ? `${shown} ${unit}` : shown
}
