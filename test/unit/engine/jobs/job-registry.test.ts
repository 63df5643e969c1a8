import { afterEach, describe, expect, it, vi } from 'vitest'
import { JobRegistry, type JobEvent } from '../../../../src/main/engine/jobs/job-registry'
import { createMemoryLog } from '../../../../src/main/engine/log/log'
import { AppError } from '../../../../src/shared/result'

function recorder(registry: JobRegistry) {
  const events: JobEvent[] = []
  const off = registry.onEvent((e) => events.push(e))
  return { events, off }
}

const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(new Error('aborted by the signal'))),
  )

const spec = <T>(run: Parameters<JobRegistry['start']>[0]['run'], extra = {}) => ({
  kind: 'parity.run',
  title: 'Comparing the documents',
  run: run as (ctx: Parameters<typeof run>[0]) => Promise<T>,
  ...extra,
})

afterEach(() => vi.useRealTimers())

describe('JobRegistry', () => {
  it('answers a job id at once, before any of the work runs, and ends with its value', async () => {
    const registry = new JobRegistry()
    const { events } = recorder(registry)
    let ran = false
    const jobId = registry.start(
      spec(async () => {
        ran = true
        return 42
      }),
    )
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/)
    expect(ran).toBe(false)
    expect(registry.runningIds).toEqual([jobId])
    expect(await registry.wait(jobId)).toEqual({ ok: true, value: 42 })
    const finished = events.at(-1) as Extract<JobEvent, { type: 'job.finished' }>
    expect(finished.type).toBe('job.finished')
    expect(finished.result).toEqual({ ok: true, value: 42 })
    expect(finished.job).toMatchObject({
      jobId,
      state: 'succeeded',
      kind: 'parity.run',
      error: null,
    })
    expect(registry.list().map((j) => [j.jobId, j.state])).toEqual([[jobId, 'succeeded']])
  })

  it('reports typed progress, throttled, with phase changes always sent', async () => {
    vi.useFakeTimers()
    let clock = 0
    const registry = new JobRegistry({ throttleMs: 100, now: () => clock })
    const { events } = recorder(registry)
    const jobId = registry.start(
      spec(async ({ progress }) => {
        for (let i = 1; i <= 50; i++)
          progress({ phase: 'hashing', unit: 'rows', done: i, total: 200 })
        clock += 100
        progress({ phase: 'hashing', done: 51 })
        progress({ phase: 'merging', unit: 'ids', done: 1, total: null, message: 'Comparing' })
        progress({ phase: 'merging', done: 2 })
      }),
    )
    await vi.runAllTimersAsync()
    await registry.wait(jobId)
    const progress = events.filter((e) => e.type === 'job.progress').map((e) => e.job.progress)
    expect(progress.map((p) => [p.phase, p.done])).toEqual([
      ['starting', 0],
      ['hashing', 1],
      ['hashing', 51],
      ['merging', 1],
    ])
    expect(progress[2]).toMatchObject({ unit: 'rows', total: 200 })
    const end = events.at(-1) as Extract<JobEvent, { type: 'job.finished' }>
    expect(end.job.progress).toMatchObject({
      phase: 'merging',
      done: 2,
      unit: 'ids',
      message: 'Comparing',
    })
  })

  it('cancels a running job: its result is CANCELLED and cancelling again is false', async () => {
    const registry = new JobRegistry()
    const jobId = registry.start(spec(({ signal }) => untilAborted(signal)))
    expect(registry.cancel(jobId)).toBe(true)
    const result = await registry.wait(jobId)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'CANCELLED',
        message: 'Comparing the documents was cancelled; nothing was changed.',
      },
    })
    expect(registry.list()[0]).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } })
    expect(registry.cancel(jobId)).toBe(false)
  })

  it('treats a job that ignores the signal and returns as cancelled all the same', async () => {
    const registry = new JobRegistry()
    let jobId = ''
    jobId = registry.start(
      spec(async () => {
        registry.cancel(jobId)
        return 'finished anyway'
      }),
    )
    expect(await registry.wait(jobId)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
  })

  it('keeps a CANCELLED error the job threw itself', async () => {
    const registry = new JobRegistry()
    const own = new AppError('CANCELLED', 'Stopped after 3 of 9 tables.')
    const jobId = registry.start(
      spec(async ({ jobId, signal }) => {
        registry.cancel(jobId)
        if (signal.aborted) throw own
      }),
    )
    expect(await registry.wait(jobId)).toEqual({ ok: false, error: own.toData() })
  })

  it('keeps an AppError code, and logs anything else as INTERNAL with the log path', async () => {
    const log = createMemoryLog('/tmp/cht.log')
    const registry = new JobRegistry({ log })
    const typed = registry.start(
      spec(async () => {
        throw new AppError('IO_ERROR', 'disk went away')
      }),
    )
    expect(await registry.wait(typed)).toEqual({
      ok: false,
      error: { code: 'IO_ERROR', message: 'disk went away' },
    })
    const bug = registry.start(
      spec(async () => {
        throw new TypeError('x is undefined')
      }),
    )
    const result = await registry.wait(bug)
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    if (!result.ok) expect(result.error.message).toContain('/tmp/cht.log')
    expect(log.lines.join('\n')).toMatch(/parity.run .* failed — TypeError: x is undefined/)
  })

  it('refuses a second start of an exclusive kind with JOB_RUNNING, and allows it afterwards', async () => {
    const registry = new JobRegistry()
    const first = registry.start(
      spec(({ signal }) => untilAborted(signal), { exclusiveKey: 'demo' }),
    )
    let refusal: unknown
    try {
      registry.start(spec(async () => 1, { exclusiveKey: 'demo' }))
    } catch (e) {
      refusal = e
    }
    expect(refusal).toMatchObject({
      code: 'JOB_RUNNING',
      message:
        'Comparing the documents is already running; wait for it to finish or cancel it first.',
      details: { jobId: first },
    })
    // Another key, or no key, is not held up.
    registry.start(spec(async () => 1, { exclusiveKey: 'parity:other-project' }))
    registry.start(spec(async () => 1))
    registry.cancel(first)
    await registry.wait(first)
    const again = registry.start(spec(async () => 2, { exclusiveKey: 'demo' }))
    expect(await registry.run(spec(async () => 3))).toBe(3)
    expect(await registry.wait(again)).toEqual({ ok: true, value: 2 })
  })

  it('lists running and recent jobs newest first, forgetting old finished ones', async () => {
    let clock = 1_000
    const registry = new JobRegistry({ now: () => clock, keepFinished: 2, keepFinishedMs: 60_000 })
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      clock += 10
      ids.push(registry.start(spec(async () => i)))
      await registry.wait(ids[i]!)
    }
    clock += 10
    const running = registry.start(spec(({ signal }) => untilAborted(signal)))
    expect(registry.list().map((j) => j.jobId)).toEqual([running, ids[2], ids[1]])
    clock += 61_000
    expect(registry.list().map((j) => j.jobId)).toEqual([running])
    expect(registry.list()[0]!.elapsedMs).toBe(61_000)
    await registry.cancelAll()
    expect(registry.runningIds).toEqual([])
  })

  it('answers NOT_FOUND for an unknown job and false when cancelling one', async () => {
    const registry = new JobRegistry()
    expect(registry.cancel('nope')).toBe(false)
    expect(await registry.wait('nope')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
