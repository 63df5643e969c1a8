import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PouchConstructor } from 'pouchdb-core'
import { loadPouch } from '../../../../../src/main/engine/servers/pouch-runtime'
import type { LayerDb } from '../../../../../src/main/engine/servers/couch3/pouch-db'

let Pouch: PouchConstructor | null = null
let next = 0

/** A fresh in-memory PouchDB database, seen through the layer's narrow interface. */
export async function memoryDb(): Promise<{ db: LayerDb; name: string; destroy(): Promise<void> }> {
  // The memory adapter writes nothing to disk: the folder only prefixes the names.
  Pouch ??= (await loadPouch('memory', join(tmpdir(), 'couch3-unit'))).Pouch
  const name = `unit_${process.pid}_${next++}`
  const instance = new Pouch(name)
  return {
    db: instance as unknown as LayerDb,
    name,
    destroy: async () => void (await instance.destroy()),
  }
}

/** Wraps a database to count the walks of its changes feed. */
export function counting(db: LayerDb): { db: LayerDb; walks(): number } {
  let walks = 0
  return {
    db: {
      info: () => db.info(),
      bulkDocs: (docs, options) => db.bulkDocs(docs, options),
      allDocs: (options) => db.allDocs(options),
      changes: (options) => {
        walks++
        return db.changes(options)
      },
    },
    walks: () => walks,
  }
}

/** `count` documents with ids `<prefix>-<i>`, one revision each, as the demo loads them. */
export function loadedDocs(prefix: string, count: number, deleted = false): object[] {
  return Array.from({ length: count }, (_, i) => ({
    _id: `${prefix}-${i}`,
    _rev: `1-${'a'.repeat(32)}`,
    ...(deleted ? { _deleted: true } : { type: 'person', name: `Person ${i}` }),
  }))
}

/** Counts the changes after `since` the slow way, for comparison. */
export async function walkCount(db: LayerDb, since: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0
    db.changes({ since, return_docs: false })
      .on('change', () => n++)
      .on('complete', () => resolve(n))
      .on('error', reject)
  })
}
