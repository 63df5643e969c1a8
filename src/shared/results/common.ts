import { z } from 'zod'
import { endpointIdSchema } from '../endpoints'

/**
 * Building blocks every stored result kind shares: verdicts, the endpoints a run was against,
 * a partial-run marker, bounded text and scalars.
 *
 * Every string a result stores may come from a remote server, so each has a bound here; the
 * engine clips values to these bounds before it stores them (see `clipText`), so a hostile server
 * cannot make a project file grow without limit or fail validation.
 */

export const VERDICTS = ['pass', 'warn', 'fail', 'error', 'skipped'] as const
export const verdictSchema = z.enum(VERDICTS)
export type Verdict = z.infer<typeof verdictSchema>

/** Bounds of stored text, in characters. */
export const TEXT_LIMITS = {
  /** Names, labels, versions, identifiers. */
  short: 200,
  /** One sentence or a message from a server. */
  line: 1_000,
  /** A summary or a hint. */
  paragraph: 5_000,
  /** A definition (SQL), a document body on request. */
  block: 100_000,
} as const

export const shortText = z.string().max(TEXT_LIMITS.short)
export const lineText = z.string().max(TEXT_LIMITS.line)
export const paragraphText = z.string().max(TEXT_LIMITS.paragraph)
export const isoDate = z.iso.datetime({ offset: true })

export const scalarSchema = z.union([
  z.string().max(TEXT_LIMITS.line),
  z.number(),
  z.boolean(),
  z.null(),
])
export type Scalar = z.infer<typeof scalarSchema>

/** One endpoint a run read from: which of the three, and how it was shown (never a password). */
export const endpointRefSchema = z.object({
  endpoint: endpointIdSchema,
  target: lineText,
})
export type EndpointRef = z.infer<typeof endpointRefSchema>

export const PARTIAL_REASONS = ['cancelled', 'timeout', 'budget', 'failed'] as const
/**
 * Why a run stopped before it covered everything. A partial result is still stored (what it
 * found is true), labelled partial everywhere it is shown.
 */
export const partialSchema = z
  .object({ reason: z.enum(PARTIAL_REASONS), note: lineText })
  .nullable()
export type Partial = z.infer<typeof partialSchema>

/** A remedy: what to do about a warning or failure, with the CHT documentation page for more. */
export const remedySchema = z.object({
  text: paragraphText,
  docUrl: z.string().max(500).nullable(),
})
export type Remedy = z.infer<typeof remedySchema>

/**
 * Clips text to `max` characters (adding an ellipsis) and removes control characters other than
 * tab and newline. Linear in the length of the input; used on every string that came from a
 * server before it is stored or shown.
 */
export function clipText(text: string, max: number): string {
  const limit = Math.max(1, max)
  // Only look at what can be kept: a 1.5 MB version string costs no more than a short one.
  const head = text.length > limit * 2 ? text.slice(0, limit * 2) : text
  // eslint-disable-next-line no-control-regex
  const cleaned = head.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  return cleaned.length > limit ? `${cleaned.slice(0, limit - 1)}…` : cleaned
}
