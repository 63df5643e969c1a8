import { z } from 'zod'
import { contract, type OpName, type OpOutput } from '../../../shared/contract'
import { appEventSchema, type AppEvent } from '../../../shared/events'
import { appErrorSchema, err, resultSchema, type Result } from '../../../shared/result'

const failureSchema = z.object({ ok: z.literal(false), error: appErrorSchema })

/**
 * Checks a reply against the operation's output schema, as for every message that crosses a
 * process boundary.
 *
 * A reply that does not match means the two sides were built from different contracts, or
 * something else answered: the caller gets `INTERNAL` instead of a value it cannot trust.
 */
export function parseReply<K extends OpName>(op: K, raw: unknown): Result<OpOutput<K>> {
  const parsed = resultSchema(contract[op].output).safeParse(raw)
  if (parsed.success) return parsed.data as Result<OpOutput<K>>
  return err('INTERNAL', `The wizard received an unexpected reply to ${op}.`)
}

/** The failure `Result` in a refused HTTP reply (401, 413, …), or null when there is none. */
export function parseFailure(raw: unknown): Result<never> | null {
  const parsed = failureSchema.safeParse(raw)
  return parsed.success ? parsed.data : null
}

/** The event in a raw message, or null when it is not one this build knows. */
export function parseEvent(raw: unknown): AppEvent | null {
  const parsed = appEventSchema.safeParse(raw)
  return parsed.success ? parsed.data : null
}
