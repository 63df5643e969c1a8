import { existsSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemo, type DemoDeployment } from '../../../../src/main/engine/demo/start-demo'
import { readProjectFile } from '../../../../src/main/engine/project/project-file'
import { DISCREPANCY_KINDS, demoManifestSchema } from '../../../../src/shared/demo'
import { couchGet, demoClient, readDemoStores, type DemoStores } from '../../../support/demo-stores'

/**
 * A small demo deployment against fresh servers: every kind of injected difference is in the
 * manifest and really in the data, and nothing the manifest does not list differs.
 */
const SYNCED = ['medic', 'medic-sentinel', 'medic-users-meta'] as const
const TABLE: Record<string, string> = {
  medic: 'couchdb',
  'medic-sentinel': 'couchdb',
  'medic-users-meta': 'couchdb_users_meta',
  _users: 'couchdb_medic_users',
}
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

/** Every difference between CouchDB and the two PostgreSQL copies, as `kind|id`. */
function observedDifferences(): string[] {
  const found: string[] = []
  const rowsSeen = new Set<string>()
  for (const db of SYNCED) {
    const couch = stores.couch[db]!
    const old = stores.couch2pg[TABLE[db]!]!
    const sync = stores.chtSync[db]!
    for (const [id, c] of couch) {
      const p = old.get(id)
      if (p) rowsSeen.add(`${TABLE[db]}/${id}`)
      if (c.deleted && p) found.push(`delete_not_applied_in_couch2pg|${id}`)
      if (!c.deleted && p?.rev !== c.rev) found.push(`couch2pg_behind|${id}`)
      const s = sync.get(id)
      if (!s) found.push(`missing_in_cht_sync|${id}`)
      else if (c.deleted && !s.deleted) found.push(`delete_not_applied_in_cht_sync|${id}`)
      else if (s.deleted !== c.deleted || s.rev !== c.rev) {
        found.push(`${c.deleted ? 'other' : 'stale_revision_in_cht_sync'}|${id}`)
      }
    }
    for (const id of sync.keys()) if (!couch.has(id)) found.push(`only_in_cht_sync|${id}`)
  }
  for (const table of ['couchdb', 'couchdb_users_meta']) {
    for (const id of stores.couch2pg[table]!.keys()) {
      if (!rowsSeen.has(`${table}/${id}`)) found.push(`only_in_couch2pg|${id}`)
    }
  }
  return found.sort()
}

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
    expect(observedDifferences()).toEqual(expected)
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

  it('syncs _users to couch2pg only, without the password hash fields', () => {
    const users = stores.couch._users!
    const rows = stores.couch2pg.couchdb_medic_users!
    expect([...rows.keys()].sort()).toEqual([...users.keys()].sort())
    for (const [id, row] of rows) {
      expect(row.rev).toBe(users.get(id)!.rev)
      for (const field of ['password_scheme', 'derived_key', 'salt']) {
        expect(row.doc).not.toHaveProperty(field)
      }
    }
    expect(stores.chtSync._users).toBeUndefined()
  })

  it('records checkpoints with real sequences: host:port/db for couch2pg, host/db for CHT Sync', async () => {
    const { url } = demo.endpoints.couchdb
    const { host, port } = new URL(url)
    const old = await demoClient(demo, 'couch2pg')
    const sync = await demoClient(demo, 'chtSync')
    try {
      const oldRows = (await old.query('SELECT seq, source FROM couchdb_progress')).rows
      expect(oldRows.map((r) => r.source).sort()).toEqual(
        demo.endpoints.couchdb.databases.map((db) => `${host.split(':')[0]}:${port}/${db}`).sort(),
      )
      const behind = demo.manifest.discrepancies
        .filter((d) => d.kind === 'couch2pg_behind')
        .map((d) => d.docId)
      for (const row of oldRows) {
        const db = row.source.split('/')[1]
        const changes = await couchGet<{ results: { id: string }[] }>(
          demo,
          `/${db}/_changes?since=${encodeURIComponent(row.seq)}`,
        )
        const pending = changes.results.map((r) => r.id).sort()
        expect(pending).toEqual(db === 'medic' ? [...behind].sort() : [])
      }
      const syncRows = (await sync.query('SELECT seq, pending, source FROM v1.couchdb_progress'))
        .rows
      expect(syncRows.map((r) => r.source).sort()).toEqual(SYNCED.map((db) => `127.0.0.1/${db}`))
      for (const row of syncRows) {
        const info = await couchGet<{ update_seq: number | string }>(
          demo,
          `/${row.source.split('/')[1]}`,
        )
        expect(row.seq).toBe(String(info.update_seq))
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
