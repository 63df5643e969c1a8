import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../../src/main/api/dispatch'
import { runChecks, selectChecks } from '../../../../src/main/engine/checks/check-runner'
import type { CheckDef } from '../../../../src/main/engine/checks/check-types'
import { AppError } from '../../../../src/shared/result'
import type { StoredResult } from '../../../../src/shared/results/result-schema'
import { createTestContext, type TestContext } from '../../../support/handler-context'

const def = (id: string, run: CheckDef['run'], extra: Partial<CheckDef> = {}): CheckDef => ({
  id,
  step: 'setup',
  itemId: 'setup.env-file',
  title: `Check ${id}`,
  why: 'Because it matters.',
  prerequisites: [],
  needs: [],
  timeoutMs: 5_000,
  docUrl: 'https://docs.communityhealthtoolkit.org/x/',
  run,
  ...extra,
})

const REGISTRY: CheckDef[] = [
  def('setup.a', async () => ({
    verdict: 'pass',
    summary: 'All good.',
    evidence: [{ type: 'measure', label: 'rows', value: 12, unit: null, limit: null }],
  })),
  def('setup.b', async () => ({ verdict: 'warn', summary: 'Hm.', remedy: { text: 'Do X.' } }), {
    prerequisites: ['setup.a'],
  }),
  def('setup.c', async () => {
    throw new AppError('TIMEOUT', 'CouchDB did not answer.')
  }),
  def('setup.d', async () => {
    throw new Error('boom at postgres://admin:hunter2@db.example.org/x')
  }),
  def('setup.e', () => new Promise(() => undefined), { timeoutMs: 100 }),
  def('setup.f', async () => ({ verdict: 'pass', summary: 'never' }), {
    prerequisites: ['setup.c'],
  }),
  def('setup.g', async () => ({ verdict: 'pass', summary: 'never' }), { needs: ['chtSync'] }),
  def('setup.h', async (ctx) => {
    await ctx.sleep(60_000)
    return { verdict: 'pass', summary: 'never' }
  }),
]

let t: TestContext
beforeEach(async () => {
  t = await createTestContext()
  const created = await call('project.new', { name: 'Checks' }, t.ctx)
  if (!created.ok) throw new Error(created.error.message)
})
afterEach(async () => t.dispose())

function start(ids: string[]) {
  const jobId = t.ctx.jobs.start({
    kind: 'checks.run',
    title: 'test',
    run: (job) => runChecks(t.ctx, { ids }, job, { registry: REGISTRY }),
  })
  return { jobId, done: t.ctx.jobs.wait(jobId) }
}

describe('selectChecks', () => {
  it('adds prerequisites, keeps catalog order and refuses unknown ids', () => {
    expect(selectChecks(REGISTRY, { ids: ['setup.b'] }).map((c) => c.id)).toEqual([
      'setup.a',
      'setup.b',
    ])
    expect(selectChecks(REGISTRY, { step: 'production' })).toEqual([])
    expect(() => selectChecks(REGISTRY, { ids: ['setup.zz'] })).toThrow(/no check/)
  })
})

describe('runChecks', () => {
  it('records a verdict per check: passes, warnings, errors with their message, timeouts, skips saying why', async () => {
    const finished = await start(['setup.b', 'setup.c', 'setup.d', 'setup.e', 'setup.f', 'setup.g'])
      .done
    expect(finished.ok).toBe(true)
    const results = (finished as { ok: true; value: { results: StoredResult[] } }).value.results
    const by = Object.fromEntries(results.map((r) => [r.id, r]))
    expect(Object.keys(by)).toEqual([
      'setup.a',
      'setup.b',
      'setup.c',
      'setup.d',
      'setup.e',
      'setup.f',
      'setup.g',
    ])
    expect(by['setup.a']!.verdict).toBe('pass')
    expect(by['setup.b']).toMatchObject({ verdict: 'warn', itemId: 'setup.env-file' })
    expect(by['setup.b']!.details).toMatchObject({
      kind: 'check',
      remedy: { text: 'Do X.', docUrl: 'https://docs.communityhealthtoolkit.org/x/' },
    })
    expect(by['setup.c']).toMatchObject({ verdict: 'error', summary: 'CouchDB did not answer.' })
    expect(by['setup.d']!.verdict).toBe('error')
    expect(by['setup.d']!.summary).toMatch(/details are in the log/)
    // A check that throws is reported with its own message, secrets masked.
    expect(by['setup.d']!.summary).toMatch(/^The check stopped with an error: boom at postgres:/)
    expect(by['setup.d']!.summary).not.toContain('hunter2')
    expect(by['setup.e']).toMatchObject({ verdict: 'error', partial: { reason: 'timeout' } })
    expect(by['setup.f']!.verdict).toBe('skipped')
    expect(by['setup.f']!.details).toMatchObject({
      skippedBecause: 'Skipped because “Check setup.c” could not run.',
    })
    expect(by['setup.g']!.summary).toMatch(/CHT Sync connection is not set/)
    // Stored in the project, with the measured figure in the history's trend.
    const doc = t.ctx.project.state!.document
    expect(doc.results['setup.a']!.verdict).toBe('pass')
    const again = await start(['setup.a']).done
    expect(again.ok).toBe(true)
    const history = t.ctx.project.state!.document.results['setup.a']!.history
    expect(history[0]!.figures).toMatchObject({ rows: 12 })
  })

  it('stops at a cancel, keeping the results of the checks that ran', async () => {
    const { jobId, done } = start(['setup.a', 'setup.h'])
    await new Promise((r) => setTimeout(r, 200))
    t.ctx.jobs.cancel(jobId)
    const finished = await done
    expect(finished.ok).toBe(false)
    expect(!finished.ok && finished.error.code).toBe('CANCELLED')
    const results = t.ctx.project.state!.document.results
    expect(results['setup.a']!.verdict).toBe('pass')
    expect(results['setup.h']).toBeUndefined()
  })
})
