import type { Discrepancy } from '../../../shared/demo'
import { AppError } from '../../../shared/result'
import type { CouchWriter } from './couch-writer'
import type { DiscrepancyPlanner } from './discrepancy-planner'
import type { DemoGenerator } from './generator/generate'
import { stored } from './generator/revisions'
import type { ChtDatabase, CouchDoc } from './generator/types'
import {
  CHT_SYNC_DATABASES,
  chtSyncSource,
  COUCH2PG_TABLES,
  couch2pgSource,
  insertChtSyncRows,
  insertCouch2pgDocs,
  writeChtSyncProgress,
  writeCouch2pgProgress,
  type ChtSyncRow,
} from './pg-writer'
import { routeDoc } from './routing'
import type { SqlClient } from './sql/types'

export const COUCH_DATABASES: readonly ChtDatabase[] = [
  'medic',
  'medic-sentinel',
  'medic-users-meta',
  '_users',
]

export interface LoadContext {
  generator: DemoGenerator
  planner: DiscrepancyPlanner
  couch: CouchWriter
  couch2pg: SqlClient
  chtSync: SqlClient
  chtSyncTarget: { schema: string; table: string }
  /** The CouchDB server as the pipelines name it in their sources. */
  couchHost: string
  couchPort: number
  signal: AbortSignal
  progress: (done: number, total: number) => void
  batchSize?: number
}

export interface LoadResult {
  byDatabase: Record<string, number>
  deleted: number
  /** couch2pg's checkpoint per database (it misses the late changes). */
  couch2pgSeqs: Record<string, string | number>
  /** CHT Sync's checkpoint per synced database (up to date). */
  chtSyncSeqs: Record<string, string | number>
}

/** Throws `CANCELLED` once the job was asked to stop. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('CANCELLED', 'The demo start was cancelled.')
}

/**
 * Streams the generated documents into CouchDB and both PostgreSQL databases, batch by batch,
 * injecting the planned differences on the way.
 *
 * Each batch goes to CouchDB (`_bulk_docs`) while the previous batch's rows are still being
 * inserted into PostgreSQL, so the PostgreSQL server works while this process serves CouchDB;
 * at most two batches are in flight. Then couch2pg's checkpoints are recorded from CouchDB's real
 * `update_seq`, the late changes are written (to CouchDB and CHT Sync only), and CHT Sync's
 * checkpoints are recorded. The signal is checked between batches.
 */
export async function loadDocuments(ctx: LoadContext): Promise<LoadResult> {
  const { generator, planner, couch, signal } = ctx
  const byDatabase: Record<string, number> = {}
  let deleted = 0
  let done = 0
  const late: { db: ChtDatabase; doc: CouchDoc; entry: Discrepancy | null }[] = []
  let pendingPg: Promise<unknown> = Promise.resolve(null)

  for (const batch of generator.batches(ctx.batchSize ?? 1000)) {
    throwIfCancelled(signal)
    const toCouch = new Map<ChtDatabase, CouchDoc[]>()
    const toCouch2pg = new Map<string, CouchDoc[]>()
    const toChtSync: ChtSyncRow[] = []
    for (const item of batch) {
      byDatabase[item.db] = (byDatabase[item.db] ?? 0) + 1
      if (item.doc._deleted) deleted++
      const { routed, discrepancy } = routeDoc(item, planner.take(item))
      if (discrepancy) planner.record(discrepancy)
      if (routed.couch) push(toCouch, item.db, routed.couch)
      if (routed.couch2pg) push(toCouch2pg, COUCH2PG_TABLES[item.db], routed.couch2pg)
      if (routed.chtSync) {
        toChtSync.push({ source: chtSyncSource(ctx.couchHost, item.db), doc: routed.chtSync })
      }
      if (routed.late) late.push({ db: item.db, doc: routed.late, entry: discrepancy })
    }
    // CouchDB gets this batch while PostgreSQL is still inserting the previous one; each client
    // runs one statement at a time. A failure is kept and re-thrown, never left unhandled.
    const couchWrite = (async () => {
      for (const [db, docs] of toCouch) await couch.write(db, docs)
    })().then(
      () => null,
      (e: unknown) => e,
    )
    const previous = await pendingPg
    if (previous) throw previous
    pendingPg = Promise.all([
      (async () => {
        for (const [table, docs] of toCouch2pg) await insertCouch2pgDocs(ctx.couch2pg, table, docs)
      })(),
      insertChtSyncRows(ctx.chtSync, ctx.chtSyncTarget, toChtSync),
    ]).then(
      () => null,
      (e: unknown) => e,
    )
    const couchFailure = await couchWrite
    if (couchFailure) {
      await pendingPg
      throw couchFailure
    }
    done += batch.length
    ctx.progress(done, generator.total)
  }
  const failure = await pendingPg
  if (failure) throw failure
  throwIfCancelled(signal)

  // The server's own design documents (`_design/_auth` in `_users`) are in its changes feed too.
  await insertCouch2pgDocs(ctx.couch2pg, COUCH2PG_TABLES._users, await couch.designDocs('_users'))

  const couch2pgSeqs: Record<string, string | number> = {}
  for (const db of COUCH_DATABASES) {
    const seq = await couch.updateSeq(db)
    couch2pgSeqs[db] = seq
    await writeCouch2pgProgress(ctx.couch2pg, couch2pgSource(ctx.couchHost, ctx.couchPort, db), seq)
  }
  for (const item of late) {
    if (item.entry) item.entry.data.couch2pgSeq = String(couch2pgSeqs[item.db])
  }

  const lateByDb = new Map<ChtDatabase, CouchDoc[]>()
  for (const item of late) push(lateByDb, item.db, item.doc)
  for (const [db, docs] of lateByDb) {
    await couch.write(db, docs)
    const rows = docs.map((doc) => ({ source: chtSyncSource(ctx.couchHost, db), doc: stored(doc) }))
    await insertChtSyncRows(ctx.chtSync, ctx.chtSyncTarget, rows, true)
  }

  const chtSyncSeqs: Record<string, string | number> = {}
  for (const db of CHT_SYNC_DATABASES) {
    const seq = await couch.updateSeq(db)
    chtSyncSeqs[db] = seq
    await writeChtSyncProgress(
      ctx.chtSync,
      ctx.chtSyncTarget.schema,
      chtSyncSource(ctx.couchHost, db),
      seq,
    )
  }
  return { byDatabase, deleted, couch2pgSeqs, chtSyncSeqs }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
