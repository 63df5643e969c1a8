import { existsSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemo, type DemoDeployment } from '../../../../src/main/engine/demo/start-demo'
import { readProjectFile } from '../../../../src/main/engine/project/project-file'
import { DISCREPANCY_KINDS, demoManifestSchema } from '../../../../src/shared/demo'
import {
  COUCH2PG_TABLE_OF,
  couchGet,
  demoClient,
  observedDifferences,
  readDemoStores,
  type DemoStores,
} from '../../../support/demo-stores'

/**
 * A small demo deployment against fresh servers: every kind of injected difference is in the
 * manifest and really in the data, and nothing the manifest does not list differs.
 */
const SYNCED = ['medic', 'medic-sentinel', 'medic-users-meta', 'medic-logs'] as const
const TABLE = COUCH2PG_TABLE_OF
const DOC_KINDS = new Set([
  'missing_in_cht_sync',
  'stale_revision_in_cht_sync',
  'delete_not_applied_in_cht_sync',
  'delete_not_applied_in_couch2pg',
  'couch2pg_behind',
])

let demo: DemoDeployment
let stores: DemoStores

beforeAll(async () => {
  demo = await startDemo(
    { size: 'small', docs: 3000, seed: 11 },
    { signal: new AbortController().signal, progress: () => undefined },
  )
  stores = await readDemoStores(demo)
}, 120_000)
afterAll(async () => {
  await demo?.stop()
})

describe('the demo deployment', () => {
  it('lists every kind of difference in the manifest, on disk too', () => {
    const kinds = new Set(demo.manifest.discrepancies.map((d) => d.kind))
    expect([...kinds].sort()).toEqual([...DISCREPANCY_KINDS].sort())
    const onDisk = demoManifestSchema.parse(JSON.parse(readFileSync(demo.manifestPath, 'utf8')))
    expect(onDisk).toEqual(demo.manifest)
    expect(demo.manifest.documents.total).toBe(3000)
    expect(Object.values(demo.manifest.documents.byDatabase).reduce((a, b) => a + b)).toBe(3000)
  })

  it('has exactly the listed differences between CouchDB, couch2pg and CHT Sync', () => {
    const expected = demo.manifest.discrepancies
      .filter((d) => DOC_KINDS.has(d.kind))
      .map((d) => `${d.kind}|${d.docId}`)
      .sort()
    expect(observedDifferences(stores, SYNCED)).toEqual(expected)
  })

  it('states the revisions each store really holds', () => {
    for (const d of demo.manifest.discrepancies.filter((e) => DOC_KINDS.has(e.kind))) {
      const db = d.database!
      expect(d.data.couchRev, d.detail).toBe(stores.couch[db]!.get(d.docId!)!.rev)
      expect(d.data.couch2pgRev ?? null, d.detail).toBe(
        stores.couch2pg[TABLE[db]!]!.get(d.docId!)?.rev ?? null,
      )
      expect(d.data.chtSyncRev ?? null, d.detail).toBe(
        stores.chtSync[db]!.get(d.docId!)?.rev ?? null,
      )
    }
  })

  it('hard-deletes in couch2pg and keeps _deleted stubs in CHT Sync', () => {
    const listed = new Set(demo.manifest.discrepancies.map((d) => d.docId))
    let deletions = 0
    for (const db of SYNCED) {
      for (const [id, c] of stores.couch[db]!) {
        if (!c.deleted || listed.has(id)) continue
        deletions++
        expect(stores.couch2pg[TABLE[db]!]!.has(id)).toBe(false)
        const row = stores.chtSync[db]!.get(id)!
        expect(row.deleted).toBe(true)
        expect(row.doc).toEqual({ _id: id, _rev: c.rev, _deleted: true })
      }
    }
    expect(deletions).toBeGreaterThan(5)
  })

  it('does not sync _users by default (SYNC_DB_USERS off), and CHT Sync never does', () => {
    expect(stores.couch._users!.size).toBeGreaterThan(10)
    expect(stores.couch2pg.couchdb_medic_users!.size).toBe(0)
    expect(stores.chtSync._users).toBeUndefined()
    expect(demo.manifest.variant).toEqual({
      discrepancies: 'injected',
      couch2pgRelease: '3.7',
      syncUsers: false,
    })
  })

  it('records checkpoints under the CouchDB names the pipelines used, not the wizard’s address', async () => {
    const old = await demoClient(demo, 'couch2pg')
    const sync = await demoClient(demo, 'chtSync')
    try {
      const oldRows = (await old.query('SELECT seq, source FROM couchdb_progress')).rows
      expect(oldRows.map((r) => r.source).sort()).toEqual(
        SYNCED.map((db) => `192.168.20.4:5984/${db}`).sort(),
      )
      const behind = demo.manifest.discrepancies
        .filter((d) => d.kind === 'couch2pg_behind')
        .map((d) => d.docId)
      for (const row of oldRows) {
        const db = row.source.split('/')[1]
        expect(row.seq).toMatch(/^\d+-\S+$/)
        const changes = await couchGet<{ results: { id: string }[]; pending?: number }>(
          demo,
          `/${db}/_changes?since=${encodeURIComponent(row.seq)}`,
        )
        const pending = changes.results.map((r) => r.id).sort()
        expect(pending).toEqual(db === 'medic' ? [...behind].sort() : [])
      }
      const syncRows = (
        await sync.query(
          'SELECT seq, pending, source, updated_at FROM v1.couchdb_progress ORDER BY updated_at',
        )
      ).rows
      // First the row CHT Sync left when it was pointed at medic_sentinel (the documented typo):
      // no such database, so it never got past its first state.
      expect(syncRows[0]).toMatchObject({
        source: 'cht-demo.example.org/medic_sentinel',
        seq: '0',
        pending: null,
      })
      const live = syncRows.slice(1)
      expect(live.map((r) => r.source).sort()).toEqual(
        SYNCED.map((db) => `cht-demo.example.org/${db}`).sort(),
      )
      for (const row of live) {
        const info = await couchGet<{ update_seq: string }>(demo, `/${row.source.split('/')[1]}`)
        expect(row.seq).toBe(info.update_seq)
        expect(row.pending).toBe(0)
      }
    } finally {
      await old.end()
      await sync.end()
    }
  })

  it('lags and corrupts exactly the listed model rows, and logs one failed dbt run', async () => {
    const sync = await demoClient(demo, 'chtSync')
    const byKind = (kind: string) => demo.manifest.discrepancies.filter((d) => d.kind === kind)
    try {
      const missing = await sync.query<{ _id: string }>(`
        SELECT r._id FROM v1.couchdb r LEFT JOIN v1.document_metadata m ON m.uuid = r._id
        WHERE NOT r._deleted AND m.uuid IS NULL ORDER BY r._id`)
      expect(missing.rows.map((r) => r._id)).toEqual(
        byKind('model_lag')
          .map((d) => d.docId)
          .sort(),
      )
      const newer = await sync.query(
        `
        SELECT count(*)::int AS n FROM v1.couchdb
        WHERE _id = ANY($1) AND saved_timestamp > (SELECT max(saved_timestamp) FROM v1.document_metadata)`,
        [byKind('model_lag').map((d) => d.docId)],
      )
      expect(newer.rows[0].n).toBe(byKind('model_lag').length)
      const wrong = await sync.query<{ uuid: string; form: string; raw: string }>(`
        SELECT d.uuid, d.form, r.doc->>'form' AS raw FROM v1.data_record d
        JOIN v1.couchdb r ON r._id = d.uuid WHERE d.form IS DISTINCT FROM r.doc->>'form'
        ORDER BY d.uuid`)
      expect(wrong.rows).toEqual(
        byKind('model_wrong_value')
          .map((d) => ({ uuid: d.docId, form: d.data.actual, raw: d.data.expected }))
          .sort((a, b) => a.uuid!.localeCompare(b.uuid!)),
      )
      const failed = await sync.query(
        `SELECT invocation_id, name FROM v1.dbt_results WHERE status = 'error'`,
      )
      const [run] = byKind('dbt_run_failed')
      expect(failed.rows).toEqual([
        { invocation_id: run!.data.invocationId, name: run!.data.model },
      ])
    } finally {
      await sync.end()
    }
  })

  it('writes a demo project with the three connections and no password', async () => {
    const document = await readProjectFile(demo.projectPath)
    expect(document.name).toMatch(/^Demo deployment/)
    expect(document.demo).toMatchObject({
      dir: demo.dir,
      manifestPath: demo.manifestPath,
      seed: 11,
    })
    expect(document.connections.couchdb).toEqual({
      url: demo.endpoints.couchdb.url,
      username: 'admin',
    })
    expect(document.connections.chtSync).toMatchObject({
      schema: 'v1',
      table: 'couchdb',
      ssl: 'disable',
    })
    const files = readFileSync(demo.projectPath, 'utf8') + readFileSync(demo.manifestPath, 'utf8')
    for (const password of Object.values(demo.passwords)) expect(files).not.toContain(password)
  })

  it('stops: no folder, no PostgreSQL process, both ports closed', async () => {
    const pid = demo.postgresPid!
    const pgPort = demo.endpoints.couch2pg.port
    const couchPort = Number(new URL(demo.endpoints.couchdb.url).port)
    expect(existsSync(demo.dir)).toBe(true)
    await demo.stop()
    expect(existsSync(demo.dir)).toBe(false)
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/)
    expect(await refused(pgPort)).toBe(true)
    expect(await refused(couchPort)).toBe(true)
  })
})

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })
}
