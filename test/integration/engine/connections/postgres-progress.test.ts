import { afterAll, describe, expect, it } from 'vitest'
import type {
  ChtSyncFacts,
  Couch2pgFacts,
  CouchdbFacts,
} from '../../../../src/shared/results/connection-result'
import { expectConnected, factsOf, warningsOf } from '../../../support/connection-results'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'
import { chtSyncProfile, connectionsWith, postgresProfile, testService } from './fixtures'

/**
 * What real couch2pg and CHT Sync databases say about themselves without the help of migration
 * tables, and which CouchDB databases their progress rows name: by database name, whatever host
 * the pipeline used to reach CouchDB (never the wizard's address).
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

/** couch2pg's tables as its releases left them, with no Postgrator tables at all. */
const couch2pgTables = (...extra: string[]) => `
  CREATE TABLE couchdb (doc jsonb);
  CREATE TABLE couchdb_progress (seq varchar, source varchar NOT NULL);
  ${extra.map((t) => `CREATE TABLE ${t} (doc jsonb);`).join('\n')}
  INSERT INTO couchdb_progress VALUES
    ('4711-g1AAAAE7eJzLYWBg4MhgTmHgz8tPSTV0', 'couchdb:5984/medic'),
    ('99-g1AAAAB', '192.168.1.20:5984/medic-sentinel'),
    ('12', 'default-source');`

const couch2pgTest = (name: string) =>
  service.test('couch2pg', connectionsWith({ couch2pg: postgresProfile(name) }), password)

describe('couch2pg without migration tables', () => {
  it('is 3.6 or later when it has couchdb_medic_logs and couchdb_medic_users', async () => {
    const db = await database(
      'c2p-36',
      couch2pgTables('couchdb_users_meta', 'couchdb_medic_logs', 'couchdb_medic_users'),
    )
    const result = await couch2pgTest(db.name)
    const facts = expectConnected(result).facts as Couch2pgFacts
    expect(facts).toMatchObject({ release: '3.6 or later', releaseFrom: 'tables', migrations: [] })
    expect(factsOf(result)['Looks like']).toBe(
      'couch2pg 3.6 or later (from its tables; no migration tables)',
    )
    expect(result.summary).toMatch(/: couch2pg 3\.6 or later \(from its tables; no migration/)
  })

  it('is 3.2 – 3.5 with couchdb_users_meta only, and names its sources by database', async () => {
    const db = await database('c2p-35', couch2pgTables('couchdb_users_meta'))
    const result = await couch2pgTest(db.name)
    const facts = expectConnected(result).facts as Couch2pgFacts
    expect(facts.release).toBe('3.2 – 3.5')
    expect(facts.progress.truncated).toBe(false)
    expect(facts.progress.bySource).toEqual([
      {
        source: '192.168.1.20:5984/medic-sentinel',
        database: 'medic-sentinel',
        seq: '99-g1AAAAB',
        pending: null,
        updatedAt: null,
      },
      {
        source: 'couchdb:5984/medic',
        database: 'medic',
        seq: '4711-g1AAAAE7eJzLYWBg4MhgTmHgz8tPSTV0',
        pending: null,
        updatedAt: null,
      },
      { source: 'default-source', database: null, seq: '12', pending: null, updatedAt: null },
    ])
    expect(factsOf(result)['Progress sources']).toBe(
      '3: 192.168.1.20:5984/medic-sentinel (seq 99), couchdb:5984/medic (seq 4711), default-source (seq 12)',
    )
    // Nothing in couch2pg's own rows needs fixing: a legacy row is a note, not a warning.
    expect(result.verdict).toBe('pass')
  })

  it('keeps at most 50 sources, saying there are more', async () => {
    const db = await database(
      'c2p-many',
      `${couch2pgTables()}
       INSERT INTO couchdb_progress SELECT '0', 'host' || g || ':5984/medic'
         FROM generate_series(1, 60) g;`,
    )
    const facts = expectConnected(await couch2pgTest(db.name)).facts as Couch2pgFacts
    expect(facts.progress.bySource).toHaveLength(50)
    expect(facts.progress.truncated).toBe(true)
  })
})

describe('CHT Sync’s progress rows', () => {
  const shape = `
    CREATE SCHEMA v1;
    CREATE TABLE v1.couchdb (saved_timestamp timestamp, _id varchar PRIMARY KEY, _deleted boolean,
                             source varchar, doc jsonb);
    CREATE TABLE v1.couchdb_progress (seq varchar, pending integer, updated_at timestamptz,
                                      source varchar PRIMARY KEY);
    INSERT INTO v1.couchdb VALUES (now(), 'a', false, 'couchdb/medic', '{}');
    INSERT INTO v1.couchdb_progress VALUES
      ('4711-g1AAAA', 0, now(), 'couchdb/medic'),
      -- The documented typo: CHT Sync inserted its first row and never read anything.
      ('0', NULL, now() - interval '3 hours', 'couchdb/medic_sentinel');`

  it('are read by database name, and a misspelt database is a warning naming the real one', async () => {
    const db = await database('sync-sources', shape)
    const result = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(db.name) }),
      password,
    )
    const facts = expectConnected(result).facts as ChtSyncFacts
    expect(facts.progress).toMatchObject({
      state: 'read',
      sources: 2,
      bySource: [
        {
          source: 'couchdb/medic',
          database: 'medic',
          seq: '4711-g1AAAA',
          pending: 0,
          updatedAt: expect.stringMatching(/^\d{4}-/),
        },
        {
          source: 'couchdb/medic_sentinel',
          database: 'medic_sentinel',
          seq: '0',
          pending: null,
          updatedAt: expect.stringMatching(/^\d{4}-/),
        },
      ],
    })
    expect(factsOf(result)['Progress per source']).toMatch(
      /^couchdb\/medic \(seq 4711, 0 pending, updated .* UTC\); couchdb\/medic_sentinel \(seq 0, pending not known, updated .* UTC\)$/,
    )
    expect(result.verdict).toBe('warn')
    expect(warningsOf(result)).toEqual([
      'CHT Sync’s progress names “medic_sentinel”, which is not a CHT database: the real name is “medic-sentinel”; correct it in COUCHDB_DBS. Its progress is still at sequence 0: nothing was ever copied from it.',
    ])
  })

  it('are read against CouchDB’s databases and couch2pg’s sources given as context', async () => {
    const sync = await database('sync-context', shape)
    const old = await database('c2p-context', couch2pgTables('couchdb_users_meta'))
    const couchdb: CouchdbFacts = {
      endpoint: 'couchdb',
      vendor: 'couchdb',
      version: '3.3.3',
      chtVersion: '4.18.0',
      signedInAs: { name: 'admin', admin: true },
      anonymous: false,
      databases: ['medic', 'medic-sentinel', 'medic-users-meta', '_users'].map((name) => ({
        name,
        state: 'present' as const,
        docCount: 10,
        deletedCount: 0,
        httpStatus: null,
      })),
    }
    const couch2pgResult = await couch2pgTest(old.name)
    const couch2pg = expectConnected(couch2pgResult).facts as Couch2pgFacts
    const result = await service.test(
      'chtSync',
      connectionsWith({ chtSync: chtSyncProfile(sync.name) }),
      password,
      { couchdb, couch2pg },
    )
    expect(result.verdict).toBe('warn')
    expect(result.summary).toContain(
      'Warning: couch2pg copies medic-sentinel but CHT Sync does not: add medic-sentinel to COUCHDB_DBS',
    )
    expect(result.summary).toContain('the real name is “medic-sentinel”')
    // The address the wizard used for CouchDB was never compared with `couchdb` or 192.168.1.20.
    expect(JSON.stringify(result)).not.toContain('192.168.1.20')
  })
})
