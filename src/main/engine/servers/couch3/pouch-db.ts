import type { PouchConstructor, PouchInstance } from 'pouchdb-core'

/** One row of PouchDB's changes feed, as the CouchDB 3 layer reads it (no documents unless asked). */
export interface FeedRow {
  id: string
  seq: number
  deleted?: boolean
  doc?: object
}

interface ChangesFeed {
  on(event: 'change', listener: (row: FeedRow) => void): ChangesFeed
  on(event: 'complete', listener: (info: { last_seq: number }) => void): ChangesFeed
  on(event: 'error', listener: (error: unknown) => void): ChangesFeed
  cancel(): void
}

/** The part of a PouchDB database the layer uses (pouchdb-modules.d.ts declares less). */
export interface LayerDb {
  info(): Promise<{ doc_count: number; update_seq: number }>
  changes(options: Record<string, unknown>): ChangesFeed
  allDocs(options: { keys: string[]; include_docs: true }): Promise<{ rows: { doc?: object }[] }>
  bulkDocs(
    docs: readonly object[],
    options: { new_edits: boolean },
  ): Promise<{ id?: string; error?: unknown; name?: string; message?: string }[]>
}

/**
 * Plain PouchDB instances on the server's own stores, one per database, kept open.
 *
 * PouchDB shares one store per database name, so these see what the server writes; they are not
 * wrapped by express-pouchdb (no security checks: the layer opens one only for a database the
 * server has just answered about, or for the in-process bulk loader). They are never closed:
 * closing one would close the store under the server. `forget` drops one after its database was
 * deleted, so a new database of the same name gets a fresh instance.
 */
export interface DbHandles {
  open(db: string): LayerDb
  forget(db: string): void
}

/** Handles made with the server's PouchDB constructor. */
export function createDbHandles(Pouch: PouchConstructor): DbHandles {
  const open = new Map<string, LayerDb>()
  return {
    open(db) {
      let handle = open.get(db)
      if (!handle) {
        handle = asLayerDb(new Pouch(db))
        open.set(db, handle)
      }
      return handle
    },
    forget: (db) => void open.delete(db),
  }
}

function asLayerDb(db: PouchInstance): LayerDb {
  return db as unknown as LayerDb
}

/** Where a walk of the changes feed starts, and how far it may go. */
export interface FeedOptions {
  since: number
  /** Stop after this many rows. */
  limit?: number
}

/**
 * Walks a database's changes feed after `since` without keeping the rows (PouchDB lists each
 * document once, at its latest sequence, like CouchDB's by-seq index). Resolves with the feed's
 * `last_seq`: the sequence the walk is valid up to.
 */
export function walkChanges(
  db: LayerDb,
  options: FeedOptions,
  onRow: (row: FeedRow) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    db.changes({
      since: options.since,
      return_docs: false,
      style: 'main_only',
      ...(options.limit === undefined ? {} : { limit: options.limit }),
    })
      .on('change', onRow)
      .on('complete', (info) => resolve(info.last_seq))
      .on('error', reject)
  })
}
