import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { takeUsageSnapshot } from '../../../../src/main/engine/teardown/usage-snapshot'
import { createWorkerPool, type WorkerPool } from '../../../../src/main/engine/workers/worker-pool'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'

/**
 * Usage snapshots of a couch2pg database: the scans of each relation and the pg_stat_statements
 * calls that name it grow with reads between two snapshots, and stay put without them.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>
let client: pg.Client
let pool: pg.Pool
let workers: WorkerPool

beforeAll(async () => {
  db = await createTestDatabase('snap')
  client = await db.client()
  await client.query(`CREATE TABLE couchdb (doc jsonb);
    INSERT INTO couchdb VALUES ('{"_id": "a", "type": "person"}');
    CREATE VIEW formview_x AS SELECT doc->>'_id' AS uuid FROM couchdb;
    CREATE TABLE untouched (id int);
    CREATE EXTENSION IF NOT EXISTS pg_stat_statements`)
  pool = new pg.Pool({ ...testPostgres(), database: db.name, max: 2 })
  workers = createWorkerPool({ maxWorkers: 1 })
})

afterAll(async () => {
  await pool?.end()
  await workers?.dispose()
  await client?.end()
  await db?.drop()
})

const signal = () => new AbortController().signal
/** Statistics reach the views asynchronously: wait until the collector has flushed. */
const flushStats = async () => {
  await client.query('SELECT pg_stat_force_next_flush()').catch(() => undefined)
  await new Promise((r) => setTimeout(r, 600))
}

describe('takeUsageSnapshot', () => {
  it('sees reads between two snapshots, per relation', async () => {
    await flushStats()
    const before = await takeUsageSnapshot(pool, workers, signal())
    expect(Object.keys(before.relations).sort()).toEqual([
      'table:public.couchdb',
      'table:public.untouched',
      'view:public.formview_x',
    ])
    for (let i = 0; i < 3; i++) await client.query('SELECT * FROM formview_x')
    await flushStats()
    const after = await takeUsageSnapshot(pool, workers, signal())
    const grew = (key: string) => {
      const a = after.relations[key]!
      const b = before.relations[key]!
      return (
        (a.seqScans ?? 0) + (a.statementCalls ?? 0) - (b.seqScans ?? 0) - (b.statementCalls ?? 0)
      )
    }
    expect(grew('table:public.couchdb')).toBeGreaterThanOrEqual(3)
    expect(after.relations['view:public.formview_x']!.statementCalls).toBeGreaterThanOrEqual(3)
    expect(grew('table:public.untouched')).toBe(0)
    expect(after.statsReset).toBe(before.statsReset)
  })
})
