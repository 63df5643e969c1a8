import { createHash } from 'node:crypto'
import pg from 'pg'
import { postgresTarget } from '../../../shared/connection-targets'
import type { EndpointId, PostgresProfile } from '../../../shared/project-schema'
import { ClosingClient } from './closing-client'
import { DEFAULT_POSTGRES_LIMITS, postgresConfig, type PostgresLimits } from './pool-config'
import { loadSslFiles } from './ssl-files'
import { stderrLog } from '../log/log'

/**
 * The pool key: the profile (with its TLS file paths) and a hash of the password, so a new
 * password or certificate gets a new pool. The key is never logged (SEC-09).
 */
function poolKey(profile: PostgresProfile, password: string | null): string {
  const secret = password === null ? null : createHash('sha256').update(password).digest('hex')
  return JSON.stringify([
    profile.host,
    profile.port,
    profile.database,
    profile.user,
    profile.ssl,
    profile.sslFiles ?? null,
    secret,
  ])
}

/** The pools of the open project: one per endpoint, replaced when the profile or password changes. */
export interface PostgresPools {
  /**
   * The read-only pool for this endpoint's profile and password (null: none, see
   * `postgresConfig`), created on first use. Reads the profile's TLS files when it creates one
   * (`SslFileError` when they cannot be used).
   */
  get(endpoint: EndpointId, profile: PostgresProfile, password: string | null): Promise<pg.Pool>
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
 * process. Two callers asking at once for the same endpoint share one pool.
 */
export function createPostgresPools(options: PostgresPoolsOptions = {}): PostgresPools {
  const limits = options.limits ?? DEFAULT_POSTGRES_LIMITS
  const log = options.log ?? ((message: string) => stderrLog.error(message))
  const pools = new Map<EndpointId, { key: string; pool: Promise<pg.Pool> }>()

  const end = (pool: Promise<pg.Pool>) =>
    pool
      .then((p) => p.end())
      .catch((e: unknown) => {
        if (!(e instanceof Error && e.name === 'SslFileError'))
          log('closing a database pool failed', e)
      })

  const open = async (profile: PostgresProfile, password: string | null): Promise<pg.Pool> => {
    const ssl = await loadSslFiles(profile.sslFiles)
    const pool = new pg.Pool({
      ...postgresConfig(profile, password, limits, ssl),
      Client: ClosingClient,
    })
    const target = postgresTarget(profile)
    pool.on('error', (e) => log(`an idle connection to ${target} failed: ${e.message}`))
    return pool
  }

  return {
    get(endpoint, profile, password) {
      const key = poolKey(profile, password)
      const current = pools.get(endpoint)
      if (current?.key === key) return current.pool
      if (current) void end(current.pool)
      const pool = open(profile, password)
      pools.set(endpoint, { key, pool })
      // A profile whose files cannot be read gets no pool: the next test reads them again.
      pool.catch(() => {
        if (pools.get(endpoint)?.pool === pool) pools.delete(endpoint)
      })
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
