import { afterEach, describe, expect, it } from 'vitest'
import { openIdMerge } from '../../../../src/main/engine/workers/id-merge-session'
import { createWorkerPool, type WorkerPool } from '../../../../src/main/engine/workers/worker-pool'

let pool: WorkerPool | null = null
afterEach(async () => {
  await pool?.dispose()
  pool = null
})

const ids = (n: number, prefix = 'doc-') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(7, '0')}`)

async function feed(
  session: Awaited<ReturnType<typeof openIdMerge>>,
  source: number,
  list: string[],
  size = 1_000,
) {
  for (let i = 0; i < list.length; i += size) {
    const part = list.slice(i, i + size)
    await session.push(source, { ids: part, revs: part.map(() => '1-a') })
  }
  session.end(source)
}

describe('worker pool', () => {
  it('merges id streams in a worker thread, with backpressure', async () => {
    pool = createWorkerPool({ maxWorkers: 1 })
    const session = await openIdMerge(pool, { sources: ['old', 'new'], sampleLimit: 3 })
    const all = ids(20_000)
    const missing = new Set([all[5], all[12_345], all[19_999]])
    await Promise.all([
      feed(session, 0, all),
      feed(
        session,
        1,
        all.filter((id) => !missing.has(id)),
      ),
    ])
    const out = await session.result
    expect(out.matched).toBe(19_997)
    expect(out.partial).toEqual([{ present: [true, false], count: 3, samples: [...missing] }])
    expect(out.sources.map((s) => s.count)).toEqual([20_000, 19_997])
  })

  it('ends the worker at once when the work is cancelled', async () => {
    pool = createWorkerPool({ maxWorkers: 1 })
    const controller = new AbortController()
    const session = await openIdMerge(
      pool,
      { sources: ['a', 'b'], sampleLimit: 1 },
      { signal: controller.signal },
    )
    // Only one source is fed: the merge waits for the other until the cancel.
    const feeding = feed(session, 0, ids(50_000))
    controller.abort()
    await expect(session.result).rejects.toMatchObject({ code: 'CANCELLED' })
    // The feeder stops too, with the same reason.
    await expect(feeding).rejects.toMatchObject({ code: 'CANCELLED' })
    // The pool's only slot is free again.
    const next = await openIdMerge(pool, { sources: ['a', 'b'], sampleLimit: 1 })
    next.end(0)
    next.end(1)
    expect((await next.result).matched).toBe(0)
  })

  it('reports a task failure and a missing worker entry clearly', async () => {
    pool = createWorkerPool({ maxWorkers: 1 })
    const bad = await openIdMerge(pool, { sources: ['only'], sampleLimit: 1 }).catch((e) => e)
    // One source is refused by the merger inside the worker: the failure travels back.
    if (bad instanceof Error) throw bad
    await expect(bad.result).rejects.toThrow(/2 to 8 sources/)
    const missing = createWorkerPool({ script: '/nonexistent/worker.js' })
    await expect(missing.start('ids.merge', {})).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/worker .* is missing; rebuild the app/),
    })
  })
})
