import { isAppError } from '../../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'

/**
 * How the CouchDB inventory turns the failures of its reads into what it stores: a short message
 * per database, and why a scan stopped early.
 */

/** Why the inventory stopped before it covered everything. */
export type InventoryStop = 'cancelled' | 'timeout' | 'failed'

const detail = (error: unknown, key: string): unknown =>
  isAppError(error) ? error.details?.[key] : undefined

/** The connection error kind the CouchDB source gave a failed read (`timeout`, `auth`…). */
export const errorKind = (error: unknown): unknown => detail(error, 'kind')

/** True when the read was stopped by the run's signal. */
export const isCancelled = (error: unknown): boolean =>
  isAppError(error) && error.code === 'CANCELLED'

/** Why a failure stops the inventory: cancelled, timed out, or anything else. */
export function stopReason(error: unknown): InventoryStop {
  if (isCancelled(error)) return 'cancelled'
  return errorKind(error) === 'timeout' ? 'timeout' : 'failed'
}

/**
 * A failure as one short sentence (the stored bound of a database's `error`): the source's
 * message without the hint it appends, which is advice for the connection page, not a fact
 * about the database. Anything not from the source is an unexpected failure.
 */
export function shortError(error: unknown, max: number = TEXT_LIMITS.short): string {
  if (!isAppError(error)) {
    const said = error instanceof Error ? `: ${error.message}` : ''
    return clipText(`Unexpected failure${said}`, max)
  }
  const hint = detail(error, 'hint')
  let message = error.message
  if (typeof hint === 'string' && hint !== '' && message.endsWith(hint)) {
    message = message.slice(0, message.length - hint.length).trimEnd()
  }
  return clipText(message, max)
}
