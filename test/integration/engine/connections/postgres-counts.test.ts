import { afterAll, describe, expect, it } from 'vitest'
import type { ChtSyncFacts, Couch2pgFacts } from '../../../../src/shared/results/connection-result'
import { expectConnected, factsOf } from '../../../support/connection-results'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'
import { chtSyncProfile, connectionsWith, postgresProfile, testService } from './fixtures'

/**
 * Row counts on the run's real PostgreSQL: a small table is counted exactly whatever the planner
 * says of it (never analysed, PostgreSQL 13's 0 for that, analysed while empty), and CHT Sync's
 * raw table is split into live rows and `_deleted` stubs, exactly or from its statistics.
 * Autovacuum is off on these tables so that nothing analyses them behind the test's back.
 */
const service = testService()
const server = testPostgres()
const dbs: { drop: () => Promise<void> }[] = []
const password = { typed: server.password }

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>

async function database(prefix: string, sql: string): Promise<TestDatabase> {
  const db = await createTestDatabase(prefix)
  dbs.push(db)
  const client = await db.client()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
  return db
}

/** The planner's row estimate of a table, as the catalog holds it (-1: never analysed). */
async function reltuples(db: TestDatabase, table: string): Promise<number> {
  const client = await db.client()
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT reltuples::float8 AS n FROM pg_class WHERE oid = $1::regclass',
      [table],
    )
    return rows[0]?.n ?? NaN
  } finally {
    await client.end()
  }
}

afterAll(async () => {
  await service.closeAll()
  for (const db of dbs) await db.drop()
})

const couch2pgTest = (name: string) =>
  service.test('couch2pg', connectionsWith({ couch2pg: postgresProfile(name) }), password)

const NO_AUTOVACUUM = 'WITH (autovacuum_enabled = false)'

describe('exact counts of small tables the planner knows nothing about', () => {
  it('counts a table never analysed (PostgreSQL 14 and later: reltuples = -1)', async () => {
    const db = await database(
      'count-never',
      `CREATE TABLE couchdb (doc jsonb) ${NO_AUTOVACUUM};
       INSERT INTO couchdb SELECT jsonb_build_object('_id', 'd' || g) FROM generate_series(1, 250) g;`,
    )
    expect(await reltuples(db, 'couchdb')).toBe(-1)
    const result = await couch2pgTest(db.name)
    const facts = expectConnected(result).facts as Couch2pgFacts
    expect(facts.tables).toContainEqual({ name: 'couchdb', rows: 250, exact: true })
    expect(factsOf(result)['Tables in schema public']).toBe('couchdb (250 rows)')
  })

  it('counts a table PostgreSQL 13 would call never analysed (reltuples = 0)', async () => {
    const db = await database(
      'count-pg13',
      `CREATE TABLE couchdb (doc jsonb) ${NO_AUTOVACUUM};
       INSERT INTO couchdb SELECT jsonb_build_object('_id', 'd' || g) FROM generate_series(1, 250) g;
       UPDATE pg_class SET reltuples = 0 WHERE oid = 'couchdb'::regclass;`,
    )
    expect(await reltuples(db, 'couchdb')).toBe(0)
    const facts = expectConnected(await couch2pgTest(db.name)).facts as Couch2pgFacts
    expect(facts.tables).toContainEqual({ name: 'couchdb', rows: 250, exact: true })
  })

  it('counts a table analysed while empty and filled since (its estimate still 0)', async () => {
    const db = await database(
      'count-stale0',
      `CREATE TABLE couchdb (doc jsonb) ${NO_AUTOVACUUM};
       CREATE TABLE couchdb_progress (seq varchar, source varchar NOT NULL) ${NO_AUTOVACUUM};
       ANALYZE couchdb; ANALYZE couchdb_progress;
       INSERT INTO couchdb SELECT jsonb_build_object('_id', 'd' || g) FROM generate_series(1, 40) g;
       INSERT INTO couchdb_progress VALUES ('1-a', 'couchdb:5984/medic');`,
    )
    expect(await reltuples(db, 'couchdb')).toBe(0)
    const result = await couch2pgTest(db.name)
    const found = factsOf(result)['Tables in schema public']
    expect(found).toBe('couchdb (40 rows), couchdb_progress (1 row)')
    expect(found).not.toMatch(/unknown|\(0 rows\)/)
  })
})

describe('CHT Sync’s raw table: live rows and deleted stubs', () => {
  const rawTable = (rows: string) => `
    CREATE SCHEMA v1;
    CREATE TABLE v1.couchdb (saved_timestamp timestamp, _id varchar PRIMARY KEY, _deleted boolean,
                             source varchar, doc jsonb) ${NO_AUTOVACUUM};
    CREATE TABLE v1.couchdb_progress (seq varchar, pending integer, updated_at timestamptz,
                                      source varchar PRIMARY KEY);
    ${rows}`
  const chtSyncTest = (name: string) =>
    service.test('chtSync', connectionsWith({ chtSync: chtSyncProfile(name) }), password)

  it('is counted exactly in one statement for a small table (a NULL flag is a live row)', async () => {
    const db = await database(
      'split-exact',
      rawTable(`INSERT INTO v1.couchdb (_id, _deleted, source, doc) VALUES
        ('a', false, 'couchdb/medic', '{}'), ('b', false, 'couchdb/medic', '{}'),
        ('c', true, 'couchdb/medic', '{"_deleted": true}'), ('d', true, 'couchdb/medic', '{}'),
        ('e', NULL, 'couchdb/medic', '{}');`),
    )
    const result = await chtSyncTest(db.name)
    const facts = expectConnected(result).facts as ChtSyncFacts
    expect(facts).toMatchObject({
      rawRows: 5,
      rawRowsExact: true,
      rawSplit: { live: 3, deleted: 2, exact: true },
    })
    expect(factsOf(result)['Raw table v1.couchdb']).toBe('5 rows: 3 live, 2 deleted stubs')
  })

  it('is estimated from the column statistics for a large table, marked as an estimate', async () => {
    const db = await database(
      'split-estimate',
      rawTable(`INSERT INTO v1.couchdb (_id, _deleted, source, doc)
        SELECT 'd' || g, g % 10 = 0, 'couchdb/medic', '{}' FROM generate_series(1, 120000) g;
        ANALYZE v1.couchdb;`),
    )
    const facts = expectConnected(await chtSyncTest(db.name)).facts as ChtSyncFacts
    expect(facts.rawRowsExact).toBe(false)
    expect(facts.rawRows).toBeGreaterThan(100_000)
    const split = facts.rawSplit
    expect(split?.exact).toBe(false)
    expect((split?.live ?? 0) + (split?.deleted ?? 0)).toBe(facts.rawRows)
    // ANALYZE samples 30,000 rows: within a few points of the true 10 %.
    expect((split?.deleted ?? 0) / (facts.rawRows ?? 1)).toBeGreaterThan(0.07)
    expect((split?.deleted ?? 0) / (facts.rawRows ?? 1)).toBeLessThan(0.13)
  })

  it('is unknown for a table too large to count that was never analysed', async () => {
    const db = await database(
      'split-unknown',
      rawTable(`INSERT INTO v1.couchdb (_id, _deleted, source, doc)
        SELECT 'd' || g, false, 'couchdb/medic', '{}' FROM generate_series(1, 30) g;
        -- The planner's word for a large table, without statistics for _deleted.
        UPDATE pg_class SET reltuples = 250000 WHERE oid = 'v1.couchdb'::regclass;`),
    )
    const result = await chtSyncTest(db.name)
    const facts = expectConnected(result).facts as ChtSyncFacts
    expect(facts).toMatchObject({ rawRows: 250_000, rawRowsExact: false, rawSplit: null })
    expect(factsOf(result)['Raw table v1.couchdb']).toBe(
      'about 250,000 rows; live and deleted not known',
    )
  })
})
