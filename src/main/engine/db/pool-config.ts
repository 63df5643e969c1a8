import type pg from 'pg'
import type { PostgresProfile } from '../../../shared/project-schema'
import type { SslMaterial } from './ssl-files'

/** Limits of every inspection session (SEC-12). */
export interface PostgresLimits {
  /** How long to wait for the server to accept and authenticate a connection. */
  connectTimeoutMs: number
  /**
   * The session's default `statement_timeout`: a backstop only, since every transaction the gate
   * opens sets its own (`SET LOCAL`) from the operation's profile.
   */
  statementTimeoutMs: number
  /** The server ends a session left idle inside a transaction (`idle_in_transaction_session_timeout`). */
  idleInTransactionTimeoutMs: number
}

export const DEFAULT_POSTGRES_LIMITS: PostgresLimits = {
  connectTimeoutMs: 8_000,
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
}

/** What `application_name` says, so a DBA can see (and end) the wizard's sessions. */
export const APPLICATION_NAME = 'cht-migrate'

/** True for a profile whose host is a Unix socket folder (`/var/run/postgresql`). */
export const isSocketHost = (host: string): boolean => host.startsWith('/')

/**
 * The `pg` settings of an inspection session for a profile (SEC-12).
 *
 * - The password is optional: without one, pg falls back to `PGPASSWORD` and then `.pgpass`
 *   (`PGPASSFILE`), like libpq, and a server that trusts the user or checks a client certificate
 *   lets the session in. A missing password is an error only when the server asks for one
 *   (classified as `no_password`).
 * - Every session starts read-only through the startup `options` (`default_transaction_read_only`),
 *   as defence in depth under the gate's own `BEGIN READ ONLY`; the statement and idle-in-
 *   transaction timeouts are set the same way, server side.
 * - TLS follows libpq's modes: `require` encrypts without checking the certificate, unless a CA
 *   file is given (then the chain is checked but not the name, libpq's `verify-ca`); `verify-full`
 *   checks the chain and the host name. Client certificate and key come from `ssl`'s files. A
 *   Unix socket never uses TLS (libpq ignores sslmode there too).
 */
export function postgresConfig(
  profile: PostgresProfile,
  password: string | null,
  limits: PostgresLimits = DEFAULT_POSTGRES_LIMITS,
  ssl: SslMaterial = {},
): pg.PoolConfig {
  return {
    host: profile.host,
    port: profile.port,
    database: profile.database,
    user: profile.user,
    // Left out rather than empty: pg looks up PGPASSWORD and .pgpass only when none is given.
    ...(password === null ? {} : { password }),
    ssl: tlsOptions(profile, ssl),
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
    options: '-c default_transaction_read_only=on',
    // A test needs one connection; later checks run a couple of queries side by side at most.
    max: 3,
    idleTimeoutMillis: 30_000,
    // An idle pool must not keep the CLI alive after its work is done.
    allowExitOnIdle: true,
  }
}

function tlsOptions(profile: PostgresProfile, files: SslMaterial): pg.PoolConfig['ssl'] {
  if (profile.ssl === 'disable' || isSocketHost(profile.host)) return false
  const material = {
    ...(files.ca ? { ca: files.ca } : {}),
    ...(files.cert ? { cert: files.cert } : {}),
    ...(files.key ? { key: files.key } : {}),
  }
  if (profile.ssl === 'verify-full') return { ...material, rejectUnauthorized: true }
  if (files.ca) {
    // libpq: `require` with a root certificate verifies the chain (verify-ca), not the name.
    return { ...material, rejectUnauthorized: true, checkServerIdentity: () => undefined }
  }
  return { ...material, rejectUnauthorized: false }
}
