import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemo, type DemoDeployment } from '../../../../src/main/engine/demo/start-demo'
import { couchGet, demoClient, readDemoStores, type DemoStores } from '../../../support/demo-stores'

/**
 * The default demo looks like a real CHT 4 deployment where it matters to the wizard: CouchDB 3's
 * opaque sequences, `pending` and `doc_del_count`; `medic-logs`, design documents and attachment
 * stubs in all three places; the indexes cht-couch2pg creates and those the deployment added;
 * CHT Sync's per-batch `saved_timestamp`s.
 */
const SEQ = /^\d+-[A-Za-z0-9_-]{20,}$/
const DAY_MS = 86_400_000

let demo: DemoDeployment
let stores: DemoStores

beforeAll(async () => {
  demo = await startDemo(
    { size: 'small', docs: 3000, seed: 5 },
    { signal: new AbortController().signal, progress: () => undefined },
  )
  stores = await readDemoStores(demo)
}, 120_000)
afterAll(async () => {
  await demo?.stop()
})

interface DbInfo {
  update_seq: unknown
  doc_count: number
  doc_del_count?: unknown
  sizes?: { file?: unknown; external?: unknown; active?: unknown }
}

describe('the demo CouchDB answers like CouchDB 3', () => {
  it('gives opaque string sequences, doc_del_count and sizes in database info', async () => {
    for (const db of demo.endpoints.couchdb.databases) {
      const info = await couchGet<DbInfo>(demo, `/${encodeURIComponent(db)}`)
      expect(info.update_seq, db).toMatch(SEQ)
      const deleted = [...stores.couch[db]!.values()].filter((d) => d.deleted).length
      expect(info.doc_del_count, db).toBe(deleted)
      expect(info.doc_count, db).toBe(stores.couch[db]!.size - deleted)
      expect(info.sizes?.external, db).toBeTypeOf('number')
      expect(info.sizes?.file, db).toBeTypeOf('number')
    }
  })

  it('gives opaque sequences in _changes, and pending for since=…&limit=0', async () => {
    const feed = await couchGet<{ results: { seq: unknown }[]; last_seq: unknown }>(
      demo,
      '/medic/_changes?limit=5',
    )
    for (const change of feed.results) expect(change.seq).toMatch(SEQ)
    expect(feed.last_seq).toMatch(SEQ)
    // couch2pg's checkpoint is behind by exactly the late changes.
    const old = await demoClient(demo, 'couch2pg')
    try {
      const { rows } = await old.query<{ seq: string }>(
        "SELECT seq FROM couchdb_progress WHERE source LIKE '%/medic'",
      )
      const behind = demo.manifest.discrepancies.filter((d) => d.kind === 'couch2pg_behind')
      const backlog = await couchGet<{ results: unknown[]; pending: unknown }>(
        demo,
        `/medic/_changes?since=${encodeURIComponent(rows[0]!.seq)}&limit=0`,
      )
      expect(backlog.results).toEqual([])
      expect(backlog.pending).toBe(behind.length)
    } finally {
      await old.end()
    }
  })
})

describe('the CHT databases of a real instance', () => {
  it('has medic-logs in CouchDB and in both copies, the same documents', () => {
    const couch = stores.couch['medic-logs']!
    const live = [...couch].filter(([, d]) => !d.deleted).map(([id, d]) => `${id} ${d.rev}`)
    expect(live.length).toBeGreaterThan(5)
    const old = [...stores.couch2pg.couchdb_medic_logs!].map(([id, d]) => `${id} ${d.rev}`)
    const sync = [...stores.chtSync['medic-logs']!].map(([id, d]) => `${id} ${d.rev}`)
    expect(old.sort()).toEqual(live.sort())
    expect(sync.sort()).toEqual(live.sort())
    expect(live.some((l) => l.startsWith('connected-user-'))).toBe(true)
  })

  it('copies the design documents of every synced database to both pipelines', () => {
    const designs = (db: string) =>
      [...stores.couch[db]!.keys()].filter((id) => id.startsWith('_design/')).sort()
    expect(designs('medic')).toEqual(
      expect.arrayContaining(['_design/medic', '_design/medic-client']),
    )
    for (const [db, table] of [
      ['medic', 'couchdb'],
      ['medic-sentinel', 'couchdb'],
      ['medic-users-meta', 'couchdb_users_meta'],
      ['medic-logs', 'couchdb_medic_logs'],
    ] as const) {
      expect(designs(db).length, db).toBeGreaterThan(0)
      for (const id of designs(db)) {
        expect(stores.couch2pg[table]!.get(id)?.rev, `${db} ${id}`).toBe(
          stores.couch[db]!.get(id)!.rev,
        )
        expect(stores.chtSync[db]!.get(id)?.rev, `${db} ${id}`).toBe(stores.couch[db]!.get(id)!.rev)
      }
    }
  })

  it('stores attachment stubs exactly as CouchDB returns them', async () => {
    const attached = [...stores.couch2pg.couchdb!.values()].filter((r) => r.doc._attachments)
    expect(attached.length).toBeGreaterThan(3)
    for (const row of attached.slice(0, 5)) {
      const id = String(row.doc._id)
      const fromCouch = await couchGet<Record<string, unknown>>(
        demo,
        `/medic/${encodeURIComponent(id)}`,
      )
      expect(fromCouch._attachments).toMatchObject({ content: { stub: true } })
      expect(row.doc._attachments).toEqual(fromCouch._attachments)
      expect(stores.chtSync.medic!.get(id)?.doc._attachments).toEqual(fromCouch._attachments)
    }
  })

  it('has the users’ settings documents in medic, synced by both', () => {
    const settings = [...stores.couch.medic!.keys()].filter((id) =>
      id.startsWith('org.couchdb.user:'),
    )
    expect(settings.length).toBeGreaterThan(3)
    for (const id of settings) {
      expect(stores.couch2pg.couchdb!.get(id)?.doc.type).toBe('user-settings')
      expect(stores.chtSync.medic!.get(id)?.doc.type).toBe('user-settings')
    }
  })
})

describe('the PostgreSQL databases as the pipelines leave them', () => {
  it('has the indexes cht-couch2pg creates, plus the deployment’s own on couchdb and users-meta', async () => {
    const old = await demoClient(demo, 'couch2pg')
    try {
      const { rows } = await old.query<{ tablename: string; indexname: string }>(
        `SELECT tablename, indexname FROM pg_indexes
          WHERE schemaname = 'public' AND tablename LIKE 'couchdb%' ORDER BY 1, 2`,
      )
      const on = (table: string) =>
        rows.filter((r) => r.tablename === table).map((r) => r.indexname)
      expect(on('couchdb')).toEqual([
        'couchdb_doc_contact_type',
        'couchdb_doc_form',
        'couchdb_doc_patient_uuid',
        'couchdb_doc_reported_date',
        'couchdb_doc_type',
        'couchdb_doc_uuid',
      ])
      expect(on('couchdb_progress')).toEqual(['couchdb_progress_source'])
      // cht-couch2pg creates none on users-meta; these two the deployment added.
      expect(on('couchdb_users_meta')).toEqual([
        'couchdb_users_meta_doc_id',
        'couchdb_users_meta_doc_type',
      ])
      expect(on('couchdb_medic_logs')).toEqual([])
      expect(on('couchdb_medic_users')).toEqual([])
      const unique = await old.query<{ indexdef: string }>(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'couchdb_doc_uuid'",
      )
      expect(unique.rows[0]!.indexdef).toMatch(/^CREATE UNIQUE INDEX/)
    } finally {
      await old.end()
    }
  })

  it('stamps CHT Sync’s rows per batch, in UTC with milliseconds, over the days since it was deployed', async () => {
    const sync = await demoClient(demo, 'chtSync')
    try {
      const { rows } = await sync.query<{
        batches: number
        rows: number
        sub_ms: number
        first_ms: string
        last_ms: string
        now_ms: string
      }>(`
        SELECT count(DISTINCT saved_timestamp)::int AS batches, count(*)::int AS rows,
               count(*) FILTER (WHERE date_trunc('milliseconds', saved_timestamp)
                                      <> saved_timestamp)::int AS sub_ms,
               (extract(epoch FROM min(saved_timestamp)) * 1000)::bigint::text AS first_ms,
               (extract(epoch FROM max(saved_timestamp)) * 1000)::bigint::text AS last_ms,
               (extract(epoch FROM now() AT TIME ZONE 'UTC') * 1000)::bigint::text AS now_ms
          FROM v1.couchdb`)
      const r = rows[0]!
      expect(r.sub_ms).toBe(0)
      // About one stamp per batch of 1,000 changes, far fewer than rows.
      expect(r.batches).toBeGreaterThan(2)
      expect(r.batches).toBeLessThan(r.rows / 100)
      const now = Number(r.now_ms)
      expect(now - Number(r.first_ms)).toBeGreaterThan(9 * DAY_MS)
      expect(now - Number(r.first_ms)).toBeLessThan(12 * DAY_MS)
      expect(Number(r.last_ms)).toBeLessThanOrEqual(now)
      expect(now - Number(r.last_ms)).toBeLessThan(10 * 60_000)
    } finally {
      await sync.end()
    }
  })

  it('keeps deletions as stubs with the deleting revision, and names sources host/db', () => {
    for (const [db, rows] of Object.entries(stores.chtSync)) {
      for (const [id, row] of rows) {
        expect(row.source).toBe(`cht-demo.example.org/${db}`)
        if (!row.deleted) continue
        expect(row.doc).toEqual({ _id: id, _rev: stores.couch[db]!.get(id)!.rev, _deleted: true })
      }
    }
  })
})
