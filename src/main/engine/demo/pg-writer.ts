import pg from 'pg'
import type { SqlClient } from './sql/types'
import type { CouchDoc } from './generator/types'

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
 * `_deleted` from its stub, `saved_timestamp` the batch's time (`savedAt`, an ISO string in UTC
 * with milliseconds: the service stamps a whole batch with one `new Date().toISOString()`, which
 * the `timestamp` column keeps as UTC wall time). With `upsert`, an existing row is replaced
 * (`ON CONFLICT (_id) DO UPDATE`), as CHT Sync does for a later change.
 */
export async function insertChtSyncRows(
  client: SqlClient,
  target: { schema: string; table: string },
  rows: readonly ChtSyncRow[],
  savedAt: string,
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
     SELECT $2::timestamp, x->'d'->>'_id', coalesce((x->'d'->>'_deleted')::boolean, false),
            x->>'s', x->'d'
     FROM jsonb_array_elements($1::jsonb) AS x${conflict}`,
    [json, savedAt],
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

const progressTable = (schema: string) => `${pg.escapeIdentifier(schema)}.couchdb_progress`

/**
 * CHT Sync's first progress row of a source, as its service inserts it before the first batch:
 * sequence `0`, `pending` NULL (not read yet), `updated_at` the time of the insert.
 */
export async function insertChtSyncFirstProgress(
  client: SqlClient,
  schema: string,
  source: string,
  at: string,
): Promise<void> {
  await client.query(
    `INSERT INTO ${progressTable(schema)} (seq, pending, source, updated_at)
     VALUES ('0', NULL, $1, $2::timestamptz)`,
    [source, at],
  )
}

/**
 * CHT Sync's progress after a batch: the batch's `last_seq` (verbatim, opaque), the `pending` it
 * read from CouchDB before the batch (null when the read failed or the server gave none) and
 * `updated_at` now.
 */
export async function updateChtSyncProgress(
  client: SqlClient,
  schema: string,
  source: string,
  seq: string | number,
  pending: number | null,
): Promise<void> {
  await client.query(
    `UPDATE ${progressTable(schema)} SET seq = $1, pending = $2, updated_at = now()
     WHERE source = $3`,
    [String(seq), pending, source],
  )
}
