import { afterEach, describe, expect, it } from 'vitest'
import type { DeletedTrackers } from '../../../../../src/main/engine/servers/couch3/deleted-tracker'
import { createDeletedTrackers } from '../../../../../src/main/engine/servers/couch3/deleted-tracker'
import {
  createPendingCounter,
  estimate,
  PENDING_WALK_CAP,
} from '../../../../../src/main/engine/servers/couch3/pending'
import type { LayerDb } from '../../../../../src/main/engine/servers/couch3/pouch-db'
import { counting, loadedDocs, memoryDb, walkCount } from './pouch-fixture'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function loaded(count: number) {
  const made = await memoryDb()
  cleanups.push(made.destroy)
  const trackers = createDeletedTrackers()
  const docs = loadedDocs('doc', count)
  await trackers.recordBulkLoad(made.name, made.db, docs, async () => {
    await made.db.bulkDocs(docs, { new_edits: false })
  })
  const spied = counting(made.db)
  return { ...made, spied, trackers, counter: createPendingCounter(trackers) }
}

/** Updates documents `doc-<i>` for each i, giving each a second revision. */
async function update(db: LayerDb, ids: number[]) {
  await db.bulkDocs(
    ids.map((i) => ({
      _id: `doc-${i}`,
      _rev: '2-b',
      _revisions: { start: 2, ids: ['b', 'a'.repeat(32)] },
      updated: true,
    })),
    { new_edits: false },
  )
}

describe('pending', () => {
  it('is update_seq minus since, without a walk, when no sequence was superseded', async () => {
    const { name, spied, counter } = await loaded(300)
    for (const since of [0, 1, 150, 299, 300, 400]) {
      expect(await counter.after(name, spied.db, since)).toBe(Math.max(0, 300 - since))
    }
    expect(spied.walks()).toBe(0)
  })

  it('counts exactly by walking once sequences were superseded', async () => {
    const { name, db, spied, counter } = await loaded(100)
    await update(db, [3, 50, 99])
    for (const since of [0, 10, 60, 100, 101, 102, 103]) {
      expect(await counter.after(name, spied.db, since)).toBe(await walkCount(db, since))
    }
    // Every document once, and the three updated ones after the load.
    expect(await counter.after(name, spied.db, 0)).toBe(100)
    expect(await counter.after(name, spied.db, 100)).toBe(3)
  })

  it('derives the next page from the previous count instead of walking again', async () => {
    const { name, db, spied, counter } = await loaded(100)
    await update(db, [5])
    const total = await walkCount(db, 40)
    expect(await counter.after(name, spied.db, 40)).toBe(total)
    // An unfiltered page of 20 rows after 40, as express-pouchdb reads it.
    const page = await new Promise<{ results: unknown[]; last_seq: number }>((resolve, reject) => {
      db.changes({ since: 40, limit: 20 })
        .on('complete', (info) => resolve(info as unknown as { results: []; last_seq: number }))
        .on('error', reject)
    })
    expect(page.results).toHaveLength(20)
    const walks = spied.walks()
    const next = await counter.afterPage(name, spied.db, {
      since: 40,
      rows: page.results.length,
      lastSeq: page.last_seq,
    })
    expect(next).toBe(total - 20)
    expect(spied.walks()).toBe(walks)
    expect(next).toBe(await walkCount(db, page.last_seq))
  })

  it('counts again after a write, and forgets a database', async () => {
    const { name, db, spied, counter } = await loaded(10)
    await update(db, [1])
    const before = await counter.after(name, spied.db, 5)
    expect(before).toBe(await walkCount(db, 5))
    await update(db, [2])
    expect(await counter.after(name, spied.db, 5)).toBe(await walkCount(db, 5))
    expect(await counter.after(name, spied.db, 11)).toBe(1)
    counter.forget(name)
    expect(await counter.after(name, spied.db, 5)).toBe(await walkCount(db, 5))
  })

  it('estimates above the walk cap without walking', async () => {
    const snapshot = { docCount: 600_000, deletedCount: 0, bytes: 0, consistent: true }
    const trackers: DeletedTrackers = {
      snapshot: async () => ({ ...snapshot, updateSeq: 1_000_000 }),
      recordBulkLoad: async () => undefined,
      catchUpSoon: () => undefined,
      forget: () => undefined,
    }
    const refuse: LayerDb = {
      info: async () => ({ doc_count: 600_000, update_seq: 1_000_000 }),
      bulkDocs: async () => [],
      allDocs: async () => ({ rows: [] }),
      changes: () => {
        throw new Error('no walk expected')
      },
    }
    const counter = createPendingCounter(trackers)
    expect(await counter.after('big', refuse, 500_000)).toBe(300_000)
    expect(await counter.after('big', refuse, 1_000_000 - PENDING_WALK_CAP - 1)).toBe(6_001)
  })
})

describe('estimate', () => {
  it('is the span when nothing was superseded', () => {
    expect(estimate(20_000, 100_000, 100_000)).toBe(20_000)
  })

  it('scales the span by the share of latest sequences, within what is possible', () => {
    expect(estimate(20_000, 100_000, 50_000)).toBe(10_000)
    // Only 10 sequences were superseded: at least span - 10 documents changed.
    expect(estimate(50_000, 100_000, 99_990)).toBe(49_995)
    expect(estimate(50_000, 100_000, 10)).toBe(5)
    expect(estimate(50_000, 100_000, 20)).toBeLessThanOrEqual(20)
    expect(estimate(50_000, 100_000, 0)).toBe(0)
    expect(estimate(50_000, 0, 0)).toBe(0)
  })
})
