import type { PouchConstructor } from 'pouchdb-core'
import { createDeletedTrackers, type DeletedTrackers } from './deleted-tracker'
import { createPendingCounter, type PendingCounter } from './pending'
import { createDbHandles, type DbHandles } from './pouch-db'
import { createSeqCodec, type SeqCodec } from './seq-codec'

/** What the CouchDB 3 layer of one server shares between its routes. */
export interface Couch3Context {
  codec: SeqCodec
  handles: DbHandles
  trackers: DeletedTrackers
  pending: PendingCounter
  /** Where leveldb keeps the databases (`<dataDir>/<name>`), or null for the memory adapter. */
  leveldbDir: string | null
  /** The names of the server's databases. */
  allDbs(): Promise<string[]>
}

/** What the layer needs from the server that starts it. */
export interface Couch3Options {
  /** The server's PouchDB constructor (the one express-pouchdb serves). */
  Pouch: PouchConstructor
  /** The server's uuid, as `GET /` shows it: the key of its sequences. */
  uuid: string
  adapter: 'memory' | 'leveldb'
  /** The folder PouchDB keeps leveldb databases in. */
  dataDir: string
}

/** The shared parts of one server's layer. */
export function createCouch3Context(options: Couch3Options): Couch3Context {
  const trackers = createDeletedTrackers()
  return {
    codec: createSeqCodec(options.uuid),
    handles: createDbHandles(options.Pouch),
    trackers,
    pending: createPendingCounter(trackers),
    leveldbDir: options.adapter === 'leveldb' ? options.dataDir : null,
    allDbs: async () => (await options.Pouch.allDbs?.()) ?? [],
  }
}

/** Forgets everything about a database that was deleted or created. */
export function forgetDatabase(context: Couch3Context, db: string): void {
  context.handles.forget(db)
  context.trackers.forget(db)
  context.pending.forget(db)
}
