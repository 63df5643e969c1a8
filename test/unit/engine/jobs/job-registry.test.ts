import { afterEach, describe, expect, it, vi } from 'vitest'
import { JobRegistry } from '../../../../src/main/engine/jobs/job-registry'
import type { JobProgress } from '../../../../src/shared/events'
import { AppError } from '../../../../src/shared/result'

function recorder(registry: JobRegistry) {
  const events: JobProgress[] = []
  const off = registry.onProgress((p) => events.push(p))
  return { events, off }
}

const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(new Error('aborted by the signal'))),
  )

afterEach(() => vi.useRealTimers())

describe('JobRegistry', () => {
  it('runs a job, returns its value and reports start and success', async () => {
    const registry = new JobRegistry()
    const { events } = recorder(registry)
    const started: string[] = []
    const value = await registry.run('inventory.scan', async ({ jobId }) => `done ${jobId}`, {
      jobId: 'job-1',
      onStart: (id) => started.push(id),
    })
    expect(value).toBe('done job-1')
    expect(started).toEqual(['job-1'])
    expect(events.map((e) => e.state)).toEqual(['running', 'succeeded'])
    expect(events[0]).toEqual({
      jobId: 'job-1',
      operation: 'inventory.scan',
      done: 0,
      total: null,
      message: '',
      state: 'running',
    })
    expect(registry.runningIds).toEqual([])
  })

  it('throttles progress reports and ends with the latest figures', async () => {
    vi.useFakeTimers()
    const registry = new JobRegistry(100)
    const { events } = recorder(registry)
    await registry.run('parity.run', async ({ progress }) => {
      for (let i = 1; i <= 50; i++) progress(i, 200, `table ${i}`)
      vi.advanceTimersByTime(100)
      progress(51, 200, 'table 51')
      progress(52, 200, 'table 52')
    })
    const running = events.filter((e) => e.state === 'running')
    // The start, the first report, and one more after the throttle window.
    expect(running.map((e) => e.done)).toEqual([0, 1, 51])
    expect(events.at(-1)).toMatchObject({ state: 'succeeded', done: 52, message: 'table 52' })
  })

  it('cancels a running job: the promise rejects with CANCELLED', async () => {
    const registry = new JobRegistry()
    const { events } = recorder(registry)
    let jobId = ''
    const job = registry.run('parity.run', ({ signal }) => untilAborted(signal), {
      onStart: (id) => (jobId = id),
    })
    expect(registry.runningIds).toEqual([jobId])
    expect(registry.cancel(jobId)).toBe(true)
    const e = await job.catch((reason: unknown) => reason)
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('CANCELLED')
    expect((e as AppError).message).toBe('parity.run was cancelled; nothing was changed.')
    expect(events.at(-1)?.state).toBe('cancelled')
    expect(registry.runningIds).toEqual([])
    expect(registry.cancel(jobId)).toBe(false)
  })

  it('treats a job that ignores the signal and returns as cancelled all the same', async () => {
    const registry = new JobRegistry()
    let jobId = ''
    const job = registry.run(
      'inventory.scan',
      async () => {
        registry.cancel(jobId)
        return 'finished anyway'
      },
      { onStart: (id) => (jobId = id) },
    )
    await expect(job).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  it('keeps a CANCELLED error the job threw itself', async () => {
    const registry = new JobRegistry()
    const own = new AppError('CANCELLED', 'Stopped after 3 of 9 tables.')
    const job = registry.run('parity.run', async ({ jobId, signal }) => {
      registry.cancel(jobId)
      if (signal.aborted) throw own
    })
    await expect(job).rejects.toBe(own)
  })

  it('reports a failure and passes the error on', async () => {
    const registry = new JobRegistry()
    const { events, off } = recorder(registry)
    const boom = new AppError('IO_ERROR', 'disk went away')
    await expect(
      registry.run('report.pdf', async () => {
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(events.at(-1)?.state).toBe('failed')
    off()
    await registry.run('report.pdf', async () => 1)
    expect(events.at(-1)?.state).toBe('failed')
  })

  it('answers false when cancelling an unknown job', () => {
    expect(new JobRegistry().cancel('nope')).toBe(false)
  })
})
