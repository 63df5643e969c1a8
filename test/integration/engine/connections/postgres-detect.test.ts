import { afterAll, describe, expect, it } from 'vitest'
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
 * (table and column names from the domain reference, 1.5, 2.1, 2.3, 2.9 and 3).
 */
const service = testService()
const server = testPostgres()
const dbs: { drop: () => Promise<void> }[] = []

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

const facts = (report: { found: { label: string; value: string }[] }) =>
  Object.fromEntries(report.found.map((f) => [f.label, f.value]))

describe('couch2pg database', () => {
  it('is recognised, with its release from the migration tables, row estimates and sources', async () => {
    const db = await database('couch2pg', COUCH2PG_SHAPE)
    const report = await service.test(
      'couch2pg',
      connectionsWith({ couch2pg: postgresProfile(db.name) }),
      server.password,
    )
    expect(report.error).toBeNull()
    expect(report.ok).toBe(true)
    expect(report.serverVersion).toMatch(/^PostgreSQL 16\.\d+/)
    expect(report.detected).toMatchObject({
      kind: 'couch2pg',
      schema: 'public',
      couch2pgRelease: '3.7',
      users_meta_migrations: 202607231202,
      xmlforms_migrations: 202306221510,
      couch2pg_migrations: 201803202020,
      'rows.couchdb': 1200,
      progressSources: 2,
    })
    const found = facts(report)
    expect(found['Looks like']).toBe('couch2pg 3.7 (from its migration tables)')
    expect(found['Tables in schema public']).toContain('couchdb (about 1,200 rows)')
    expect(found['Tables in schema public']).toContain('couchdb_users_meta (not analysed yet)')
    expect(found['Progress sources']).toBe(
      '2: cht.example.org:443/medic, cht.example.org:443/medic-sentinel',
    )
    expect(found.Session).toBe('read-only')
  })

  it('is recognised without migration tables, as couch2pg of unknown release', async () => {
    const db = await database('couch2pg-bare', 'CREATE TABLE couchdb (doc jsonb)')
    const report = await service.test(
      'couch2pg',
      connectionsWith({ couch2pg: postgresProfile(db.name) }),
      server.password,
    )
    expect(report.ok).toBe(true)
    expect(report.detected.couch2pgRelease).toBeNull()
    expect(facts(report)['Looks like']).toBe('couch2pg (release unknown: no migration tables)')
    expect(facts(report)['Progress sources']).toBe('no couchdb_progress table')
  })
})

describe('CHT Sync database', () => {
  it('v2 with cht-pipeline 2: era, progress, dbt state and the latest dbt run', async () => {
    const db = await database('sync-v2', chtSyncV2Shape('v1'))
    const report = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name) }),
      server.password,
    )
    expect(report.error).toBeNull()
    expect(report.detected).toMatchObject({
      kind: 'cht-sync',
      chtSyncEra: 'v2',
      pipelineVersion: 'v2',
      dataemon: 'v2',
      rawRowsEstimate: 300,
      progressSources: 2,
      progressPending: 3,
      progressHasMonitoring: true,
      dbtLastRunFailed: 1,
    })
    const found = facts(report)
    expect(found['Looks like']).toBe('CHT Sync 2.x (the raw table has a source column)')
    expect(found['Raw table v1.couchdb']).toBe('about 300 rows')
    expect(found.Progress).toMatch(
      /^2 sources, 3 changes pending, last update \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    )
    expect(found['Latest dbt run']).toMatch(
      /^2 results, 1 not successful \(ended \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/,
    )
    expect(found['cht-pipeline']).toBe('version 2 (document_metadata has instance and dbname)')
    expect(found.Warning).toBeUndefined()
  })

  it('v1.x: _deleted without source, and a warning when cht-pipeline 2 is on it', async () => {
    const db = await database(
      'sync-v1',
      `${chtSyncV2Shape('v1')}
       ALTER TABLE v1.couchdb DROP COLUMN source;
       ALTER TABLE v1._dataemon DROP COLUMN manifest, DROP COLUMN dbt_selector;`,
    )
    const report = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name) }),
      server.password,
    )
    expect(report.ok).toBe(true)
    expect(report.detected).toMatchObject({
      chtSyncEra: 'v1',
      dataemon: 'v1',
      pipelineVersion: 'v2',
    })
    expect(facts(report).Warning).toMatch(/cht-pipeline 2 needs the source column/)
  })

  it('before 1.0: progress without pending/updated_at', async () => {
    const db = await database(
      'sync-pre1',
      `CREATE SCHEMA v1;
       CREATE TABLE v1.couchdb (saved_timestamp timestamp, _id varchar PRIMARY KEY, _deleted boolean, doc jsonb);
       CREATE TABLE v1.couchdb_progress (seq varchar, source varchar PRIMARY KEY);
       INSERT INTO v1.couchdb_progress VALUES ('1-a', 'cht/medic');`,
    )
    const report = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name) }),
      server.password,
    )
    expect(report.ok).toBe(true)
    expect(report.detected).toMatchObject({
      chtSyncEra: 'v1',
      progressHasMonitoring: false,
      pipelineVersion: null,
    })
    expect(facts(report).Progress).toBe('1 source, no pending/updated_at columns (before 1.0)')
    expect(facts(report)['cht-pipeline']).toBe('no models yet (no document_metadata table)')
  })

  it('the Logstash era: one table per database with @timestamp and _rev, no progress table', async () => {
    const db = await database(
      'sync-logstash',
      `CREATE SCHEMA v1;
       CREATE TABLE v1.medic ("@version" text, "@timestamp" timestamp, _id text, _rev text, doc jsonb,
                              doc_as_upsert boolean, UNIQUE (_id, _rev));`,
    )
    const report = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name, { table: 'medic' }) }),
      server.password,
    )
    expect(report.ok).toBe(true)
    expect(report.detected.chtSyncEra).toBe('logstash')
    expect(facts(report).Progress).toBe('no couchdb_progress table')
  })

  it('warns, without failing, about schema public inside the couch2pg database', async () => {
    const db = await database(
      'sync-public',
      chtSyncV2Shape('public').replace('CREATE SCHEMA "public";', ''),
    )
    const couch2pg = postgresProfile(db.name)
    const chtSync = chtSyncProfile(db.name, { schema: 'public' })
    const report = await service.test(
      'chtSync',
      connectionsWith({ couch2pg, chtSync }),
      server.password,
    )
    expect(report.ok).toBe(true)
    expect(report.detected.schemaClash).toBe(true)
    expect(facts(report).Warning).toMatch(/clash with couch2pg’s/)
  })
})
