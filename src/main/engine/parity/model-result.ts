import { comparisonResultId, type ModelDefinition } from '../../../shared/parity-definitions'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type { NewResult } from '../../../shared/results/result-schema'
import type { ModelCompareResult } from './model-types'

/** The checklist item a model comparison is evidence for. */
export const MODEL_ITEM_ID = 'parity.breakdown'

/** The stored id of a model comparison's result: `parity.model.<id>`. */
export const modelResultId = (modelId: string) => comparisonResultId('model', modelId)

/**
 * A model comparison as the project stores it: `pass` when no key is on one side only, no key
 * repeats and every mapped column matched (within its tolerance) on every row, and the run
 * covered everything; `fail` otherwise.
 */
export function modelResult(input: {
  definition: ModelDefinition
  outcome: ModelCompareResult
  ranAt: string
  durationMs: number
  endpoints: NewResult['endpoints']
}): NewResult {
  const { details, partial } = input.outcome
  const found = details.differences.filter((d) => d.count > 0)
  const rows = details.counts.find((c) => c.group[0] === 'rows')
  const size = rows ? ` (${rows.old ?? '?'} rows old, ${rows.new ?? '?'} new)` : ''
  const summary =
    found.length === 0
      ? `Every key and every mapped column match${size}.`
      : `Differences${size}: ${found.map((d) => `${d.count} ${d.class.replace(/_/g, ' ')}`).join(', ')}.`
  return {
    id: modelResultId(input.definition.id),
    itemId: MODEL_ITEM_ID,
    title: clipText(input.definition.title, TEXT_LIMITS.line),
    verdict: found.length === 0 && partial === null ? 'pass' : 'fail',
    summary: clipText(summary, TEXT_LIMITS.paragraph),
    ranAt: input.ranAt,
    durationMs: input.durationMs,
    endpoints: input.endpoints,
    partial,
    details,
  }
}
