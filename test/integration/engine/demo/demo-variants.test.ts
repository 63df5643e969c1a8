import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemo, type DemoDeployment } from '../../../../src/main/engine/demo/start-demo'
import {
  couchGet,
  demoClient,
  observedDifferences,
  readDemoStores,
  type DemoStores,
} from '../../../support/demo-stores'

/**
 * The variants a user and the tests can ask for: both pipelines caught up and identical
 * (`discrepancies: none`, here with couch2pg also syncing `_users`), and a couch2pg database as
 * releases before 3.6 leave it.
 */
const job = () => ({ signal: new AbortController().signal, progress: () => undefined })

describe('the demo without differences, couch2pg syncing _users', () => {
  let demo: DemoDeployment
  let stores: DemoStores
  beforeAll(async () => {
    demo = await startDemo(
      {
        size: 'small',
        docs: 2000,
        seed: 3,
        variant: { discrepancies: 'none', couch2pgRelease: '3.7', syncUsers: true },
      },
      job(),
    )
    stores = await readDemoStores(demo)
  }, 120_000)
  afterAll(async () => {
    await demo?.stop()
  })

  it('states the variant and injects nothing', () => {
    expect(demo.manifest.variant).toEqual({
      discrepancies: 'none',
      couch2pgRelease: '3.7',
      syncUsers: true,
    })
    expect(demo.manifest.discrepancies).toEqual([])
    expect(demo.manifest.pipelines?.couch2pg.databases).toEqual([
      'medic',
      'medic-sentinel',
      'medic-users-meta',
      'medic-logs',
      '_users',
    ])
  })

  it('has CouchDB, couch2pg and CHT Sync identical over what both sync', () => {
    const both = ['medic', 'medic-sentinel', 'medic-users-meta', 'medic-logs']
    expect(observedDifferences(stores, both)).toEqual([])
  })

  it('copies _users to couch2pg without the hash fields, the server’s design document too', () => {
    const users = stores.couch._users!
    const rows = stores.couch2pg.couchdb_medic_users!
    expect([...rows.keys()].sort()).toEqual([...users.keys()].sort())
    expect(rows.has('_design/_auth')).toBe(true)
    for (const [id, row] of rows) {
      expect(row.rev).toBe(users.get(id)!.rev)
      for (const field of ['password_scheme', 'derived_key', 'salt']) {
        expect(row.doc).not.toHaveProperty(field)
      }
    }
    expect(stores.chtSync._users).toBeUndefined()
  })

  it('leaves both pipelines caught up: nothing pending, models current, dbt green', async () => {
    const old = await demoClient(demo, 'couch2pg')
    const sync = await demoClient(demo, 'chtSync')
    try {
      const progress = await old.query<{ seq: string; source: string }>(
        'SELECT seq, source FROM couchdb_progress',
      )
      expect(progress.rows).toHaveLength(5)
      for (const row of progress.rows) {
        const db = row.source.slice(row.source.indexOf('/') + 1)
        const backlog = await couchGet<{ pending: number }>(
          demo,
          `/${encodeURIComponent(db)}/_changes?since=${encodeURIComponent(row.seq)}&limit=0`,
        )
        expect(backlog.pending, db).toBe(0)
      }
      const syncProgress = await sync.query<{ source: string; pending: number | null }>(
        'SELECT source, pending FROM v1.couchdb_progress ORDER BY source',
      )
      expect(syncProgress.rows).toEqual(
        ['medic', 'medic-logs', 'medic-sentinel', 'medic-users-meta'].map((db) => ({
          source: `cht-demo.example.org/${db}`,
          pending: 0,
        })),
      )
      const lag = await sync.query<{ n: number }>(`
        SELECT count(*)::int AS n FROM v1.couchdb r
          LEFT JOIN v1.document_metadata m ON m.uuid = r._id
         WHERE NOT r._deleted AND m.uuid IS NULL`)
      expect(lag.rows[0]!.n).toBe(0)
      const failed = await sync.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM v1.dbt_results WHERE status <> 'success'",
      )
      expect(failed.rows[0]!.n).toBe(0)
    } finally {
      await old.end()
      await sync.end()
    }
  })
})

describe('the demo with a couch2pg database from before 3.6', () => {
  let demo: DemoDeployment
  let stores: DemoStores
  beforeAll(async () => {
    demo = await startDemo(
      {
        size: 'small',
        docs: 2000,
        seed: 4,
        variant: { discrepancies: 'injected', couch2pgRelease: '3.5', syncUsers: false },
      },
      job(),
    )
    stores = await readDemoStores(demo)
  }, 120_000)
  afterAll(async () => {
    await demo?.stop()
  })

  it('has no migration, logs or users tables, and no index couch2pg does not create', async () => {
    const old = await demoClient(demo, 'couch2pg')
    try {
      const tables = await old.query<{ tablename: string }>(
        `SELECT tablename FROM pg_tables
          WHERE schemaname = 'public' AND (tablename LIKE 'couchdb%' OR tablename LIKE '%migrations')
          ORDER BY 1`,
      )
      expect(tables.rows.map((r) => r.tablename)).toEqual([
        'couchdb',
        'couchdb_progress',
        'couchdb_users_meta',
      ])
      const indexes = await old.query<{ tablename: string; indexname: string }>(
        `SELECT tablename, indexname FROM pg_indexes
          WHERE schemaname = 'public' AND tablename LIKE 'couchdb%' ORDER BY 1, 2`,
      )
      expect(indexes.rows).toEqual([
        { tablename: 'couchdb', indexname: 'couchdb_doc_type' },
        { tablename: 'couchdb', indexname: 'couchdb_doc_uuid' },
        { tablename: 'couchdb_progress', indexname: 'couchdb_progress_source' },
      ])
      const sources = await old.query<{ source: string }>(
        'SELECT source FROM couchdb_progress ORDER BY source',
      )
      expect(sources.rows.map((r) => r.source)).toEqual([
        '192.168.20.4:5984/medic',
        '192.168.20.4:5984/medic-sentinel',
        '192.168.20.4:5984/medic-users-meta',
      ])
    } finally {
      await old.end()
    }
  })

  it('still has medic-logs in CouchDB and CHT Sync, which couch2pg cannot copy', () => {
    expect(stores.couch['medic-logs']!.size).toBeGreaterThan(5)
    expect(stores.chtSync['medic-logs']!.size).toBe(stores.couch['medic-logs']!.size)
    expect(stores.couch2pg.couchdb_medic_logs).toBeUndefined()
    expect(demo.manifest.variant.couch2pgRelease).toBe('3.5')
  })
})
