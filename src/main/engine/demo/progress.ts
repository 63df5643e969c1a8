import type { CouchWriter } from './couch-writer'
import { insertChtSyncFirstProgress, updateChtSyncProgress } from './pg-writer'
import { chtSyncSource, DEMO_COUCH_DATABASES, type SyncPlan } from './pipelines'
import type { SqlClient } from './sql/types'

const HOUR_MS = 3_600_000

export interface ChtSyncProgressInput {
  client: SqlClient
  schema: string
  couch: CouchWriter
  plan: SyncPlan
  /** When CHT Sync first ran: its first progress rows were inserted then (ISO). */
  firstProgressAt: string
}

/**
 * Writes CHT Sync's `couchdb_progress` as its service leaves it once caught up.
 *
 * Per synced database, the row the service inserts before its first batch (sequence `0`,
 * `pending` NULL), then its state after the last loop: the sequence CouchDB gave (opaque,
 * verbatim) and the `pending` the service read with `_changes?since=<seq>&limit=0` (null when the
 * server gives none). In the default demo, the rows of databases CHT Sync was first pointed at by
 * mistake stay in their first state (`medic_sentinel`, the documented typo: CouchDB has no such
 * database, so no batch ever ran). Returns the sequence stored per database.
 */
export async function recordChtSyncProgress(
  input: ChtSyncProgressInput,
): Promise<Record<string, string | number>> {
  const { client, schema, couch, plan } = input
  const first = Date.parse(input.firstProgressAt)
  for (const source of plan.staleChtSyncSources) {
    const at = new Date(first - 3 * HOUR_MS).toISOString()
    await insertChtSyncFirstProgress(client, schema, source, at)
  }
  const seqs: Record<string, string | number> = {}
  for (const db of DEMO_COUCH_DATABASES.filter((d) => plan.chtSync.has(d))) {
    const source = chtSyncSource(db)
    await insertChtSyncFirstProgress(client, schema, source, input.firstProgressAt)
    const seq = await couch.updateSeq(db)
    seqs[db] = seq
    await updateChtSyncProgress(client, schema, source, seq, await couch.pending(db, seq))
  }
  return seqs
}
