import pg from 'pg'
import type { DemoDeployment } from '../../src/main/engine/demo/start-demo'

/** One document as a store holds it: its revision and whether it is a deletion. */
export interface StoredRev {
  rev: string
  deleted: boolean
}

/** What each of the three stores of a demo holds, per CouchDB database, by document id. */
export interface DemoStores {
  couch: Record<string, Map<string, StoredRev>>
  /** couch2pg keeps medic and medic-sentinel in one table: keyed by table. */
  couch2pg: Record<string, Map<string, StoredRev & { doc: Record<string, unknown> }>>
  /** CHT Sync's raw table, by source database. */
  chtSync: Record<string, Map<string, StoredRev & { doc: Record<string, unknown>; source: string }>>
}

/** A session on one of the demo's databases, with the throwaway password. */
export async function demoClient(demo: DemoDeployment, which: 'couch2pg' | 'chtSync') {
  const endpoint = demo.endpoints[which]
  const client = new pg.Client({ ...endpoint, password: demo.passwords[which] })
  await client.connect()
  return client
}

/** couch2pg's document tables (reference 1.4). */
export const COUCH2PG_DOC_TABLES = [
  'couchdb',
  'couchdb_users_meta',
  'couchdb_medic_logs',
  'couchdb_medic_users',
] as const

/** An authenticated GET on the demo's CouchDB, as JSON. */
export async function couchGet<T>(demo: DemoDeployment, path: string): Promise<T> {
  const auth = `${demo.endpoints.couchdb.username}:${demo.passwords.couchdb}`
  const response = await fetch(`${demo.endpoints.couchdb.url}${path}`, {
    headers: { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` },
  })
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`)
  return (await response.json()) as T
}

/**
 * Reads every document id and revision of the three stores: CouchDB's changes feeds (deleted
 * documents included), couch2pg's tables and CHT Sync's raw table.
 */
export async function readDemoStores(demo: DemoDeployment): Promise<DemoStores> {
  const couch: DemoStores['couch'] = {}
  for (const db of demo.endpoints.couchdb.databases) {
    const feed = await couchGet<{
      results: { id: string; deleted?: boolean; changes: { rev: string }[] }[]
    }>(demo, `/${encodeURIComponent(db)}/_changes`)
    couch[db] = new Map(
      feed.results.map((r) => [r.id, { rev: r.changes[0]!.rev, deleted: r.deleted === true }]),
    )
  }
  const c2p = await demoClient(demo, 'couch2pg')
  const couch2pg: DemoStores['couch2pg'] = {}
  try {
    for (const table of COUCH2PG_DOC_TABLES) {
      // Releases before 3.6 have no logs or users table: such a table is simply not read.
      const exists = await c2p.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
        table,
      ])
      if (exists.rows[0]?.t === null) continue
      const { rows } = await c2p.query<{ doc: Record<string, unknown> }>(
        `SELECT doc FROM ${pg.escapeIdentifier(table)}`,
      )
      couch2pg[table] = new Map(
        rows.map(({ doc }) => [
          String(doc._id),
          { rev: String(doc._rev), deleted: doc._deleted === true, doc },
        ]),
      )
    }
  } finally {
    await c2p.end()
  }
  const sync = await demoClient(demo, 'chtSync')
  const chtSync: DemoStores['chtSync'] = {}
  try {
    const { schema, table } = demo.endpoints.chtSync
    const { rows } = await sync.query<{
      _id: string
      _deleted: boolean
      source: string
      doc: Record<string, unknown>
    }>(
      `SELECT _id, _deleted, source, doc FROM ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`,
    )
    for (const row of rows) {
      const db = row.source.split('/')[1]!
      chtSync[db] ??= new Map()
      chtSync[db].set(row._id, {
        rev: String(row.doc._rev),
        deleted: row._deleted,
        doc: row.doc,
        source: row.source,
      })
    }
  } finally {
    await sync.end()
  }
  return { couch, couch2pg, chtSync }
}

/** The couch2pg table of each CouchDB database (reference 1.4). */
export const COUCH2PG_TABLE_OF: Record<string, string> = {
  medic: 'couchdb',
  'medic-sentinel': 'couchdb',
  'medic-users-meta': 'couchdb_users_meta',
  'medic-logs': 'couchdb_medic_logs',
  _users: 'couchdb_medic_users',
}

/**
 * Every difference between CouchDB and the two PostgreSQL copies over the databases both
 * pipelines sync (`synced`), as `kind|id`: what the manifest must list, nothing more.
 */
export function observedDifferences(stores: DemoStores, synced: readonly string[]): string[] {
  const found: string[] = []
  const rowsSeen = new Set<string>()
  const tables = new Set(synced.map((db) => COUCH2PG_TABLE_OF[db]!))
  for (const db of synced) {
    const table = COUCH2PG_TABLE_OF[db]!
    const couch = stores.couch[db]!
    const old = stores.couch2pg[table]!
    const sync = stores.chtSync[db] ?? new Map()
    for (const [id, c] of couch) {
      const p = old.get(id)
      if (p) rowsSeen.add(`${table}/${id}`)
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
  for (const table of tables) {
    for (const id of stores.couch2pg[table]!.keys()) {
      if (!rowsSeen.has(`${table}/${id}`)) found.push(`only_in_couch2pg|${id}`)
    }
  }
  return found.sort()
}
