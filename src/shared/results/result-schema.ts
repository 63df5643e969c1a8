import { z } from 'zod'
import { checkDetailsSchema } from './check-result'
import {
  endpointRefSchema,
  isoDate,
  lineText,
  paragraphText,
  partialSchema,
  shortText,
  verdictSchema,
} from './common'
import { comparisonDetailsSchema } from './comparison-result'
import { connectionDetailsSchema } from './connection-result'
import { couchdbInventoryDetailsSchema } from './couchdb-inventory-result'
import { inventoryDetailsSchema } from './inventory-result'

/**
 * The typed details of a stored result, one shape per kind. A new capability adds its kind here
 * (and, where an old file must be read differently, a step in the migration chain).
 */
export const resultDetailsSchema = z.discriminatedUnion('kind', [
  connectionDetailsSchema,
  checkDetailsSchema,
  comparisonDetailsSchema,
  inventoryDetailsSchema,
  couchdbInventoryDetailsSchema,
])
export type ResultDetails = z.infer<typeof resultDetailsSchema>
export type ResultKind = ResultDetails['kind']
export type DetailsOf<K extends ResultKind> = Extract<ResultDetails, { kind: K }>

/** Most runs kept in a result's history; see `appendHistory` for which ones are kept. */
export const HISTORY_LIMIT = 120
/** At most this many figures per history entry (the numbers a trend is drawn from). */
export const FIGURES_LIMIT = 16

/** One earlier run, small enough to keep a month of them: a trend, not the whole evidence. */
export const historyEntrySchema = z.object({
  ranAt: isoDate,
  verdict: verdictSchema,
  summary: lineText,
  partial: z.boolean(),
  figures: z.record(shortText, z.number()).refine((f) => Object.keys(f).length <= FIGURES_LIMIT, {
    message: `at most ${FIGURES_LIMIT} figures`,
  }),
})
export type HistoryEntry = z.infer<typeof historyEntrySchema>

/**
 * The stored evidence of one automated run (a connection test, a check, a comparison, an
 * inventory): what ran, when, against which endpoints, whether it covered everything, its verdict
 * and summary, the typed details of its kind, and the history of earlier runs of the same id.
 *
 * Everything a saved project shows offline is here; nothing here holds a secret (SEC-09).
 */
export const storedResultSchema = z.object({
  /** The check or comparison id, stable across runs: `connection.couchdb`. */
  id: shortText,
  /** The checklist item the result is evidence for. */
  itemId: shortText,
  title: lineText,
  verdict: verdictSchema,
  summary: paragraphText,
  ranAt: isoDate,
  durationMs: z.number().nonnegative(),
  endpoints: z.array(endpointRefSchema).max(3),
  partial: partialSchema,
  details: resultDetailsSchema,
  /** Earlier runs, newest first, bounded (see `appendHistory`). */
  history: z.array(historyEntrySchema).max(HISTORY_LIMIT),
})
export type StoredResult = z.infer<typeof storedResultSchema>
/** A run's result before the store adds the history of earlier runs. */
export type NewResult = Omit<StoredResult, 'history'>
