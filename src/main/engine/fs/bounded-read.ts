import { constants as fsConstants, promises as fsp } from 'node:fs'
import { AppError, type ErrorCode } from '../../../shared/result'
import { entryKind, notAFileMessage } from './entry-kind'

/** Why a bounded read failed; callers that phrase their own message switch on it. */
export type BoundedReadReason = 'missing' | 'not-a-file' | 'too-large' | 'io'

/** The `AppError` of `readBoundedRegularFile`, with the reason as a field. */
export class BoundedReadError extends AppError {
  readonly reason: BoundedReadReason

  constructor(
    reason: BoundedReadReason,
    code: ErrorCode,
    message: string,
    details: Record<string, unknown>,
  ) {
    super(code, message, details)
    this.reason = reason
  }
}

/** How `readBoundedRegularFile` phrases its messages. */
export interface BoundedReadOptions {
  /** Names the file at the start of messages, e.g. "The demo's manifest". */
  label?: string
}

// Read in slices so that a file that grows while it is read never costs more than the limit.
const SLICE_BYTES = 1024 * 1024
// A FIFO swapped in between the check and the open must not block the open (and with it a
// thread of libuv's pool) until some writer comes; Windows has no such flag and no FIFOs.
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0)

const errnoOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined

/** A byte count for a message, in megabytes with one decimal (`12.3 MB`). */
export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

/**
 * Reads a file whose path came from untrusted input (a project file, a request), bounded: only a
 * regular file (a symlink to one is fine), at most `maxBytes` bytes.
 *
 * A named pipe would block forever and a device may never end, so the entry is checked before it
 * is opened (opened non-blocking, in case it was swapped), the opened handle is checked again
 * with `fstat`, and at most `maxBytes + 1` bytes are read, so a file that grew past the limit
 * after the check is refused too. Failures are `BoundedReadError`s: `missing` (`FILE_NOT_FOUND`),
 * `not-a-file` and `too-large` (`BAD_REQUEST`, with `details.entry` or `details.bytes` and
 * `details.limit`), `io` (`IO_ERROR`, with `details.errno`).
 */
export async function readBoundedRegularFile(
  path: string,
  maxBytes: number,
  options: BoundedReadOptions = {},
): Promise<Buffer> {
  const say = (text: string) => (options.label ? `${options.label}: ${text}` : text)
  const fail = (reason: BoundedReadReason, code: ErrorCode, text: string, details = {}) =>
    new BoundedReadError(reason, code, say(text), { path, ...details })
  const ioError = (e: unknown) => {
    const errno = errnoOf(e)
    if (errno === 'ENOENT' || errno === 'ENOTDIR') {
      return fail('missing', 'FILE_NOT_FOUND', `There is no file at “${path}”.`)
    }
    return fail('io', 'IO_ERROR', `“${path}” cannot be read (${errno ?? 'unknown error'}).`, {
      errno,
    })
  }
  const check = (stats: Parameters<typeof entryKind>[0] & { size: number }) => {
    const kind = entryKind(stats)
    if (kind !== 'file') {
      throw fail('not-a-file', 'BAD_REQUEST', notAFileMessage(path, kind, 'read'), { entry: kind })
    }
    if (stats.size > maxBytes) throw tooLarge(stats.size)
  }
  const tooLarge = (bytes: number) =>
    fail(
      'too-large',
      'BAD_REQUEST',
      `“${path}” is ${megabytes(bytes)}; at most ${megabytes(maxBytes)} is read from it.`,
      { bytes, limit: maxBytes },
    )

  check(await fsp.stat(path).catch((e: unknown) => Promise.reject(ioError(e))))
  const handle = await fsp.open(path, OPEN_FLAGS).catch((e: unknown) => Promise.reject(ioError(e)))
  try {
    check(await handle.stat())
    const slices: Buffer[] = []
    let total = 0
    for (;;) {
      const slice = Buffer.allocUnsafe(Math.min(SLICE_BYTES, maxBytes + 1 - total))
      const { bytesRead } = await handle.read(slice, 0, slice.length, null)
      if (bytesRead === 0) break
      slices.push(slice.subarray(0, bytesRead))
      total += bytesRead
      if (total > maxBytes) throw tooLarge(total)
    }
    return Buffer.concat(slices, total)
  } catch (e) {
    throw e instanceof AppError ? e : ioError(e)
  } finally {
    await handle.close().catch(() => undefined)
  }
}
