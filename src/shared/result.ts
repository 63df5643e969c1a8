import { z } from 'zod'

/**
 * Stable error codes crossing the boundary between the engine and every face.
 *
 * The codes are part of the contract: the renderer, the CLI's `--json` output and scripts rely on
 * them, so a code is never renamed or reused for another meaning.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'NO_PROJECT',
  'UNSAVED_CHANGES',
  'PROJECT_EMPTY',
  'PROJECT_TRUNCATED',
  'PROJECT_CORRUPT',
  'PROJECT_FOREIGN',
  'PROJECT_INVALID',
  'PROJECT_NEWER_VERSION',
  'PROJECT_TOO_LARGE',
  'FILE_NOT_FOUND',
  'FILE_READ_ONLY',
  'DIR_MISSING',
  'DISK_FULL',
  'IO_ERROR',
  'CANCELLED',
  /** A statement or operation ran past its time limit and was cancelled on the server. */
  'TIMEOUT',
  'JOB_RUNNING',
  /** A save or export path inside a demo's temporary folder, which goes when the demo stops. */
  'DEMO_FOLDER',
  'SQL_REFUSED',
  'UNSUPPORTED',
  /** The target already holds something (a folder that is not empty); retry once the user confirms. */
  'CONFLICT',
  'INTERNAL',
] as const

export const errorCodeSchema = z.enum(ERROR_CODES)
export type ErrorCode = z.infer<typeof errorCodeSchema>

/** A failure as a value: a stable code, a message a person can act on, and optional details. */
export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
})
export type AppErrorData = z.infer<typeof appErrorSchema>

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const err = (
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Result<never> => ({ ok: false, error: details ? { code, message, details } : { code, message } })

/** Builds the zod schema of a `Result<T>` for a given value schema (used to validate replies). */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ])
}

/**
 * The error type engine code throws; faces turn it into a `Result` with the same code.
 *
 * Anything else thrown becomes `INTERNAL`, with the stack kept in the log and out of the reply.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }

  toData(): AppErrorData {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message }
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError
