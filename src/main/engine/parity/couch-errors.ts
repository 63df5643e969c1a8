import type { ConnectionErrorKind } from '../../../shared/connections'
import { PASSWORD_ENV_VARS } from '../../../shared/connections'
import { AppError } from '../../../shared/result'
import { classifyError, type ClassifiedError } from '../connections/classify'

/** Where a failed CouchDB request went, for the sentences of its error. */
export interface CouchRequestContext {
  /** The server's base URL, never with credentials. */
  baseUrl: string
  host: string
  port: number | null
  username: string
  requestTimeoutMs: number
  /** The database the request read, or null for the server itself. */
  db: string | null
}

/** What went wrong with one request, as the wrapper around nano saw it. */
export interface CouchFailure {
  /** The run's own signal was aborted: the person cancelled. */
  cancelled: boolean
  /** The request's timeout fired. */
  timedOut: boolean
  /** The answer was longer than the request's byte bound (and was abandoned). */
  tooLarge: { maxBytes: number } | null
  /** The network-level error the HTTP client saw (with its errno code), which nano drops. */
  transport: unknown
  /** nano's own error: `statusCode`, CouchDB's `error` and `reason` for an HTTP answer. */
  nano: unknown
  /** A 2xx answer that was not the JSON object expected. */
  malformed: boolean
}

interface NanoErrorLike {
  statusCode?: unknown
  error?: unknown
  reason?: unknown
}

/** The details every parity CouchDB error carries: the connection kind and what to do next. */
export interface CouchErrorDetails {
  endpoint: 'couchdb'
  kind: ConnectionErrorKind
  hint: string
  db: string | null
  status: number | null
}

/**
 * Turns a failed CouchDB read of parity into an `AppError`: `CANCELLED` for a cancelled run,
 * else `IO_ERROR` whose details carry the connection error kind (`timeout`, `auth`,
 * `permission`, `missing_database`, `refused`…) that `classify.ts` gives the same failure in
 * "Test connection", and its hint (also at the end of the message).
 *
 * Network failures are classified from the transport error the wrapper recorded (nano 11 keeps
 * only a message); HTTP answers from their status and CouchDB's `error`/`reason`. No message
 * carries a password: the wrapper sends it only in the Authorization header (SEC-09).
 */
export function couchAppError(failure: CouchFailure, ctx: CouchRequestContext): AppError {
  if (failure.cancelled) return new AppError('CANCELLED', 'The comparison was cancelled.')
  const classified = classify(failure, ctx)
  const status = httpStatus(failure.nano)
  const details: CouchErrorDetails = {
    endpoint: 'couchdb',
    kind: classified.kind,
    hint: classified.hint,
    db: ctx.db,
    status,
  }
  return new AppError('IO_ERROR', `${classified.message} ${classified.hint}`, { ...details })
}

function httpStatus(error: unknown): number | null {
  const status = (error as NanoErrorLike | null)?.statusCode
  return typeof status === 'number' && status >= 100 ? status : null
}

function classify(failure: CouchFailure, ctx: CouchRequestContext): ClassifiedError {
  const classifyCtx = {
    endpoint: 'couchdb' as const,
    host: ctx.host,
    port: ctx.port,
    timeoutMs: ctx.requestTimeoutMs,
  }
  const where = ctx.db === null ? ctx.baseUrl : `${ctx.baseUrl}/${ctx.db}`
  if (failure.timedOut) {
    return classifyError(
      Object.assign(new Error('timed out'), { name: 'TimeoutError' }),
      classifyCtx,
    )
  }
  if (failure.tooLarge) {
    const mb = Math.round((failure.tooLarge.maxBytes / (1024 * 1024)) * 10) / 10
    return {
      kind: 'not_couchdb',
      message: `${where} answered with more than ${mb} MB where CouchDB sends far less; it is not behaving like CouchDB.`,
      hint: 'Check the address: it must be the CouchDB of the CHT instance (or the CHT address in front of it). A proxy or another service that streams endlessly answers like this.',
    }
  }
  const status = httpStatus(failure.nano)
  if (status !== null) return classifyStatus(status, failure.nano as NanoErrorLike, ctx, where)
  if (failure.malformed) {
    return {
      kind: 'not_couchdb',
      message: `${where} answered with something other than CouchDB’s JSON.`,
      hint: 'Check the address: it must be the CouchDB of the CHT instance (or the CHT address in front of it).',
    }
  }
  return classifyError(failure.transport ?? failure.nano, classifyCtx)
}

const text = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 200) : '')

/** The HTTP answers of CouchDB, classified as `detect-couchdb.ts` classifies them. */
function classifyStatus(
  status: number,
  body: NanoErrorLike,
  ctx: CouchRequestContext,
  where: string,
): ClassifiedError {
  const reason = text(body.reason) || text(body.error)
  const said = reason ? ` (${reason})` : ''
  if (status === 401) {
    return {
      kind: 'auth',
      message:
        ctx.username === ''
          ? `${ctx.baseUrl} requires a user name and password (HTTP 401 on ${where})${said}.`
          : `${ctx.baseUrl} refused the user name or password (HTTP 401 on ${where})${said}.`,
      hint:
        ctx.username === ''
          ? 'Fill in the user name of a CHT administrator (or a user allowed to read medic) and its password.'
          : `Check the user name “${ctx.username}”, then type the password again (browser mode and the command line also read ${PASSWORD_ENV_VARS.couchdb}).`,
    }
  }
  if (status === 403) {
    return {
      kind: 'permission',
      message: `The user “${ctx.username}” may not read ${where} (HTTP 403)${said}.`,
      hint: 'Use a CHT administrator, or a user listed among the members of medic, medic-sentinel and medic-users-meta.',
    }
  }
  if (status === 404 && ctx.db !== null) {
    return {
      kind: 'missing_database',
      message: `${ctx.baseUrl} has no database “${ctx.db}” (HTTP 404)${said}.`,
      hint: 'Check the database name and the address: it must be the CouchDB of the CHT instance whose data the pipelines copy.',
    }
  }
  return {
    kind: 'other',
    message: `${where} answered with HTTP ${status}${said}.`,
    hint:
      status >= 500
        ? 'The server or a proxy in front of it is failing; try again later.'
        : 'Check the address: it must be the CouchDB of the CHT instance.',
  }
}
