import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyError } from '../../../../src/main/engine/connections/classify'
import { createConnectionService } from '../../../../src/main/engine/connections/connection-service'
import type { ChtSyncFacts } from '../../../../src/shared/results/connection-result'
import { expectConnected, expectFailure } from '../../../support/connection-results'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'
import {
  chtSyncProfile,
  chtSyncV2Shape,
  connectionsWith,
  postgresProfile,
  testService,
} from './fixtures'

/**
 * SEC-12 on a real server, as the connection service sets it up: every inspection session is
 * read-only by default with server-side timeouts and names itself, even for a statement that
 * bypassed the gate (defence in depth; the gate itself is tested in engine/db); identifiers are
 * escaped, so a hostile schema name is just a name.
 */
const server = testPostgres()
const HOSTILE_SCHEMA = 'v1"; DROP TABLE public.victim; --'
let db: Awaited<ReturnType<typeof createTestDatabase>>

beforeAll(async () => {
  db = await createTestDatabase('session')
  const client = await db.client()
  try {
    await client.query(`CREATE TABLE public.victim (id int); INSERT INTO public.victim VALUES (1)`)
    await client.query(chtSyncV2Shape(HOSTILE_SCHEMA.replace(/"/g, '""')))
  } finally {
    await client.end()
  }
})
afterAll(async () => {
  await db.drop()
})

async function victimRows(): Promise<number> {
  const client = await db.client()
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM public.victim')
    return rows[0].n
  } finally {
    await client.end()
  }
}

async function sessionsOf(applicationName: string): Promise<number> {
  const client = await db.client()
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2`,
      [db.name, applicationName],
    )
    return rows[0].n
  } finally {
    await client.end()
  }
}

describe('inspection sessions (SEC-12)', () => {
  it('are read-only by default: writes sent around the gate still fail with SQLSTATE 25006', async () => {
    const service = testService()
    try {
      const pool = await service.postgres('couch2pg', postgresProfile(db.name), server.password)
      const settings = await pool.query(
        `SELECT current_setting('default_transaction_read_only') AS ro,
                current_setting('statement_timeout') AS st,
                current_setting('idle_in_transaction_session_timeout') AS it,
                current_setting('application_name') AS app`,
      )
      expect(settings.rows[0]).toEqual({ ro: 'on', st: '5s', it: '1min', app: 'cht-migrate' })
      await expect(pool.query('INSERT INTO public.victim VALUES (2)')).rejects.toMatchObject({
        code: '25006',
      })
      await expect(pool.query('DROP TABLE public.victim')).rejects.toMatchObject({ code: '25006' })
      await expect(pool.query('CREATE TABLE public.intruder (id int)')).rejects.toMatchObject({
        code: '25006',
      })
      expect(await victimRows()).toBe(1)
    } finally {
      await service.closeAll()
    }
  })

  it('have a statement timeout that the server enforces, classified as a timeout', async () => {
    const service = createConnectionService({ limits: { statementTimeoutMs: 300 } })
    try {
      const pool = await service.postgres('chtSync', postgresProfile(db.name), server.password)
      const started = Date.now()
      const error = await pool.query('SELECT pg_sleep(5)').catch((e: unknown) => e)
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(error).toBeInstanceOf(pg.DatabaseError)
      expect((error as pg.DatabaseError).code).toBe('57014')
      const classified = classifyError(error, {
        endpoint: 'chtSync',
        host: server.host,
        port: server.port,
        timeoutMs: 300,
      })
      expect(classified.kind).toBe('timeout')
    } finally {
      await service.closeAll()
    }
  })

  it('escape identifiers: a hostile schema name is only a name, and nothing is dropped', async () => {
    const service = testService()
    try {
      const profile = chtSyncProfile(db.name, { schema: HOSTILE_SCHEMA })
      const result = await service.test('chtSync', connectionsWith({ chtSync: profile }), {
        typed: server.password,
      })
      // The probes queried the progress and dbt tables inside the hostile schema: with the name
      // spliced in unescaped, those queries would have been a syntax error (or a DROP).
      const facts = expectConnected(result).facts as ChtSyncFacts
      expect(facts).toMatchObject({ schema: HOSTILE_SCHEMA, progress: { sources: 2 } })
      const missing = chtSyncProfile(db.name, { table: 'couchdb"; DELETE FROM v1.couchdb; --' })
      const refused = await service.test('chtSync', connectionsWith({ chtSync: missing }), {
        typed: server.password,
      })
      expectFailure(refused, 'not_cht_sync')
      expect(await victimRows()).toBe(1)
    } finally {
      await service.closeAll()
    }
  })

  it('are pooled per endpoint and closed by closeAll', async () => {
    const service = testService()
    const profile = postgresProfile(db.name)
    const pool = await service.postgres('couch2pg', profile, server.password)
    expect(await service.postgres('couch2pg', profile, server.password)).toBe(pool)
    await pool.query('SELECT 1')
    expect(await sessionsOf('cht-migrate')).toBeGreaterThanOrEqual(1)
    // A new password replaces the endpoint's pool rather than adding one.
    const other = await service.postgres('couch2pg', profile, `${server.password}-changed`)
    expect(other).not.toBe(pool)
    // No password is another key too (pgpass, trust), never the previous one.
    expect(await service.postgres('couch2pg', profile, null)).not.toBe(other)
    await service.closeAll()
    await expect(pool.query('SELECT 1')).rejects.toThrow(/after calling end/)
    await expect.poll(() => sessionsOf('cht-migrate')).toBe(0)
  })
})
