import { afterEach, describe, expect, it } from 'vitest'
import {
  createDeletedTrackers,
  estimateBytes,
} from '../../../../../src/main/engine/servers/couch3/deleted-tracker'
import type { LayerDb } from '../../../../../src/main/engine/servers/couch3/pouch-db'
import { counting, loadedDocs, memoryDb } from './pouch-fixture'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function fixture() {
  const made = await memoryDb()
  cleanups.push(made.destroy)
  const spied = counting(made.db)
  return { ...made, spied, trackers: createDeletedTrackers() }
}

/** Writes through the tracker, as the server's bulkLoad does. */
const load = (
  trackers: ReturnType<typeof createDeletedTrackers>,
  name: string,
  db: LayerDb,
  docs: object[],
) =>
  trackers.recordBulkLoad(name, db, docs, async () => {
    const results = await db.bulkDocs(docs, { new_edits: false })
    if (results.some((r) => r.error)) throw new Error('refused')
  })

describe('the deleted-documents tracker', () => {
  it('counts what the bulk loader writes without walking the changes feed', async () => {
    const { name, spied, trackers } = await fixture()
    await load(trackers, name, spied.db, loadedDocs('live', 40))
    await load(trackers, name, spied.db, loadedDocs('gone', 15, true))
    const snap = await trackers.snapshot(name, spied.db)
    expect(snap).toMatchObject({ updateSeq: 55, docCount: 40, deletedCount: 15, consistent: true })
    expect(snap.bytes).toBeGreaterThan(40 * 50)
    expect(spied.walks()).toBe(0)
  })

  it('catches up from the changes feed after writes it did not see, walking only once', async () => {
    const { name, db, spied, trackers } = await fixture()
    await load(trackers, name, spied.db, loadedDocs('doc', 10))
    // Over HTTP, in the server: delete two, revive nothing, add one.
    await db.bulkDocs(
      [
        {
          _id: 'doc-0',
          _rev: '2-b',
          _deleted: true,
          _revisions: { start: 2, ids: ['b', 'a'.repeat(32)] },
        },
        {
          _id: 'doc-1',
          _rev: '2-b',
          _deleted: true,
          _revisions: { start: 2, ids: ['b', 'a'.repeat(32)] },
        },
        { _id: 'new', _rev: '1-c' },
      ],
      { new_edits: false },
    )
    const snap = await trackers.snapshot(name, spied.db)
    expect(snap).toMatchObject({ updateSeq: 13, docCount: 9, deletedCount: 2, consistent: true })
    expect(spied.walks()).toBe(1)
    await trackers.snapshot(name, spied.db)
    expect(spied.walks()).toBe(1)
  })

  it('estimates the bytes of documents it only saw in the changes feed from a sample', async () => {
    const { name, db, trackers } = await fixture()
    const docs = loadedDocs('doc', 500)
    await db.bulkDocs(docs, { new_edits: false })
    const exact = docs.reduce((sum: number, d) => sum + Buffer.byteLength(JSON.stringify(d)), 0)
    const { bytes } = await trackers.snapshot(name, db)
    expect(Math.abs(bytes - exact) / exact).toBeLessThan(0.1)
  })

  it('takes a document off the list when a live revision wins again', async () => {
    const { name, db, trackers } = await fixture()
    await load(trackers, name, db, loadedDocs('doc', 3, true))
    expect((await trackers.snapshot(name, db)).deletedCount).toBe(3)
    await load(trackers, name, db, [
      { _id: 'doc-1', _rev: '2-z', _revisions: { start: 2, ids: ['z', 'a'.repeat(32)] } },
    ])
    expect(await trackers.snapshot(name, db)).toMatchObject({ deletedCount: 2, docCount: 1 })
  })

  it('leaves a batch to the changes feed when it wrote fewer revisions than documents', async () => {
    const { name, spied, trackers } = await fixture()
    const docs = loadedDocs('doc', 5, true)
    await load(trackers, name, spied.db, docs)
    // The same revisions again (nothing new) and one new live document.
    await load(trackers, name, spied.db, [...docs, ...loadedDocs('other', 1)])
    expect(await trackers.snapshot(name, spied.db)).toMatchObject({
      updateSeq: 6,
      deletedCount: 5,
      docCount: 1,
      consistent: true,
    })
    expect(spied.walks()).toBe(1)
  })

  it('starts again when the database is younger than the tracker, and after forget', async () => {
    const { name, db, trackers } = await fixture()
    await load(trackers, name, db, loadedDocs('doc', 6, true))
    expect((await trackers.snapshot(name, db)).deletedCount).toBe(6)
    const younger = await memoryDb()
    cleanups.push(younger.destroy)
    await younger.db.bulkDocs(loadedDocs('x', 2, true), { new_edits: false })
    expect(await trackers.snapshot(name, younger.db)).toMatchObject({
      updateSeq: 2,
      deletedCount: 2,
    })
    trackers.forget(name)
    expect((await trackers.snapshot(name, db)).deletedCount).toBe(6)
  })
})

describe('estimateBytes', () => {
  it('is close to the JSON size of a batch, from a sample', () => {
    const docs = loadedDocs('doc', 1000)
    const exact = docs.reduce((sum: number, d) => sum + Buffer.byteLength(JSON.stringify(d)), 0)
    expect(Math.abs(estimateBytes(docs) - exact) / exact).toBeLessThan(0.05)
    expect(estimateBytes([])).toBe(0)
  })
})
