import { afterEach, describe, expect, it } from 'vitest'
import {
  SQL_ANALYZE_TASK,
  type SqlAnalyzeInput,
  type SqlAnalyzeOutput,
} from '../../../../../src/main/engine/inventory/analysis'
import { sqlAnalyzeTask } from '../../../../../src/main/engine/inventory/analysis/sql-analyze-task'
import type { TaskIo } from '../../../../../src/main/engine/workers/protocol'
import { WORKER_TASKS } from '../../../../../src/main/engine/workers/tasks'
import {
  createWorkerPool,
  type WorkerPool,
} from '../../../../../src/main/engine/workers/worker-pool'

const items = (n: number): SqlAnalyzeInput['items'] =>
  Array.from({ length: n }, (_, i) => ({
    id: `view:public.v${i}`,
    kind: 'view' as const,
    language: null,
    definition: `SELECT doc->>'_id' FROM couchdb WHERE doc->>'form' = 'form_${i}'`,
  }))

function fakeIo() {
  const progress: [number, number | null][] = []
  const io: TaskIo = {
    next: () => Promise.reject(new Error('sql.analyze is fed nothing')),
    credit: () => undefined,
    progress: (done, total) => void progress.push([done, total]),
  }
  return { io, progress }
}

describe('the sql.analyze task', () => {
  it('is registered under its name', () => {
    expect(WORKER_TASKS[SQL_ANALYZE_TASK]).toBe(sqlAnalyzeTask)
  })

  it('analyses every item in order and reports progress every 50', async () => {
    const { io, progress } = fakeIo()
    const input: SqlAnalyzeInput = {
      items: [
        ...items(120),
        { id: 'function:public.f()', kind: 'function', language: 'c', definition: 'not sql' },
        { id: 'table:public.t', kind: 'table', language: null, definition: '' },
      ],
    }
    const out = await sqlAnalyzeTask(input, io)
    expect(out.results.map((r) => r.id)).toEqual(input.items.map((i) => i.id))
    expect(out.results[7]?.analysis.filters).toEqual([{ path: 'form', values: ['form_7'] }])
    expect(out.results[120]?.analysis.parseError).toMatch(/syntax error/)
    expect(out.results[121]?.analysis.references).toEqual([])
    expect(progress).toEqual([
      [0, 122],
      [50, 122],
      [100, 122],
      [122, 122],
    ])
  })

  it('refuses input of the wrong shape', async () => {
    const { io } = fakeIo()
    await expect(sqlAnalyzeTask({ items: [{ id: 1 }] }, io)).rejects.toThrow()
    await expect(
      sqlAnalyzeTask({ items: [{ id: 'x', kind: 'rule', language: null, definition: '' }] }, io),
    ).rejects.toThrow()
  })
})

describe('the sql.analyze task in a worker thread', () => {
  let pool: WorkerPool | null = null
  afterEach(async () => {
    await pool?.dispose()
    pool = null
  })

  it('runs off the main thread', async () => {
    // test/setup/worker-build.ts puts the parser's WebAssembly beside the test worker, as it is
    // beside out/main/worker.js in the built app.
    pool = createWorkerPool({ maxWorkers: 1 })
    const session = await pool.start<SqlAnalyzeOutput>(SQL_ANALYZE_TASK, {
      items: items(3),
    } satisfies SqlAnalyzeInput)
    const { results } = await session.result
    expect(results.map((r) => r.analysis.relations)).toEqual([
      ['couchdb'],
      ['couchdb'],
      ['couchdb'],
    ])
    expect(results[2]?.analysis.jsonPaths).toEqual(['doc._id', 'doc.form'])
  })
})
