import type { Discrepancy } from '../../../shared/demo'
import { AppError } from '../../../shared/result'
import type { CouchWriter } from './couch-writer'
import type { DiscrepancyPlanner } from './discrepancy-planner'
import type { DemoGenerator } from './generator/generate'
import { stored } from './generator/revisions'
import type { ChtDatabase, CouchDoc } from './generator/types'
import {
  insertChtSyncRows,
  insertCouch2pgDocs,
  writeCouch2pgProgress,
  type ChtSyncRow,
} from './pg-writer'
import {
  chtSyncSource,
  COUCH2PG_TABLES,
  couch2pgSource,
  DEMO_COUCH_DATABASES,
  type SyncPlan,
} from './pipelines'
import { recordChtSyncProgress } from './progress'
import { routeDoc } from './routing'
import { SavedTimestamps } from './saved-timestamps'
import type { SqlClient } from './sql/types'

export interface LoadContext {
  generator: DemoGenerator
  planner: DiscrepancyPlanner
  couch: CouchWriter
  couch2pg: SqlClient
  chtSync: SqlClient
  chtSyncTarget: { schema: string; table: string }
  /** Which databases each pipeline syncs. */
  plan: SyncPlan
  /** The load's "now", ms: CHT Sync's batches are stamped in the days before it. */
  now?: number
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
 * at most two batches are in flight. CHT Sync's rows of a batch share one `saved_timestamp`, as
 * the service stamps them (see `SavedTimestamps`). Then couch2pg's checkpoints are recorded from
 * CouchDB's real `update_seq` (opaque, stored verbatim), the late changes are written (to
 * CouchDB and CHT Sync only), and CHT Sync's progress rows are written as its service leaves
 * them. Only the databases each pipeline syncs (`ctx.plan`) get rows and checkpoints. The signal
 * is checked between batches.
 */
export async function loadDocuments(ctx: LoadContext): Promise<LoadResult> {
  const { generator, planner, couch, signal } = ctx
  const byDatabase: Record<string, number> = {}
  let deleted = 0
  let done = 0
  const late: { db: ChtDatabase; doc: CouchDoc; entry: Discrepancy | null }[] = []
  let pendingPg: Promise<unknown> = Promise.resolve(null)
  const now = ctx.now ?? Date.now()
  const stamps = new SavedTimestamps(now, generator.anchor)
  const firstProgressAt = new Date(stamps.deployedAt).toISOString()

  for (const batch of generator.batches(ctx.batchSize ?? 1000)) {
    throwIfCancelled(signal)
    const toCouch = new Map<ChtDatabase, CouchDoc[]>()
    const toCouch2pg = new Map<string, CouchDoc[]>()
    const toChtSync: ChtSyncRow[] = []
    for (const item of batch) {
      byDatabase[item.db] = (byDatabase[item.db] ?? 0) + 1
      if (item.doc._deleted) deleted++
      const { routed, discrepancy } = routeDoc(item, planner.take(item), ctx.plan)
      if (discrepancy) planner.record(discrepancy)
      if (routed.couch) push(toCouch, item.db, routed.couch)
      if (routed.couch2pg) push(toCouch2pg, COUCH2PG_TABLES[item.db], routed.couch2pg)
      if (routed.chtSync) {
        toChtSync.push({ source: chtSyncSource(item.db), doc: routed.chtSync })
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
      insertChtSyncRows(ctx.chtSync, ctx.chtSyncTarget, toChtSync, stamps.next(batch)),
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
  if (ctx.plan.couch2pg.has('_users')) {
    await insertCouch2pgDocs(ctx.couch2pg, COUCH2PG_TABLES._users, await couch.designDocs('_users'))
  }

  const couch2pgSeqs: Record<string, string | number> = {}
  for (const db of DEMO_COUCH_DATABASES.filter((d) => ctx.plan.couch2pg.has(d))) {
    const seq = await couch.updateSeq(db)
    couch2pgSeqs[db] = seq
    await writeCouch2pgProgress(ctx.couch2pg, couch2pgSource(db), seq)
  }
  for (const item of late) {
    if (item.entry) item.entry.data.couch2pgSeq = String(couch2pgSeqs[item.db])
  }

  const lateByDb = new Map<ChtDatabase, CouchDoc[]>()
  for (const item of late) push(lateByDb, item.db, item.doc)
  for (const [db, docs] of lateByDb) {
    await couch.write(db, docs)
    const rows = docs.map((doc) => ({ source: chtSyncSource(db), doc: stored(doc) }))
    await insertChtSyncRows(ctx.chtSync, ctx.chtSyncTarget, rows, stamps.late(), true)
  }

  const chtSyncSeqs = await recordChtSyncProgress({
    client: ctx.chtSync,
    schema: ctx.chtSyncTarget.schema,
    couch,
    plan: ctx.plan,
    firstProgressAt,
  })
  return { byDatabase, deleted, couch2pgSeqs, chtSyncSeqs }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
