import { sourceDatabase } from '../../../shared/results/progress-source'
import { hasColumns, type Relation } from '../db/catalog'
import { qualified } from '../db/identifiers'
import type { ReadTx } from '../db/read-transaction'

/**
 * A pipeline's checkpoints for document parity, read whole: unlike the connection test's facts
 * (which clip a sequence for display), parity passes a sequence back to CouchDB verbatim
 * (`_changes?since=<seq>`), so it must have all of it or none.
 */

/** Progress rows read at most: one per CouchDB database and address the pipeline ever used. */
export const PROGRESS_ROWS_LIMIT = 200
/**
 * The longest sequence kept. A CouchDB 3 sequence names every shard's position: a few hundred
 * characters for the usual 2–8 shards, more for a large cluster; a longer value is no sequence.
 */
export const SEQ_MAX_CHARS = 16_384

/** One row of a pipeline's `couchdb_progress`. */
export interface CheckpointRow {
  /** As the pipeline wrote it: `host:port/db` (couch2pg) or `host/db` (CHT Sync), clipped. */
  source: string
  /** The CouchDB database it names (its last path segment), or null (`default-source`). */
  database: string | null
  /** The sequence, verbatim; null when the row has none or it is longer than `SEQ_MAX_CHARS`. */
  seq: string | null
  /** The backlog the pipeline stored (CHT Sync 1.0+), else null. */
  storedPending: number | null
}

const pendingOf = (text: string | null): number | null => {
  const n = text === null ? NaN : Number(text)
  return Number.isSafeInteger(n) && n >= 0 ? n : null
}

/**
 * The progress rows of `relation` (a `couchdb_progress` table), at most `PROGRESS_ROWS_LIMIT`;
 * none when it has no `source` column (couch2pg before 2018) or this user may not read it.
 */
export async function readCheckpointRows(
  tx: ReadTx,
  relation: Relation | undefined,
): Promise<CheckpointRow[]> {
  if (!relation?.canSelect || !relation.schemaUsage || !hasColumns(relation, 'source', 'seq')) {
    return []
  }
  const pending = hasColumns(relation, 'pending') ? 'pending::text' : 'NULL'
  const { rows } = await tx.query<{
    source: string
    seq: string | null
    too_long: boolean
    pending: string | null
  }>(
    `SELECT left(source::text, 500) AS source,
            CASE WHEN length(seq::text) <= ${SEQ_MAX_CHARS} THEN seq::text END AS seq,
            coalesce(length(seq::text) > ${SEQ_MAX_CHARS}, false) AS too_long,
            ${pending} AS pending
       FROM ${qualified(relation.schema, relation.name)}
      WHERE source IS NOT NULL
      ORDER BY source
      LIMIT ${PROGRESS_ROWS_LIMIT}`,
  )
  return rows.map((row) => ({
    source: String(row.source),
    database: sourceDatabase(String(row.source)),
    seq: row.seq === null || row.seq.trim() === '' ? null : row.seq.trim(),
    storedPending: pendingOf(row.pending),
  }))
}
