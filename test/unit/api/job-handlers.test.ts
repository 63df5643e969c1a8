import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { createTestContext, type TestContext } from '../../support/handler-context'

let t: TestContext
beforeEach(async () => {
  t = await createTestContext()
})
afterEach(async () => {
  await t.dispose()
})

const waitForAbort = ({ signal }: { signal: AbortSignal }) =>
  new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(new Error('stop'))),
  )

describe('jobs.list and jobs.cancel', () => {
  it('lists running jobs so a reloaded page can re-attach, then how they ended', async () => {
    expect(await call('jobs.list', {}, t.ctx)).toEqual({ ok: true, value: { jobs: [] } })
    const jobId = t.ctx.jobs.start({
      kind: 'demo.start',
      title: 'Starting the demo',
      run: waitForAbort,
    })
    const listed = await call('jobs.list', {}, t.ctx)
    expect(listed).toMatchObject({
      ok: true,
      value: {
        jobs: [{ jobId, kind: 'demo.start', state: 'running', title: 'Starting the demo' }],
      },
    })

    expect(await call('jobs.cancel', { jobId }, t.ctx)).toEqual({
      ok: true,
      value: { cancelled: true },
    })
    await t.ctx.jobs.wait(jobId)
    expect(await call('jobs.list', {}, t.ctx)).toMatchObject({
      value: { jobs: [{ jobId, state: 'cancelled', error: { code: 'CANCELLED' } }] },
    })
    expect(await call('jobs.cancel', { jobId }, t.ctx)).toEqual({
      ok: true,
      value: { cancelled: false },
    })
  })

  it('refuses a job id that is not one', async () => {
    expect(await call('jobs.cancel', { jobId: '' }, t.ctx)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
    expect(await call('jobs.cancel', { jobId: 'nope' }, t.ctx)).toEqual({
      ok: true,
      value: { cancelled: false },
    })
  })
})
