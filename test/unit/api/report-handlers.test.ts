import { createHash } from 'node:crypto'
import { readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import type { AppEvent } from '../../../src/shared/events'
import { fakeDialogs } from '../../support/fake-dialogs'
import { createTestContext, type TestContext } from '../../support/handler-context'
import { FIRST_ITEM } from '../../support/project-fixtures'

let t: TestContext
let project: string
beforeEach(async () => {
  t = await createTestContext()
  project = join(t.dir, 'kenya.chtmig.json')
  const created = await call('project.new', { name: 'Kenya', path: project }, t.ctx)
  expect(created.ok).toBe(true)
})
afterEach(async () => {
  await t.dispose()
})

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const note = (text: string) => ({ intents: [{ type: 'item.set', itemId: FIRST_ITEM, note: text }] })

/** Starts `report.export` and waits for its job; answers the job's result. */
async function exportJob(input: Record<string, unknown>, ctx = t.ctx) {
  const started = await call('report.export', input, ctx)
  if (!started.ok) return started
  return ctx.jobs.wait(started.value.jobId)
}

describe('report.export', () => {
  it('answers a job that builds, renders and writes the plan, and says so as it goes', async () => {
    const phases: string[] = []
    t.ctx.events.subscribe((event: AppEvent) => {
      if (event.type === 'job.progress' && event.job.kind === 'report.export') {
        if (phases.at(-1) !== event.job.progress.phase) phases.push(event.job.progress.phase)
      }
    })
    const out = join(t.dir, 'plan.json')
    const done = await exportJob({ format: 'json', path: out })
    expect(done).toEqual({
      ok: true,
      value: { path: out, bytes: readFileSync(out).length, download: null },
    })
    expect(phases).toEqual(['starting', 'building-report', 'rendering', 'writing'])
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'cht-migration-plan' })
  })

  it('exports the plan as it was when the export started', async () => {
    const out = join(t.dir, 'plan.json')
    const started = await call('report.export', { format: 'json', path: out }, t.ctx)
    await call('project.update', note('edited after the start'), t.ctx)
    expect(started.ok && (await t.ctx.jobs.wait(started.value.jobId)).ok).toBe(true)
    expect(readFileSync(out, 'utf8')).not.toContain('edited after the start')
  })

  it('refuses to write over the project or its backup, or through a link onto them', async () => {
    await call('project.update', note('first'), t.ctx)
    await call('project.save', {}, t.ctx)
    await call('project.update', note('second'), t.ctx)
    await call('project.save', {}, t.ctx)
    const before = [sha(project), sha(`${project}.bak`)]
    for (const [name, target] of [
      ['onto-project.md', project],
      ['onto-backup.md', `${project}.bak`],
    ] as const) {
      const link = join(t.dir, name)
      symlinkSync(target, link)
      for (const path of [target, link]) {
        const done = await exportJob({ format: 'markdown', path })
        expect(done.ok || done.error.code, path).toBe('BAD_REQUEST')
        const now = await call('project.export', { format: 'markdown', path }, t.ctx)
        expect(now.ok || now.error.code, path).toBe('BAD_REQUEST')
      }
    }
    expect([sha(project), sha(`${project}.bak`)]).toEqual(before)
  })

  it('keeps a download only in browser mode, and never with a path as well', async () => {
    const both = await call(
      'report.export',
      { format: 'pdf', path: '/tmp/x.pdf', download: true },
      t.ctx,
    )
    expect(both.ok || both.error.code).toBe('BAD_REQUEST')
    const cli = await createTestContext({ face: 'cli' })
    try {
      await call('project.new', { name: 'K' }, cli.ctx)
      const refused = await call('report.export', { format: 'json', download: true }, cli.ctx)
      expect(refused.ok || refused.error.message).toMatch(/browser mode/)
    } finally {
      await cli.dispose()
    }
    const done = await exportJob({ format: 'markdown', download: true })
    expect(done.ok && done.value).toEqual({
      path: null,
      bytes: expect.any(Number),
      download: { id: expect.any(String), fileName: 'kenya-summary.md' },
    })
  })

  it('asks the desktop save dialog for the format, and stops when it is dismissed', async () => {
    const dialogs = fakeDialogs()
    const desktop = await createTestContext({
      face: 'electron',
      dialogs,
      acceptTypedPath: () => false,
    })
    try {
      await call('project.new', { name: 'Kenya' }, desktop.ctx)
      const out = join(desktop.dir, 'chosen.pdf')
      dialogs.chooseSavePath.mockResolvedValueOnce(null).mockResolvedValueOnce(out)
      const dismissed = await call('report.export', { format: 'csv-checks' }, desktop.ctx)
      expect(dismissed.ok || dismissed.error.code).toBe('CANCELLED')
      expect(dialogs.chooseSavePath).toHaveBeenLastCalledWith('Kenya', 'csv-checks')
      const typed = await call('report.export', { format: 'json', path: out }, desktop.ctx)
      expect(typed.ok || typed.error.code).toBe('BAD_REQUEST')
    } finally {
      await desktop.dispose()
    }
  })

  it('needs an open project and a known format', async () => {
    expect(await call('report.export', { format: 'docx', path: '/tmp/x' }, t.ctx)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
    await call('project.close', { discardChanges: true }, t.ctx)
    expect(
      await call('report.export', { format: 'json', path: '/tmp/x.json' }, t.ctx),
    ).toMatchObject({
      ok: false,
      error: { code: 'NO_PROJECT' },
    })
  })
})
