import pg from 'pg'
import type { SqlClient } from './sql/types'
import type { ChtDatabase, CouchDoc } from './generator/types'

/** The couch2pg table each CouchDB database lands in (reference 1.4). */
export const COUCH2PG_TABLES: Record<ChtDatabase, string> = {
  medic: 'couchdb',
  'medic-sentinel': 'couchdb',
  'medic-users-meta': 'couchdb_users_meta',
  _users: 'couchdb_medic_users',
}

/** The databases CHT Sync syncs in the demo (its `COUCHDB_DBS`). */
export const CHT_SYNC_DATABASES: readonly ChtDatabase[] = [
  'medic',
  'medic-sentinel',
  'medic-users-meta',
]

/** `host:port/db`, how couch2pg names a source (credentials stripped). */
export const couch2pgSource = (host: string, port: number, db: string) => `${host}:${port}/${db}`
/** `host/db`, how CHT Sync names a source (no port). */
export const chtSyncSource = (host: string, db: string) => `${host}/${db}`

const arrayOf = (docs: readonly CouchDoc[]) => `[${docs.map((d) => JSON.stringify(d)).join(',')}]`

/**
 * Appends rows to a couch2pg table (`doc jsonb`): one statement per batch, the documents passed
 * as a single JSON array parameter (no COPY stream package needed).
 */
export async function insertCouch2pgDocs(
  client: SqlClient,
  table: string,
  docs: readonly CouchDoc[],
): Promise<void> {
  if (docs.length === 0) return
  await client.query(
    `INSERT INTO ${pg.escapeIdentifier(table)} (doc) SELECT d FROM jsonb_array_elements($1::jsonb) AS d`,
    [arrayOf(docs)],
  )
}

export interface ChtSyncRow {
  source: string
  doc: CouchDoc
}

/**
 * Writes rows of the CHT Sync raw table as its couch2pg service does: `_id` from the document,
 * `_deleted` from its stub, `saved_timestamp` the time of the write. With `upsert`, an existing
 * row is replaced (`ON CONFLICT (_id) DO UPDATE`), as CHT Sync does for a later change.
 */
export async function insertChtSyncRows(
  client: SqlClient,
  target: { schema: string; table: string },
  rows: readonly ChtSyncRow[],
  upsert = false,
): Promise<void> {
  if (rows.length === 0) return
  const json = `[${rows.map((r) => `{"s":${JSON.stringify(r.source)},"d":${JSON.stringify(r.doc)}}`).join(',')}]`
  const table = `${pg.escapeIdentifier(target.schema)}.${pg.escapeIdentifier(target.table)}`
  const conflict = upsert
    ? ` ON CONFLICT (_id) DO UPDATE SET saved_timestamp = EXCLUDED.saved_timestamp,
        _deleted = EXCLUDED._deleted, source = EXCLUDED.source, doc = EXCLUDED.doc`
    : ''
  await client.query(
    `INSERT INTO ${table} (saved_timestamp, _id, _deleted, source, doc)
     SELECT now()::timestamp, x->'d'->>'_id', coalesce((x->'d'->>'_deleted')::boolean, false),
            x->>'s', x->'d'
     FROM jsonb_array_elements($1::jsonb) AS x${conflict}`,
    [json],
  )
}

/** Records couch2pg's checkpoint of one source. */
export async function writeCouch2pgProgress(
  client: SqlClient,
  source: string,
  seq: string | number,
) {
  await client.query('INSERT INTO couchdb_progress (seq, source) VALUES ($1, $2)', [
    String(seq),
    source,
  ])
}

/** Records CHT Sync's checkpoint of one source (nothing pending, just updated). */
export async function writeChtSyncProgress(
  client: SqlClient,
  schema: string,
  source: string,
  seq: string | number,
) {
  await client.query(
    `INSERT INTO ${pg.escapeIdentifier(schema)}.couchdb_progress (seq, pending, updated_at, source)
     VALUES ($1, 0, now(), $2)`,
    [String(seq), source],
  )
}
