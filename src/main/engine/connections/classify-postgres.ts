import { PASSWORD_ENV_VARS } from '../../../shared/connections'
import type { ConnectionError } from '../../../shared/results/connection-result'
import { AppError } from '../../../shared/result'
import type { ClassifiedError, ClassifyContext } from './classify'

interface ErrorLike {
  code?: unknown
  name?: unknown
  message?: unknown
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** pg's SCRAM client, asked for a password it was not given (pg/lib/crypto/sasl.js). */
const SASL_NO_PASSWORD = /client password must be a (non-empty )?string/i

/**
 * The PostgreSQL failures that carry no SQLSTATE or errno code, read before the generic rules:
 * the engine's own timeout and cancel, a TLS file that cannot be used, a server that asked for a
 * password none was known for, and a port that is not a PostgreSQL server at all (it closed the
 * connection, or answered the SSL request with something else, during the handshake). Null when
 * none of these applies.
 */
export function classifyPostgres(
  chain: ErrorLike[],
  ctx: ClassifyContext,
  where: string,
): ClassifiedError | null {
  const named = (name: string) => chain.find((e) => e.name === name)
  const messages = chain.map((e) => text(e.message)).join(' | ')

  const timeout = named('DbTimeoutError')
  if (timeout) {
    return {
      kind: 'timeout',
      message: `${where}: ${text(timeout.message)}`,
      hint: 'The server may be overloaded, or the network slow; test again later, or when fewer jobs run on it.',
    }
  }
  const cancelled = chain.find((e) => e instanceof AppError && e.code === 'CANCELLED')
  if (cancelled) {
    return {
      kind: 'other',
      message: `The test of ${where} was cancelled before it finished.`,
      hint: 'Test again when you are ready.',
    }
  }
  const sslFile = named('SslFileError')
  if (sslFile) {
    return {
      kind: 'tls',
      message: text(sslFile.message),
      hint: 'Check the paths under “Client certificates”: each must be a PEM file this machine can read (a CA bundle, a certificate and its key).',
    }
  }
  const sqlState = chain.map((e) => text(e.code)).find((c) => /^[0-9A-Z]{5}$/.test(c))
  if (
    ctx.passwordGiven === false &&
    (SASL_NO_PASSWORD.test(messages) || sqlState === '28P01' || /password must be/i.test(messages))
  ) {
    return {
      kind: 'no_password',
      message: `${where} asks for a password, and none is known for this connection.`,
      hint: `Type the password and test again. Browser mode and the command line also read ${PASSWORD_ENV_VARS[ctx.endpoint]}, and a .pgpass file (PGPASSFILE) works as with psql.`,
    }
  }
  // pg also says "terminated" when its own connect timeout ends a silent server: a timeout.
  const handshake = named('DbConnectError') !== undefined && !/timeout/i.test(messages)
  if (
    handshake &&
    /Connection terminated unexpectedly|error establishing an SSL connection/i.test(messages)
  ) {
    return notPostgresql(where, null)
  }
  return null
}

/**
 * The failure of a PostgreSQL profile whose port is another kind of server, sharpened by what a
 * probe of the port found (`looksLike`): an HTTP server is named as such, and a server that does
 * answer like PostgreSQL but hung up is reported as that instead.
 */
export function notPostgresql(
  where: string,
  looksLike: ConnectionError['looksLike'],
): ClassifiedError {
  if (looksLike === 'postgresql') {
    return {
      kind: 'other',
      message: `${where} closed the connection during the PostgreSQL handshake.`,
      hint: 'The port answers like PostgreSQL but ended this session: the server may be shutting down, out of connections, or a proxy in front of it refuses this client. Check the server’s log, then test again.',
      looksLike: 'postgresql',
    }
  }
  const answer =
    looksLike === 'http'
      ? 'answered like a web (HTTP) server and closed the connection during the PostgreSQL handshake'
      : 'closed the connection during the PostgreSQL handshake'
  return {
    kind: 'not_postgresql',
    message: `${where} ${answer}: this port does not look like a PostgreSQL server; check the port.`,
    hint: 'PostgreSQL listens on port 5432 by default; in Docker, use the port mapped to the database container’s 5432, not the one of a web server, CouchDB or an API.',
    looksLike,
  }
}
