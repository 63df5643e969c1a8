import { PASSWORD_ENV_VARS, type ConnectionErrorKind } from '../../../shared/connections'
import { ENDPOINT_LABELS } from '../../../shared/connection-targets'
import type { EndpointId } from '../../../shared/project-schema'
import type { ConnectionError, EndpointFacts } from '../../../shared/results/connection-result'
import { classifyPostgres } from './classify-postgres'
import { classifyHttpError } from './classify-http'

/** A failed test, as the person sees it: what kind of problem, what happened, what to do next. */
export interface ClassifiedError {
  kind: ConnectionErrorKind
  message: string
  hint: string
  /** What the server turned out to be, where that is known (a CHT Sync database, an HTTP port). */
  looksLike?: ConnectionError['looksLike']
}

/** What a probe had learnt before it failed; stored in the result next to the error. */
export interface FailureLearnt {
  /** `PostgreSQL 16.4`, `CouchDB 3.3.3`: the server answered and said what it is. */
  serverLabel?: string | null
  /** The typed facts, where the probe got far enough to have them all. */
  facts?: EndpointFacts | null
  looksLike?: ConnectionError['looksLike']
}

/**
 * A failure the probes recognised themselves (not a CouchDB, not couch2pg, a missing `medic`…),
 * already classified. Thrown inside the engine and turned into a report by the connection service.
 */
export class ConnectionFailure extends Error {
  constructor(
    readonly kind: ConnectionErrorKind,
    message: string,
    readonly hint: string,
    readonly learnt: FailureLearnt = {},
  ) {
    super(message)
    this.name = 'ConnectionFailure'
  }
}

/** Where the failing connection went, for the sentences below. */
export interface ClassifyContext {
  endpoint: EndpointId
  host: string
  port: number | null
  /** The limit that applied, for timeout messages. */
  timeoutMs: number
  /**
   * Whether a password was sent (PostgreSQL): a server asking for one when none was known is
   * `no_password`, not `auth`. Absent: unknown, classified as before.
   */
  passwordGiven?: boolean
}

interface ErrorLike {
  code?: unknown
  name?: unknown
  message?: unknown
  severity?: unknown
  cause?: unknown
  errors?: unknown
}

/** The error, its causes and the members of an AggregateError (Node's happy eyeballs), flat. */
export function errorChain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = []
  const visit = (e: unknown, depth: number) => {
    if (depth > 6 || typeof e !== 'object' || e === null || out.includes(e as ErrorLike)) return
    const item = e as ErrorLike
    out.push(item)
    visit(item.cause, depth + 1)
    if (Array.isArray(item.errors)) for (const inner of item.errors) visit(inner, depth + 1)
  }
  visit(error, 0)
  return out
}

const SQLSTATE = /^[0-9A-Z]{5}$/
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA'])
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN'])
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
])
const TLS_CODE =
  /^(EPROTO|ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|UNABLE_TO_)/
const TIMEOUT_MESSAGE =
  /timeout exceeded when trying to connect|due to connection timeout|Query read timeout|timed out/i
const TLS_MESSAGE =
  /does not support SSL|self[- ]signed|certificate|wrong version number|SSL routines/i

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Maps any error of a connection attempt to one of `CONNECTION_ERROR_KINDS`, with a message that
 * says what happened and a hint that says what to do next.
 *
 * Reads PostgreSQL's SQLSTATE (`28P01`, `3D000`, `42501`…), Node's errno codes (`ENOTFOUND`,
 * `ECONNREFUSED`, TLS codes), fetch's `TimeoutError` and pg's own timeout messages, through
 * `cause` chains and AggregateErrors. Messages never contain a password: the drivers do not put
 * one in theirs, and our URLs never carry credentials (SEC-09).
 */
export function classifyError(error: unknown, ctx: ClassifyContext): ClassifiedError {
  if (error instanceof ConnectionFailure) {
    const looksLike = error.learnt.looksLike ?? null
    return { kind: error.kind, message: error.message, hint: error.hint, looksLike }
  }
  const chain = errorChain(error)
  const where = ctx.port === null ? ctx.host : `${ctx.host}:${ctx.port}`
  const what = ENDPOINT_LABELS[ctx.endpoint]

  // PostgreSQL failures without a code of their own (classify-postgres.ts).
  if (ctx.endpoint !== 'couchdb') {
    const postgres = classifyPostgres(chain, ctx, where)
    if (postgres) return postgres
  }

  const sql = chain.find((e) => SQLSTATE.test(text(e.code)) && e.severity !== undefined)
  if (sql) return classifySqlState(text(sql.code), text(sql.message), ctx, where)
  const http = ctx.endpoint === 'couchdb' ? classifyHttpError(chain, ctx, where) : null
  if (http) return http

  const codes = chain.map((e) => text(e.code)).filter(Boolean)
  const messages = chain.map((e) => text(e.message)).join(' | ')
  const has = (test: (code: string) => boolean) => codes.some(test)

  if (has((c) => DNS_CODES.has(c))) {
    return {
      kind: 'dns',
      message: `The name “${ctx.host}” could not be found (DNS lookup failed).`,
      hint: 'Check the spelling of the host name, and that this machine can resolve it: a VPN, an SSH tunnel or an /etc/hosts entry may be needed.',
    }
  }
  if (has((c) => c === 'ECONNREFUSED')) {
    return {
      kind: 'refused',
      message: `${where} refused the connection: nothing is listening on that port.`,
      hint:
        ctx.endpoint === 'couchdb'
          ? 'Check the port and that the server is running. Behind nginx, CHT’s CouchDB is reached over https on port 443; port 5984 only for a bare CouchDB.'
          : 'Check the port (PostgreSQL uses 5432 by default), that the server is running, and that it listens on this address (listen_addresses, firewall, Docker port mapping).',
    }
  }
  if (has((c) => UNREACHABLE_CODES.has(c))) {
    return {
      kind: 'refused',
      message: `${where} cannot be reached from this machine (no route to the host).`,
      hint: 'Check the host name or address and the network in between: a VPN or an SSH tunnel may be needed.',
    }
  }
  const timedOut =
    has((c) => TIMEOUT_CODES.has(c)) ||
    chain.some((e) => e.name === 'TimeoutError') ||
    TIMEOUT_MESSAGE.test(messages)
  if (timedOut) {
    return {
      kind: 'timeout',
      message: `${where} did not answer within ${Math.round(ctx.timeoutMs / 100) / 10} s.`,
      hint: 'A firewall may be dropping the traffic, the port may belong to another service, or the server is overloaded. Check the host and port, then test again.',
    }
  }
  if (has((c) => TLS_CODE.test(c)) || TLS_MESSAGE.test(messages)) {
    return classifyTls(codes, messages, ctx, where)
  }
  if (has((c) => c === 'ECONNRESET' || c === 'EPIPE' || c === 'UND_ERR_SOCKET')) {
    return {
      kind: 'other',
      message: `${where} closed the connection before answering.`,
      hint:
        ctx.endpoint === 'couchdb'
          ? 'If the server only speaks https on this port, change the address to https://. Otherwise check that the address really is the CouchDB.'
          : `If this server only accepts encrypted connections, set SSL to “require”. Otherwise check that ${where} is a PostgreSQL server.`,
    }
  }
  const first = text(chain[0]?.message) || String(error)
  return {
    kind: 'other',
    message: `The ${what} test failed: ${first.slice(0, 300)}`,
    hint: 'Check the connection details and test again; the wizard’s log has the technical detail.',
  }
}

function classifySqlState(
  code: string,
  message: string,
  ctx: ClassifyContext,
  where: string,
): ClassifiedError {
  const envVar = PASSWORD_ENV_VARS[ctx.endpoint]
  switch (code) {
    case '28P01':
      return {
        kind: 'auth',
        message: `${where} refused the user name or password (${message}).`,
        hint: `Check the user name, then type the password again (browser mode and the command line also read ${envVar}).`,
      }
    case '28000':
      if (/no encryption/i.test(message)) {
        return {
          kind: 'tls',
          message: `${where} accepts only encrypted connections (${message}).`,
          hint: 'Set SSL to “require” (or “verify-full” when the server’s certificate is trusted here).',
        }
      }
      return {
        kind: 'auth',
        message: `${where} did not let this user in (${message}).`,
        hint: /pg_hba/i.test(message)
          ? 'The server’s pg_hba.conf has no rule for this user from this machine; ask the database administrator to add one.'
          : 'Check the user name; the role must exist and be allowed to log in.',
      }
    case '3D000':
      return {
        kind: 'missing_database',
        message: `${where} has no such database (${message}).`,
        hint:
          ctx.endpoint === 'chtSync'
            ? 'Check the database name: CHT Sync’s is POSTGRES_DB in its .env or values.yaml (cht_sync by default).'
            : 'Check the database name: it is the database in couch2pg’s POSTGRES_DB or connection URL.',
      }
    case '42501':
      return {
        kind: 'permission',
        message: `The user may not do this on ${where} (${message}).`,
        hint: 'Ask the database administrator for read access: CONNECT on the database, USAGE on the schema and SELECT on its tables. The wizard only reads.',
      }
    case '57014':
      return {
        kind: 'timeout',
        message: `A query on ${where} took longer than allowed and was cancelled (${message}).`,
        hint: 'The server may be overloaded; test again later, or when fewer jobs run on it.',
      }
    case '53300':
      return {
        kind: 'other',
        message: `${where} has no free connection slots (${message}).`,
        hint: 'Wait for other clients to disconnect, or ask the administrator to raise max_connections.',
      }
    default:
      return {
        kind: 'other',
        message: `${where} answered with an error (${code}: ${message}).`,
        hint: 'Check the connection details and test again.',
      }
  }
}

function classifyTls(
  codes: string[],
  messages: string,
  ctx: ClassifyContext,
  where: string,
): ClassifiedError {
  const postgres = ctx.endpoint !== 'couchdb'
  if (/does not support SSL/i.test(messages)) {
    return {
      kind: 'tls',
      message: `${where} does not support encrypted (SSL) connections.`,
      hint: 'Set SSL to “disable” for this server, or enable SSL on it.',
    }
  }
  if (codes.includes('EPROTO') || /wrong version number|ERR_SSL_WRONG_VERSION/i.test(messages)) {
    return {
      kind: 'tls',
      message: `${where} does not speak TLS: the answer was not a TLS handshake.`,
      hint: postgres
        ? 'Set SSL to “disable”, or check the port.'
        : 'The server speaks plain http on this port: use an http:// address, or the https port (443 behind nginx).',
    }
  }
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID') || /altnames|hostname/i.test(messages)) {
    return {
      kind: 'tls',
      message: `The certificate of ${where} is for another name than “${ctx.host}”.`,
      hint: 'Use the host name written on the certificate.',
    }
  }
  if (codes.some((c) => /EXPIRED|NOT_YET_VALID/.test(c))) {
    return {
      kind: 'tls',
      message: `The certificate of ${where} has expired or is not valid yet.`,
      hint: 'Renew the server’s certificate, or check this machine’s clock.',
    }
  }
  return {
    kind: 'tls',
    message: `The certificate of ${where} is not trusted here (self-signed or from an unknown authority).`,
    hint: postgres
      ? 'Install the issuing CA on this machine (NODE_EXTRA_CA_CERTS), or set SSL to “require”, which encrypts without checking the certificate.'
      : 'Install the issuing CA on this machine (NODE_EXTRA_CA_CERTS), or use the address whose certificate is trusted.',
  }
}
