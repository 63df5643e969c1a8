import { comparisonResultId } from '../../../shared/parity-definitions'
import { clipText, TEXT_LIMITS, type Verdict } from '../../../shared/results/common'
import type { ComparisonDetails, DifferenceClass } from '../../../shared/results/comparison-result'
import type { NewResult } from '../../../shared/results/result-schema'
import type { MetricGroup, MetricOutcome, MetricSpec } from './metric-compare'

/** The checklist item a dashboard metric is evidence for. */
export const METRIC_ITEM_ID = 'parity.dashboard-compare'
/** Sample groups kept per class of difference. */
export const METRIC_SAMPLES = 20

/** The stored id of a metric's result: `parity.metric.<id>`. */
export const metricResultId = (metricId: string) => comparisonResultId('metric', metricId)

const MAX_COUNT_ROWS = 5_000

/**
 * A metric comparison as the project stores it: every group's old and new value side by side
 * (the replica dashboard's tile, up to 5,000 groups), and each class of difference with a
 * sample. `pass` when every group matches within the tolerance and the result sets were read
 * whole; `fail` otherwise; a truncated read is partial.
 */
export function metricResult(input: {
  metricId: string
  title: string
  spec: MetricSpec
  outcome: MetricOutcome
  ranAt: string
  durationMs: number
  endpoints: NewResult['endpoints']
}): NewResult {
  const { outcome } = input
  const byClass = new Map<DifferenceClass, MetricGroup[]>()
  for (const g of outcome.groups) {
    if (g.kind === null) continue
    const list = byClass.get(g.kind) ?? []
    list.push(g)
    byClass.set(g.kind, list)
  }
  const differences: ComparisonDetails['differences'] = [...byClass].map(([cls, groups]) => ({
    class: cls,
    count: groups.length,
    samples: groups.slice(0, METRIC_SAMPLES).map((g) => ({
      key: clipText(g.group.join(' / ') || '(all)', TEXT_LIMITS.line),
      old: g.old,
      new: g.new,
      note: g.delta === null ? null : `difference ${g.delta > 0 ? '+' : ''}${g.delta}`,
    })),
  }))
  const details: ComparisonDetails = {
    kind: 'comparison',
    mode: 'metric',
    old: { label: 'couch2pg', endpoint: 'couch2pg', relation: 'query' },
    new: { label: 'CHT Sync', endpoint: 'chtSync', relation: 'query' },
    counts: outcome.groups.slice(0, MAX_COUNT_ROWS).map((g) => ({
      group: g.group.map((v) => clipText(v, TEXT_LIMITS.short)),
      old: g.old,
      new: g.new,
    })),
    differences,
    checkpoints: [],
    keys: [],
    columns: [],
    schema: null,
  }
  const differing = outcome.groups.filter((g) => !g.match).length
  const verdict: Verdict = differing === 0 && !outcome.truncated ? 'pass' : 'fail'
  const groups = outcome.groups.length
  const summary =
    differing === 0
      ? `All ${groups} groups match${input.spec.tolerance.absolute || input.spec.tolerance.relative ? ' within the tolerance' : ''}.`
      : `${differing} of ${groups} groups differ: ${[...byClass].map(([c, g]) => `${g.length} ${c.replace(/_/g, ' ')}`).join(', ')}.`
  return {
    id: metricResultId(input.metricId),
    itemId: METRIC_ITEM_ID,
    title: clipText(input.title, TEXT_LIMITS.line),
    verdict,
    summary: clipText(
      outcome.truncated ? `${summary} Only the first rows of a side were compared.` : summary,
      TEXT_LIMITS.paragraph,
    ),
    ranAt: input.ranAt,
    durationMs: input.durationMs,
    endpoints: input.endpoints,
    partial: outcome.truncated
      ? { reason: 'budget', note: 'a query returned more rows than a tile may hold' }
      : null,
    details,
  }
}
