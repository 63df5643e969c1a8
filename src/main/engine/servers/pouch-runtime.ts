import type { PouchConstructor, PouchInstance } from 'pouchdb-core'

/**
 * PouchDB's process-wide state, handled for the CouchDB-compatible server: plugins applied once,
 * databases closed from the server's own cache, and the global event listeners taken back.
 */

// PouchDB's `plugin()` always extends the one base class, and some plugins can be applied only
// once per process (a second `pouchdb-replication` throws "Cannot redefine property"), so each
// is applied once, the first time a server needs it.
const applied = new Set<string>()

/**
 * Loads PouchDB and express-pouchdb on first use (about 120 ms of requires that a wizard without
 * a demo never pays) and makes a PouchDB constructor whose databases live under `dataDir`.
 */
export async function loadPouch(adapter: 'memory' | 'leveldb', dataDir: string) {
  const [core, server, storage, mapReduce, replication] = await Promise.all([
    import('pouchdb-core'),
    import('express-pouchdb'),
    adapter === 'leveldb' ? import('pouchdb-adapter-leveldb') : import('pouchdb-adapter-memory'),
    import('pouchdb-mapreduce'),
    import('pouchdb-replication'),
  ])
  const base = core.default
  const once = (name: string, plugin: unknown) => {
    if (applied.has(name)) return
    base.plugin(plugin)
    applied.add(name)
  }
  once(adapter, storage.default)
  once('mapreduce', mapReduce.default)
  once('replication', replication.default)
  const Pouch = base.defaults({ adapter, prefix: `${dataDir}/` })
  return { expressPouchDB: server.default, Pouch }
}

/**
 * Closes every database the server opened, so that leveldb releases its files; memory databases
 * are destroyed, because memdown keeps them in a process-wide store otherwise.
 *
 * The databases are taken from express-pouchdb's cache on our constructor, not from PouchDB's
 * `created` events: those are process-wide (shared by every PouchDB in the process), so they
 * would name other servers' databases too.
 */
export async function closeDatabases(Pouch: PouchConstructor, destroy: boolean) {
  const cached = (Pouch as unknown as { __dbCacheMap?: Map<string, PouchInstance> }).__dbCacheMap
  const open = new Map(cached ?? [])
  open.delete(ALL_DBS)
  // The authentication database and the list of databases are not in the cache; the list goes
  // last, since destroying a database updates it.
  for (const name of ['_users', ALL_DBS]) {
    if (open.has(name)) continue
    const db = new Pouch(name)
    // Closing a leveldb database that is still opening never completes: let it open first.
    await db.info().catch(() => undefined)
    open.set(name, db)
  }
  for (const db of open.values()) await (destroy ? db.destroy() : db.close()).catch(() => undefined)
}

const ALL_DBS = 'pouch__all_dbs__'

/**
 * express-pouchdb's plugins listen to PouchDB's process-wide `created` and `destroyed` events
 * (the list of databases, the authentication database) and never stop. Returns the function that
 * removes the listeners added since this call, so a stopped server neither leaks them nor reacts
 * to the databases of the next one.
 */
export function trackGlobalListeners(Pouch: PouchConstructor): () => void {
  const events = ['created', 'destroyed']
  const before = new Map(events.map((e) => [e, new Set(Pouch.listeners(e))]))
  return () => {
    for (const event of events) {
      for (const listener of Pouch.listeners(event)) {
        if (!before.get(event)?.has(listener)) Pouch.removeListener(event, listener)
      }
    }
  }
}
