import type { AppError } from '../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type { ComparisonDetails } from '../../../shared/results/comparison-result'
import type { NewResult } from '../../../shared/results/result-schema'

/** What a comparison that could not run is about: its id, item, title, mode and sides. */
export interface FailedComparison {
  id: string
  itemId: string
  title: string
  mode: ComparisonDetails['mode']
  old?: ComparisonDetails['old']
  new?: ComparisonDetails['new']
}

const OLD: ComparisonDetails['old'] = { label: 'couch2pg', endpoint: 'couch2pg', relation: null }
const NEW: ComparisonDetails['new'] = { label: 'CHT Sync', endpoint: 'chtSync', relation: null }

/**
 * A comparison that could not run (a refused query, a missing column, a server down), stored as
 * an `error` result whose summary is the error's message, so the page and the trend show why.
 */
export function failedResult(
  what: FailedComparison,
  error: AppError,
  endpoints: NewResult['endpoints'],
  ranAt: string,
  durationMs: number,
): NewResult {
  return {
    id: what.id,
    itemId: what.itemId,
    title: clipText(what.title, TEXT_LIMITS.line),
    verdict: 'error',
    summary: clipText(error.message, TEXT_LIMITS.paragraph),
    ranAt,
    durationMs,
    endpoints,
    partial: null,
    details: {
      kind: 'comparison',
      mode: what.mode,
      old: what.old ?? OLD,
      new: what.new ?? NEW,
      counts: [],
      differences: [],
      checkpoints: [],
    },
  }
}
