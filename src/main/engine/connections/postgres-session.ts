import { createHash } from 'node:crypto'
import pg from 'pg'
import type { EndpointId, PostgresProfile } from '../../../shared/project-schema'
import { postgresTarget } from '../../../shared/connection-targets'

/** Limits of every inspection session (SEC-12). */
export interface PostgresLimits {
  /** How long to wait for the server to accept and authenticate a connection. */
  connectTimeoutMs: number
  /** The server cancels any statement that runs longer (`statement_timeout`). */
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

/**
 * The `pg` settings of an inspection session for a profile (SEC-12).
 *
 * Every session starts read-only through the startup `options` (`default_transaction_read_only`),
 * so even a statement that tried to write would fail with SQLSTATE 25006; the statement and
 * idle-in-transaction timeouts are set the same way, server side, with a client-side read timeout
 * a little longer as a backstop. SSL follows the profile: `require` encrypts without checking the
 * certificate (libpq's meaning), `verify-full` checks the chain and the host name (pg passes the
 * host as the TLS server name).
 */
export function postgresConfig(
  profile: PostgresProfile,
  password: string,
  limits: PostgresLimits = DEFAULT_POSTGRES_LIMITS,
): pg.PoolConfig {
  return {
    host: profile.host,
    port: profile.port,
    database: profile.database,
    user: profile.user,
    password,
    ssl:
      profile.ssl === 'disable'
        ? false
        : profile.ssl === 'require'
          ? { rejectUnauthorized: false }
          : { rejectUnauthorized: true },
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
    query_timeout: limits.statementTimeoutMs + 5_000,
    options: '-c default_transaction_read_only=on',
    // A test needs one connection; later checks run a couple of queries side by side at most.
    max: 3,
    idleTimeoutMillis: 30_000,
    // An idle pool must not keep the CLI alive after its work is done.
    allowExitOnIdle: true,
  }
}

/**
 * The pool key: the profile and a hash of the password, so a new password gets a new pool. The
 * key is never logged; `describe` gives the loggable form (SEC-09).
 */
function poolKey(profile: PostgresProfile, password: string): string {
  const secret = createHash('sha256').update(password).digest('hex')
  return JSON.stringify([
    profile.host,
    profile.port,
    profile.database,
    profile.user,
    profile.ssl,
    secret,
  ])
}

/** The pools of the open project: one per endpoint, replaced when the profile or password changes. */
export interface PostgresPools {
  /** The read-only pool for this endpoint's profile and password, created on first use. */
  get(endpoint: EndpointId, profile: PostgresProfile, password: string): pg.Pool
  /** Ends every pool (the project closed or changed, or the process is stopping). */
  closeAll(): Promise<void>
  /** How many pools are open (for tests and diagnostics). */
  readonly size: number
}

export interface PostgresPoolsOptions {
  limits?: PostgresLimits
  log?: (message: string, error?: unknown) => void
}

/**
 * Creates the registry of inspection pools (SEC-12).
 *
 * A pool whose idle connection dies (the server restarted, a network blip) emits `error`; the
 * registry logs it with the target only, never the password, instead of letting it crash the
 * process.
 */
export function createPostgresPools(options: PostgresPoolsOptions = {}): PostgresPools {
  const limits = options.limits ?? DEFAULT_POSTGRES_LIMITS
  const log = options.log ?? ((message: string) => console.error(`[cht-migrate] ${message}`))
  const pools = new Map<EndpointId, { key: string; pool: pg.Pool }>()

  const end = (pool: pg.Pool) =>
    pool.end().catch((e: unknown) => log('closing a database pool failed', e))

  return {
    get(endpoint, profile, password) {
      const key = poolKey(profile, password)
      const current = pools.get(endpoint)
      if (current?.key === key) return current.pool
      if (current) void end(current.pool)
      const pool = new pg.Pool(postgresConfig(profile, password, limits))
      const target = postgresTarget(profile)
      pool.on('error', (e) => log(`an idle connection to ${target} failed: ${e.message}`))
      pools.set(endpoint, { key, pool })
      return pool
    },
    async closeAll() {
      const open = [...pools.values()]
      pools.clear()
      await Promise.all(open.map(({ pool }) => end(pool)))
    },
    get size() {
      return pools.size
    },
  }
}

/** Quotes an identifier (schema, table) with the driver's helper; never concatenate raw names. */
export const ident = (name: string): string => pg.escapeIdentifier(name)

/** `"schema"."table"`, both parts quoted. */
export const qualified = (schema: string, table: string): string =>
  `${ident(schema)}.${ident(table)}`
