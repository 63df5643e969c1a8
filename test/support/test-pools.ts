import type pg from 'pg'
import { createPostgresPools, type PostgresPools } from '../../src/main/engine/db/pools'
import type { PostgresProfile } from '../../src/shared/project-schema'
import { testPostgres } from './test-postgres'

/** Limits short enough for tests, long enough for a loaded machine to connect in time. */
export const TEST_LIMITS = {
  connectTimeoutMs: 2_000,
  statementTimeoutMs: 5_000,
  idleInTransactionTimeoutMs: 60_000,
}

/** A profile for a database of the run's PostgreSQL, as its superuser unless overridden. */
export function harnessProfile(
  database: string,
  overrides: Partial<PostgresProfile> = {},
): PostgresProfile {
  const server = testPostgres()
  return {
    host: server.host,
    port: server.port,
    database,
    user: server.user,
    ssl: 'disable',
    ...overrides,
  }
}

/**
 * The engine's read-only pools (engine/db) on a database of the run's PostgreSQL: `pool()` gives
 * the inspection pool of `couch2pg`'s slot, `close()` ends them all.
 */
export function harnessPools(database: string): {
  pools: PostgresPools
  pool: (overrides?: Partial<PostgresProfile>, password?: string | null) => Promise<pg.Pool>
  close: () => Promise<void>
} {
  const pools = createPostgresPools({ limits: TEST_LIMITS, log: () => undefined })
  return {
    pools,
    pool: (overrides = {}, password = testPostgres().password) =>
      pools.get('couch2pg', harnessProfile(database, overrides), password),
    close: () => pools.closeAll(),
  }
}

/** Backends of the run's server currently running a statement whose text contains `fragment`. */
export async function runningStatements(client: pg.ClientBase, fragment: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE state = 'active' AND pid <> pg_backend_pid() AND strpos(query, $1) > 0`,
    [fragment],
  )
  return rows[0]?.n ?? 0
}
