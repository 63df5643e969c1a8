import { AppError } from '../../../shared/result'

/**
 * A statement or a read transaction outlived its deadline; the query was cancelled on the server
 * and the session thrown away. `classify.ts` reports it as a timeout.
 */
export class DbTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    message = `The query did not finish within ${seconds(timeoutMs)} s and was cancelled on the server.`,
  ) {
    super(message)
    this.name = 'DbTimeoutError'
  }
}

/**
 * Opening a session failed (TCP, TLS, authentication, startup), as opposed to a query failing
 * on an open one. The driver's error is the `cause`, so classification still reads its codes;
 * the wrapper tells "closed during the handshake" (not a PostgreSQL server) from "closed later".
 */
export class DbConnectError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
    this.name = 'DbConnectError'
  }
}

/**
 * A file named in a profile's client-certificate settings could not be used (missing, not a
 * regular file, too large, unreadable, or a certificate without its key).
 */
export class SslFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SslFileError'
  }
}

/** What the caller gets when its AbortSignal fired: the query was cancelled on the server too. */
export const queryCancelled = (): AppError =>
  new AppError('CANCELLED', 'The database query was cancelled; the server stopped it too.')

const seconds = (ms: number) => Math.round(ms / 100) / 10
