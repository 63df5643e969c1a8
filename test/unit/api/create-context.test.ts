import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import type { EngineEvent } from '../../../src/shared/events'
import { FIRST_ITEM } from '../../support/project-fixtures'
import { createTestContext, type TestContext } from '../../support/handler-context'

let t: TestContext
beforeEach(async () => {
  t = await createTestContext()
})
afterEach(async () => {
  await t.dispose()
})

describe('the engine behind every face', () => {
  it('sends one stream of events: whole states on open and close, patches in between, jobs', async () => {
    const events: EngineEvent[] = []
    const off = t.ctx.events.subscribe((e) => events.push(e))
    await call('project.new', { name: 'Kenya', path: join(t.dir, 'kenya') }, t.ctx)
    await call(
      'project.update',
      { intents: [{ type: 'item.set', itemId: FIRST_ITEM, note: 'x' }] },
      t.ctx,
    )
    const jobId = t.ctx.jobs.start({ kind: 'test.job', title: 'A test job', run: async () => 1 })
    await t.ctx.jobs.wait(jobId)
    await call('project.close', {}, t.ctx)
    off()
    const types = events.map((e) => e.type)
    expect(types[0]).toBe('project.changed')
    expect(types).toContain('project.patched')
    expect(types).toContain('job.progress')
    expect(types).toContain('job.finished')
    const last = events.at(-1)
    expect(last).toEqual({ type: 'project.changed', project: null })
  })

  it('disposes everything it started: a running job is cancelled, a pending autosave written', async () => {
    const path = join(t.dir, 'pending.chtmig.json')
    const slow = await createTestContext({ autosaveMs: 60_000 })
    await call('project.new', { name: 'Pending', path }, slow.ctx)
    await call(
      'project.update',
      { intents: [{ type: 'item.set', itemId: FIRST_ITEM, note: 'typed just now' }] },
      slow.ctx,
    )
    const jobId = slow.ctx.jobs.start({
      kind: 'test.wait',
      title: 'Waiting',
      run: ({ signal }) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('stop'))),
        ),
    })
    await slow.ctx.dispose()
    expect(await slow.ctx.jobs.wait(jobId)).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    })
    const { readFileSync } = await import('node:fs')
    expect(readFileSync(path, 'utf8')).toContain('typed just now')
    // Disposing twice is harmless.
    await slow.dispose()
  })

  it('gives each context its own engine', async () => {
    const other = await createTestContext({ face: 'cli' })
    expect(other.ctx.jobs).not.toBe(t.ctx.jobs)
    expect(other.ctx.project).not.toBe(t.ctx.project)
    expect(other.ctx.face).toBe('cli')
    await other.dispose()
  })
})
