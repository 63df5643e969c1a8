import { walkChanges, type LayerDb } from './pouch-db'

/** What the layer knows about one database at one sequence. */
export interface DbSnapshot {
  /** PouchDB's update sequence the counts belong to. */
  updateSeq: number
  /** PouchDB's `doc_count`: documents whose winning revision is live, design documents included. */
  docCount: number
  /** Documents whose winning revision is deleted (CouchDB's `doc_del_count`). */
  deletedCount: number
  /** Approximate JSON bytes of the revisions written (see {@link DeletedTrackers}). */
  bytes: number
  /** False when writes kept landing while the counts were read: they may be a little apart. */
  consistent: boolean
}

/**
 * Per-database trackers of deleted documents, so `doc_del_count` costs nothing per request.
 *
 * PouchDB counts live documents only. Each tracker keeps the ids of the documents whose winning
 * revision is deleted and the PouchDB sequence that set is valid for, and two ways to move on:
 * the in-process bulk loader reports what it writes (a `_deleted: true` document adds its id, a
 * live one removes it), and a request that finds the database ahead walks the changes feed from
 * the tracker's sequence (no documents kept; only what changed since, never the whole database
 * unless the tracker is new, e.g. after a restart on leveldb). The loader's documents are taken
 * to win: the demo writes each document once, with its whole history. When the database moved
 * by more than the loader wrote (another writer, or revisions already there), the tracker leaves
 * its sequence alone and the changes feed settles it.
 *
 * The tracker also sums approximate JSON bytes: a sampled estimate of each loader batch, and of
 * the live documents a catch-up saw (a few of them are read, the rest are counted at their
 * average). A rewritten document counts again, like the bytes of a CouchDB file before
 * compaction, so this is an approximation of `sizes`, no more.
 */
export interface DeletedTrackers {
  /** Brings the tracker of `db` up to the database's current sequence and returns the counts. */
  snapshot(db: string, handle: LayerDb): Promise<DbSnapshot>
  /** Runs the loader's `write` of `docs` into `db` and records what it wrote. */
  recordBulkLoad(
    db: string,
    handle: LayerDb,
    docs: readonly object[],
    write: () => Promise<void>,
  ): Promise<void>
  /**
   * Catches up shortly, in the background, after a write through HTTP: a long run of such
   * writes is then walked a batch at a time, never all at once inside a request.
   */
  catchUpSoon(db: string, handle: LayerDb): void
  /** Drops the tracker of a deleted (or re-created) database. */
  forget(db: string): void
}

interface TrackerState {
  seq: number
  deleted: Set<string>
  bytes: number
  /** Catch-ups and loader writes of one database run one at a time. */
  queue: Promise<unknown>
}

// A snapshot catches up at most this many times while writes keep landing, then answers.
const SNAPSHOT_ATTEMPTS = 3
// Documents stringified per loader batch to estimate its bytes.
const BYTE_SAMPLE = 32
// How long a background catch-up waits for more writes.
const CATCH_UP_DELAY_MS = 50

/** Creates the trackers of one server. */
export function createDeletedTrackers(): DeletedTrackers {
  const states = new Map<string, TrackerState>()
  const soon = new Map<string, NodeJS.Timeout>()
  const stateOf = (db: string) => {
    let state = states.get(db)
    if (!state) {
      state = { seq: 0, deleted: new Set(), bytes: 0, queue: Promise.resolve() }
      states.set(db, state)
    }
    return state
  }
  const serialised = <T>(state: TrackerState, task: () => Promise<T>): Promise<T> => {
    const run = state.queue.then(task, task)
    state.queue = run.catch(() => undefined)
    return run
  }

  return {
    async snapshot(db, handle) {
      const state = stateOf(db)
      let info = await handle.info()
      for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
        if (info.update_seq === state.seq) break
        await serialised(state, () => catchUp(state, handle))
        info = await handle.info()
      }
      return {
        updateSeq: info.update_seq,
        docCount: info.doc_count,
        deletedCount: state.deleted.size,
        bytes: state.bytes,
        consistent: info.update_seq === state.seq,
      }
    },

    recordBulkLoad(db, handle, docs, write) {
      const state = stateOf(db)
      return serialised(state, async () => {
        // The catch-up leaves the tracker at the database's update_seq; a write by someone else
        // between it and ours shows as a difference other than one sequence per document.
        await catchUp(state, handle)
        const before = state.seq
        await write()
        const after = (await handle.info()).update_seq
        // Every document made exactly one new revision, and nobody else wrote in between.
        if (after - before !== docs.length) return
        for (const doc of docs) {
          const id = (doc as { _id?: unknown })._id
          if (typeof id !== 'string') continue
          if ((doc as { _deleted?: unknown })._deleted === true) state.deleted.add(id)
          else state.deleted.delete(id)
        }
        state.bytes += estimateBytes(docs)
        state.seq = after
      })
    },

    catchUpSoon(db, handle) {
      if (soon.has(db)) return
      const timer = setTimeout(() => {
        soon.delete(db)
        // A failure (the server stopping, the database deleted) is left to the next request.
        serialised(stateOf(db), () => catchUp(stateOf(db), handle)).catch(() => undefined)
      }, CATCH_UP_DELAY_MS)
      soon.set(db, timer.unref())
    },

    forget(db) {
      clearTimeout(soon.get(db))
      soon.delete(db)
      states.delete(db)
    },
  }
}

async function catchUp(state: TrackerState, handle: LayerDb): Promise<void> {
  const { update_seq: current } = await handle.info()
  if (current < state.seq) {
    // The database is younger than the tracker (deleted and created again behind our back).
    state.seq = 0
    state.deleted.clear()
    state.bytes = 0
  }
  if (current === state.seq) return
  // Ids only; a random sample of the live ones (reservoir) is read afterwards for their bytes.
  const sample: string[] = []
  let live = 0
  const last = await walkChanges(handle, { since: state.seq }, (row) => {
    if (row.deleted) return void state.deleted.add(row.id)
    state.deleted.delete(row.id)
    live++
    if (sample.length < BYTE_SAMPLE) sample.push(row.id)
    else {
      const slot = Math.floor(Math.random() * live)
      if (slot < BYTE_SAMPLE) sample[slot] = row.id
    }
  })
  state.bytes += await sampledBytes(handle, sample, live)
  state.seq = Math.max(state.seq, last)
}

/** JSON bytes of `count` documents, from those of a sample of their ids. */
async function sampledBytes(handle: LayerDb, sample: string[], count: number): Promise<number> {
  if (sample.length === 0) return 0
  const { rows } = await handle.allDocs({ keys: sample, include_docs: true })
  const docs = rows.flatMap((row) => (row.doc ? [row.doc] : []))
  return docs.length === 0 ? 0 : Math.round((estimateBytes(docs) * count) / docs.length)
}

/** JSON bytes of a batch, from a sample of its documents. */
export function estimateBytes(docs: readonly object[]): number {
  if (docs.length === 0) return 0
  const step = Math.max(1, Math.floor(docs.length / BYTE_SAMPLE))
  let sampled = 0
  let bytes = 0
  for (let i = 0; i < docs.length; i += step) {
    bytes += Buffer.byteLength(JSON.stringify(docs[i]))
    sampled++
  }
  return Math.round((bytes * docs.length) / sampled)
}
