import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { createFakeDemoService, quietJob } from '../../support/fake-demo'
import { createTestContext, type TestContext } from '../../support/handler-context'
import { makeTempDir } from '../../support/project-fixtures'
import { fakeDialogs } from '../../support/fake-dialogs'

// The demo's handlers over a stand-in demo service: a real demo project in a real folder, and
// no servers. The real deployment is covered by test/integration/api/demo-handlers.test.ts.

let demos: ReturnType<typeof makeTempDir>
let t: TestContext
beforeEach(async () => {
  demos = makeTempDir('fake-demos')
  t = await createTestContext({ demo: createFakeDemoService(demos.dir) })
})
afterEach(async () => {
  await t.dispose()
  demos.cleanup()
})

const recentPaths = async () => {
  const recent = await call('project.recent', {}, t.ctx)
  return recent.ok ? recent.value.entries.map((e) => e.path) : null
}

describe('demo.status', () => {
  it('says nothing runs, then describes the running demo for the welcome screen', async () => {
    expect(await call('demo.status', {}, t.ctx)).toEqual({
      ok: true,
      value: {
        running: false,
        endpoints: null,
        manifestPath: null,
        dir: null,
        kept: false,
        projectPath: null,
        size: null,
        documents: null,
        startedAt: null,
        failure: null,
      },
    })
    const before = Date.now()
    const demo = await t.ctx.demo.start({ size: 'small' }, quietJob)
    const status = await call('demo.status', {}, t.ctx)
    if (!status.ok) throw new Error(status.error.message)
    expect(status.value).toMatchObject({
      running: true,
      dir: demo.dir,
      kept: false,
      projectPath: join(demo.dir, 'demo.chtmig.json'),
      size: 'small',
      documents: 20_000,
      failure: null,
    })
    expect(Date.parse(status.value.startedAt ?? '')).toBeGreaterThanOrEqual(before - 1000)

    expect(await call('demo.stop', {}, t.ctx)).toEqual({ ok: true, value: { stopped: true } })
    expect(existsSync(demo.dir)).toBe(false)
    expect(await call('demo.status', {}, t.ctx)).toMatchObject({
      value: { running: false, dir: null, projectPath: null, startedAt: null },
    })
  })
})

describe('demo.reopen', () => {
  it('answers NOT_FOUND when no demo runs', async () => {
    expect(await call('demo.reopen', {}, t.ctx)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it("opens the running demo's project again after it was closed", async () => {
    const demo = await t.ctx.demo.start({ size: 'small' }, quietJob)
    const opened = await call('demo.reopen', {}, t.ctx)
    expect(opened).toMatchObject({
      ok: true,
      value: { path: demo.projectPath, document: { demo: { dir: demo.dir } } },
    })
    await call('project.close', {}, t.ctx)
    expect(await call('demo.reopen', {}, t.ctx)).toMatchObject({ ok: true })
    expect(t.ctx.project.state?.path).toBe(demo.projectPath)
  })

  it('refuses to replace a project with unsaved changes', async () => {
    await t.ctx.demo.start({ size: 'small' }, quietJob)
    await call('project.new', { name: 'Not saved yet' }, t.ctx)
    expect(await call('demo.reopen', {}, t.ctx)).toMatchObject({
      ok: false,
      error: { code: 'UNSAVED_CHANGES' },
    })
  })
})

describe('the recent list and demo projects: one rule, however the project was opened', () => {
  it('never lists the project of a demo whose folder goes when it stops', async () => {
    // By the demo start (the welcome screen's button and `serve --demo` both use demo.start).
    const started = await call('demo.start', { size: 'small' }, t.ctx)
    if (!started.ok) throw new Error(started.error.message)
    const finished = await t.ctx.jobs.wait(started.value.jobId)
    expect(finished.ok).toBe(true)
    const projectPath = t.ctx.demo.current!.projectPath
    expect(t.ctx.project.state?.path).toBe(projectPath)
    expect(await recentPaths()).toEqual([])

    // By Reopen, and by opening demo.chtmig.json as a file.
    await call('project.close', {}, t.ctx)
    await call('demo.reopen', {}, t.ctx)
    await call('project.close', {}, t.ctx)
    expect(await call('project.open', { path: projectPath }, t.ctx)).toMatchObject({ ok: true })
    expect(await recentPaths()).toEqual([])
  }, 20_000)

  it('takes an entry of a demo project written earlier off the list when it opens again', async () => {
    const demo = await t.ctx.demo.start({ size: 'small' }, quietJob)
    // As an earlier version would have listed it, beside an ordinary project.
    const other = join(t.dir, 'other.chtmig.json')
    const openedAt = new Date().toISOString()
    const configDir = join(t.dir, 'earlier-config')
    mkdirSync(configDir)
    const recent = [
      { path: demo.projectPath, name: 'Demo', openedAt },
      { path: other, name: 'Other', openedAt },
    ]
    writeFileSync(join(configDir, 'preferences.json'), JSON.stringify({ userName: 'A', recent }))
    const earlier = await createTestContext({ configDir, demo: t.ctx.demo })
    try {
      await call('project.open', { path: demo.projectPath }, earlier.ctx)
      const listed = await call('project.recent', {}, earlier.ctx)
      expect(listed.ok && listed.value.entries.map((e) => e.path)).toEqual([other])
    } finally {
      await earlier.dispose()
    }
  })

  it("lists a kept demo's project, which stays after the demo stops", async () => {
    const keepDir = join(demos.dir, 'kept')
    const demo = await t.ctx.demo.start({ size: 'small', keepDir }, quietJob)
    await call('project.open', { path: demo.projectPath }, t.ctx)
    expect(await recentPaths()).toEqual([demo.projectPath])
  })

  it("lists a copy saved out of the demo's folder", async () => {
    await t.ctx.demo.start({ size: 'small' }, quietJob)
    await call('demo.reopen', {}, t.ctx)
    const copy = join(t.dir, 'my-demo.chtmig.json')
    expect(await call('project.saveAs', { path: copy }, t.ctx)).toMatchObject({ ok: true })
    expect(await recentPaths()).toEqual([copy])
  })
})

describe("saving into a running demo's folder", () => {
  it('is refused with DEMO_FOLDER until the person goes on, and is never listed', async () => {
    const demo = await t.ctx.demo.start({ size: 'small' }, quietJob)
    await call('demo.reopen', {}, t.ctx)
    const inside = join(demo.dir, 'copy.chtmig.json')
    const refused = await call('project.saveAs', { path: inside }, t.ctx)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'DEMO_FOLDER', details: { path: inside, demoDir: demo.dir } },
    })
    expect(refused.ok ? '' : refused.error.message).toContain('removed when the demo stops')
    expect(existsSync(inside)).toBe(false)

    const saved = await call('project.saveAs', { path: inside, allowDemoFolder: true }, t.ctx)
    expect(saved).toMatchObject({ ok: true, value: { meta: { path: inside } } })
    expect(existsSync(inside)).toBe(true)
    expect(await recentPaths()).toEqual([])
  })

  it('warns about an export the same way, and about a new project there', async () => {
    const demo = await t.ctx.demo.start({ size: 'small' }, quietJob)
    await call('demo.reopen', {}, t.ctx)
    const summary = join(demo.dir, 'notes', 'summary.md')
    const input = { format: 'markdown' as const, path: summary }
    expect(await call('project.export', input, t.ctx)).toMatchObject({
      ok: false,
      error: { code: 'DEMO_FOLDER' },
    })
    expect(
      await call('project.export', { ...input, path: join(demo.dir, 'summary.md') }, t.ctx),
    ).toMatchObject({ ok: false, error: { code: 'DEMO_FOLDER' } })
    const fine = await call('project.export', { ...input, allowDemoFolder: true }, t.ctx)
    expect(fine).toMatchObject({ ok: false, error: { code: 'DIR_MISSING' } })
    const elsewhere = join(t.dir, 'summary.md')
    expect(await call('project.export', { ...input, path: elsewhere }, t.ctx)).toMatchObject({
      ok: true,
    })

    await call('project.close', {}, t.ctx)
    const created = await call('project.new', { name: 'X', path: join(demo.dir, 'x') }, t.ctx)
    expect(created).toMatchObject({ ok: false, error: { code: 'DEMO_FOLDER' } })
  })

  it('says nothing for a kept demo, or once the demo has stopped', async () => {
    const keepDir = join(demos.dir, 'kept')
    await t.ctx.demo.start({ size: 'small', keepDir }, quietJob)
    await call('demo.reopen', {}, t.ctx)
    const copy = join(keepDir, 'copy.chtmig.json')
    expect(await call('project.saveAs', { path: copy }, t.ctx)).toMatchObject({ ok: true })
    await call('demo.stop', {}, t.ctx)
    expect(await call('project.saveAs', { path: join(keepDir, 'again') }, t.ctx)).toMatchObject({
      ok: true,
    })
  })
})

describe('in the desktop app, where a native dialog chose the path', () => {
  let electron: TestContext
  const dialogs = fakeDialogs()
  beforeEach(async () => {
    for (const mock of Object.values(dialogs)) mock.mockReset()
    electron = await createTestContext({
      face: 'electron',
      dialogs,
      acceptTypedPath: () => false,
      demo: createFakeDemoService(demos.dir),
    })
  })
  afterEach(async () => {
    await electron.dispose()
  })

  it('asks through the dialog provider, and "Choose another place" opens the dialog again', async () => {
    const demo = await electron.ctx.demo.start({ size: 'small' }, quietJob)
    await call('demo.reopen', {}, electron.ctx)
    const inside = join(demo.dir, 'copy.chtmig.json')
    const mine = join(electron.dir, 'mine.chtmig.json')
    dialogs.chooseSavePath.mockResolvedValueOnce(inside).mockResolvedValueOnce(mine)
    dialogs.confirmDemoFolder.mockResolvedValueOnce('elsewhere')
    expect(await call('project.saveAs', {}, electron.ctx)).toMatchObject({
      ok: true,
      value: { meta: { path: mine } },
    })
    expect(dialogs.confirmDemoFolder).toHaveBeenCalledExactlyOnceWith(inside, demo.dir, 'project')
    expect(dialogs.chooseSavePath).toHaveBeenCalledTimes(2)
    expect(existsSync(inside)).toBe(false)
  })

  it('saves there when the person goes on, and cancels when they cancel', async () => {
    const demo = await electron.ctx.demo.start({ size: 'small' }, quietJob)
    await call('demo.reopen', {}, electron.ctx)
    const summary = join(demo.dir, 'summary.md')
    dialogs.chooseSavePath.mockResolvedValue(summary)
    dialogs.confirmDemoFolder.mockResolvedValueOnce('cancel').mockResolvedValueOnce('proceed')
    const input = { format: 'markdown' as const }
    expect(await call('project.export', input, electron.ctx)).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    })
    expect(existsSync(summary)).toBe(false)
    expect(await call('project.export', input, electron.ctx)).toMatchObject({ ok: true })
    expect(existsSync(summary)).toBe(true)
    expect(dialogs.confirmDemoFolder).toHaveBeenLastCalledWith(summary, demo.dir, 'markdown')
  })
})
