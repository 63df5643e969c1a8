import { afterAll, describe, expect, it } from 'vitest'
import type { ChtSyncFacts, Couch2pgFacts } from '../../../../src/shared/results/connection-result'
import { expectConnected, factsOf, warningsOf } from '../../../support/connection-results'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'
import {
  chtSyncProfile,
  chtSyncV2Shape,
  connectionsWith,
  COUCH2PG_SHAPE,
  postgresProfile,
  testService,
} from './fixtures'

/**
 * What the probes find in real databases shaped like couch2pg's and like each era of CHT Sync's
 * (table and column names from the domain reference, 1.5, 2.1, 2.3, 2.9 and 3): typed facts, and
 * the sentences `describeConnection` makes of them.
 */
const service = testService()
const server = testPostgres()
const dbs: { drop: () => Promise<void> }[] = []
const password = { typed: server.password }

async function database(prefix: string, sql: string) {
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

afterAll(async () => {
  await service.closeAll()
  for (const db of dbs) await db.drop()
})

describe('couch2pg database', () => {
  it('is recognised, with its release, exact counts of small tables and its sources', async () => {
    const db = await database('couch2pg', COUCH2PG_SHAPE)
    const result = await service.test(
      'couch2pg',
      connectionsWith({ couch2pg: postgresProfile(db.name) }),
      password,
    )
    const details = expectConnected(result)
    expect(result.verdict).toBe('pass')
    expect(details.serverLabel).toMatch(/^PostgreSQL 16\.\d+/)
    const facts = details.facts as Couch2pgFacts
    expect(facts).toMatchObject({
      endpoint: 'couch2pg',
      server: { database: db.name, user: server.user },
      schema: 'public',
      release: '3.7',
      releaseFrom: 'migrations',
      migrations: [
        { table: 'couch2pg_migrations', latest: 201803202020 },
        { table: 'xmlforms_migrations', latest: 202306221510 },
        { table: 'users_meta_migrations', latest: 202607231202 },
      ],
      progress: {
        table: true,
        sources: ['cht.example.org:443/medic', 'cht.example.org:443/medic-sentinel'],
      },
    })
    // Analysed and small (1,200 rows), never analysed (0 rows): both counted exactly.
    expect(facts.tables).toContainEqual({ name: 'couchdb', rows: 1200, exact: true })
    expect(facts.tables).toContainEqual({ name: 'couchdb_users_meta', rows: 0, exact: true })
    const found = factsOf(result)
    expect(found['Looks like']).toBe('couch2pg 3.7 (from its migration tables)')
    expect(found['Tables in schema public']).toContain('couchdb (1,200 rows)')
    expect(found['Tables in schema public']).toContain('couchdb_users_meta (0 rows)')
    expect(found['Progress sources']).toBe(
      '2: cht.example.org:443/medic (seq 4711), cht.example.org:443/medic-sentinel (seq 99)',
    )
    expect(found.Session).toBe('read-only')
    expect(result.summary).toMatch(/^Connected to PostgreSQL 16\.\d+: couch2pg 3\.7/)
  })

  it('gives the planner’s estimate, not a count, for a big analysed table', async () => {
    const db = await database(
      'couch2pg-big',
      `CREATE TABLE couchdb (doc jsonb);
       INSERT INTO couchdb SELECT '{}'::jsonb FROM generate_series(1, 120000);
       ANALYZE couchdb;`,
    )
    const result = await service.test(
      'couch2pg',
      connectionsWith({ couch2pg: postgresProfile(db.name) }),
      password,
    )
    const facts = expectConnected(result).facts as Couch2pgFacts
    const table = facts.tables.find((t) => t.name === 'couchdb')
    expect(table?.exact).toBe(false)
    expect(table?.rows).toBeGreaterThan(100_000)
    expect(factsOf(result)['Tables in schema public']).toMatch(/^couchdb \(about [\d,]+ rows\)$/)
  })

  it('is recognised without migration tables, its release read from its tables', async () => {
    const db = await database('couch2pg-bare', 'CREATE TABLE couchdb (doc jsonb)')
    const result = await service.test(
      'couch2pg',
      connectionsWith({ couch2pg: postgresProfile(db.name) }),
      password,
    )
    const facts = expectConnected(result).facts as Couch2pgFacts
    expect(facts.release).toBe('before 3.2')
    expect(facts.releaseFrom).toBe('tables')
    expect(facts.migrations).toEqual([])
    expect(facts.progress).toEqual({ table: false, sources: [], bySource: [], truncated: false })
    expect(factsOf(result)['Looks like']).toBe(
      'couch2pg before 3.2 (from its tables; no migration tables)',
    )
    expect(factsOf(result)['Progress sources']).toBe('no couchdb_progress table')
  })
})

describe('CHT Sync database', () => {
  it('v2 with cht-pipeline 2: era, progress, dbt state, and a warning of the failed dbt run', async () => {
    const db = await database('sync-v2', chtSyncV2Shape('v1'))
    const result = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name) }),
      password,
    )
    const facts = expectConnected(result).facts as ChtSyncFacts
    // The latest invocation ('new') has one model that failed: a warning, not a green card.
    expect(result.verdict).toBe('warn')
    expect(facts).toMatchObject({
      endpoint: 'chtSync',
      schema: 'v1',
      table: 'couchdb',
      era: 'v2',
      pipeline: 'v2',
      dataemon: 'v2',
      rawRows: 300,
      rawRowsExact: true,
      rawSplit: { live: 300, deleted: 0, exact: true },
      progress: { state: 'read', sources: 2, pending: 3, monitoringColumns: true },
      dbtLastRun: { results: 2, failed: 1 },
      schemaClash: false,
    })
    const found = factsOf(result)
    expect(found['Looks like']).toBe('CHT Sync 2.x (the raw table has a source column)')
    expect(found['Raw table v1.couchdb']).toBe('300 rows: 300 live, 0 deleted stubs')
    expect(found.Progress).toMatch(
      /^2 sources, 3 changes pending, last update \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    )
    expect(found['Latest dbt run']).toMatch(
      /^2 results, 1 not successful \(ended \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/,
    )
    expect(found['cht-pipeline']).toBe('version 2 (document_metadata has instance and dbname)')
    expect(warningsOf(result)).toEqual([
      expect.stringMatching(
        /^The latest dbt run \(ended \d{4}-\d\d-\d\d \d\d:\d\d UTC\) failed for 1 model or test of 2: /,
      ),
    ])
    expect(result.summary).toMatch(/\. Warning: The latest dbt run .* failed for 1 model or test/)
  })

  it('a latest dbt run whose failures are only warnings of tests passes', async () => {
    const db = await database(
      'sync-v2-ok',
      `${chtSyncV2Shape('v1')}
       UPDATE v1.dbt_results SET status = 'warn' WHERE invocation_id = 'new' AND status = 'error';`,
    )
    const result = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name) }),
      password,
    )
    expect(result.verdict).toBe('pass')
    expect((expectConnected(result).facts as ChtSyncFacts).dbtLastRun).toMatchObject({
      results: 2,
      failed: 0,
    })
  })

  it('v1.x: _deleted without source, and a warning when cht-pipeline 2 is on it', async () => {
    const db = await database(
      'sync-v1',
      `${chtSyncV2Shape('v1')}
       ALTER TABLE v1.couchdb DROP COLUMN source;
       ALTER TABLE v1._dataemon DROP COLUMN manifest, DROP COLUMN dbt_selector;
       DELETE FROM v1.dbt_results;`,
    )
    const result = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name) }),
      password,
    )
    const facts = expectConnected(result).facts as ChtSyncFacts
    expect(facts).toMatchObject({ era: 'v1', dataemon: 'v1', pipeline: 'v2' })
    expect(facts.dbtLastRun).toEqual({ endedAt: null, results: 0, failed: 0 })
    expect(factsOf(result)['Latest dbt run']).toBe('none recorded')
    expect(result.verdict).toBe('warn')
    expect(warningsOf(result)).toEqual([
      expect.stringMatching(/cht-pipeline 2 needs the source column/),
    ])
    expect(result.summary).toMatch(/Warning: cht-pipeline 2 needs the source column/)
  })

  it('before 1.0: progress without pending/updated_at', async () => {
    const db = await database(
      'sync-pre1',
      `CREATE SCHEMA v1;
       CREATE TABLE v1.couchdb (saved_timestamp timestamp, _id varchar PRIMARY KEY, _deleted boolean, doc jsonb);
       CREATE TABLE v1.couchdb_progress (seq varchar, source varchar PRIMARY KEY);
       INSERT INTO v1.couchdb_progress VALUES ('1-a', 'cht/medic');`,
    )
    const result = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name) }),
      password,
    )
    const facts = expectConnected(result).facts as ChtSyncFacts
    expect(facts).toMatchObject({
      era: 'v1',
      pipeline: null,
      dbtLastRun: null,
      progress: { state: 'read', sources: 1, pending: null, monitoringColumns: false },
    })
    expect(factsOf(result).Progress).toBe('1 source, no pending/updated_at columns (before 1.0)')
    expect(factsOf(result)['cht-pipeline']).toBe('no models yet (no document_metadata table)')
  })

  it('the Logstash era: one table per database with @timestamp and _rev, no progress table', async () => {
    const db = await database(
      'sync-logstash',
      `CREATE SCHEMA v1;
       CREATE TABLE v1.medic ("@version" text, "@timestamp" timestamp, _id text, _rev text, doc jsonb,
                              doc_as_upsert boolean, UNIQUE (_id, _rev));`,
    )
    const result = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name, { table: 'medic' }) }),
      password,
    )
    const facts = expectConnected(result).facts as ChtSyncFacts
    expect(facts.era).toBe('logstash')
    expect(facts.progress).toEqual({ state: 'absent' })
    expect(factsOf(result).Progress).toBe('no couchdb_progress table')
  })

  it('warns, without failing, about schema public inside the couch2pg database', async () => {
    const db = await database(
      'sync-public',
      `${chtSyncV2Shape('public').replace('CREATE SCHEMA "public";', '')}
       DELETE FROM public.dbt_results WHERE status = 'error';`,
    )
    const couch2pg = postgresProfile(db.name)
    const chtSync = chtSyncProfile(db.name, { schema: 'public' })
    const result = await service.test('chtSync', connectionsWith({ couch2pg, chtSync }), password)
    const facts = expectConnected(result).facts as ChtSyncFacts
    expect(facts.schemaClash).toBe(true)
    expect(result.verdict).toBe('warn')
    expect(warningsOf(result)).toEqual([expect.stringMatching(/clash with couch2pg’s/)])
  })

  it('sees the clash when one profile says localhost and the other 127.0.0.1', async () => {
    const db = await database(
      'sync-public-lo',
      `${chtSyncV2Shape('public').replace('CREATE SCHEMA "public";', '')}
       DELETE FROM public.dbt_results WHERE status = 'error';`,
    )
    expect(server.host).toBe('127.0.0.1')
    // couch2pg's profile is only compared, never connected: localhost may resolve to ::1 first.
    const couch2pg = postgresProfile(db.name, { host: 'localhost' })
    const chtSync = chtSyncProfile(db.name, { schema: 'public' })
    const result = await service.test('chtSync', connectionsWith({ couch2pg, chtSync }), password)
    expect((expectConnected(result).facts as ChtSyncFacts).schemaClash).toBe(true)
    expect(warningsOf(result)).toEqual([expect.stringMatching(/clash with couch2pg’s/)])
    // Another database on the same server is no clash.
    const other = postgresProfile('another_database', { host: 'localhost' })
    const apart = await service.test(
      'chtSync',
      connectionsWith({ couch2pg: other, chtSync }),
      password,
    )
    expect((expectConnected(apart).facts as ChtSyncFacts).schemaClash).toBe(false)
  })
})
