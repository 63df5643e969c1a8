import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { secretKeyOf } from '../../../src/main/engine/connections/secret-store'
import type { DemoStarted } from '../../../src/shared/contract'
import type { EngineEvent } from '../../../src/shared/events'
import { ENDPOINT_IDS } from '../../../src/shared/project-schema'
import { createTestContext, type TestContext } from '../../support/handler-context'

/**
 * `demo.*` through `dispatch`, as every face calls them: a start answers a job id at once, and
 * the job opens the demo's project with all three connections working and its passwords kept
 * for the session only; stopping it closes the project and removes the folder; a start can be
 * cancelled through `jobs.cancel`; a second start while one runs is refused.
 */
let t: TestContext

beforeAll(async () => {
  t = await createTestContext()
})
afterAll(async () => {
  await t.dispose()
})

async function startJob(input: Record<string, unknown>): Promise<string> {
  const started = await call('demo.start', input, t.ctx)
  if (!started.ok) throw new Error(started.error.message)
  return started.value.jobId
}

describe('demo.start, demo.status, demo.manifest, demo.stop', () => {
  it('starts a demo as a job whose project opens with three working connections and no password in it', async () => {
    const events: EngineEvent[] = []
    const off = t.ctx.events.subscribe((e) => events.push(e))
    const jobId = await startJob({ size: 'small', docs: 800 })
    // A second start while this one runs is refused with a clear code.
    const twin = await call('demo.start', { size: 'small', docs: 800 }, t.ctx)
    expect(twin).toMatchObject({ ok: false, error: { code: 'JOB_RUNNING', details: { jobId } } })

    const result = await t.ctx.jobs.wait(jobId)
    off()
    if (!result.ok) throw new Error(result.error.message)
    const { project, endpoints, manifestPath } = result.value as DemoStarted
    expect(t.ctx.project.state?.path).toBe(project.path)
    expect(project.document.name).toMatch(/^Demo deployment \(small, 800 documents\)/)
    expect(project.document.demo?.manifestPath).toBe(manifestPath)
    expect(project.document.connections.couch2pg).toMatchObject({
      ...endpoints.couch2pg,
      ssl: 'disable',
    })
    // The demo project opens with its three connections already tested and stored as evidence:
    // connected, CHT Sync with warnings of what the demo injects (a failed dbt run, a progress
    // row of the misspelt medic_sentinel).
    for (const endpoint of ENDPOINT_IDS) {
      expect(project.document.results[`connection.${endpoint}`], endpoint).toMatchObject({
        itemId: 'plan.connections',
        verdict: endpoint === 'chtSync' ? expect.stringMatching(/^(pass|warn)$/) : 'pass',
        details: { kind: 'connection', ok: true },
      })
    }
    const mine = events.flatMap((e) =>
      e.type === 'job.progress' && e.job.jobId === jobId ? [e.job] : [],
    )
    const phases = [...new Set(mine.map((j) => j.progress.phase))]
    expect(phases).toEqual(
      expect.arrayContaining(['starting-servers', 'loading-documents', 'building-models']),
    )
    expect(mine.find((j) => j.progress.phase === 'loading-documents')?.progress.unit).toBe(
      'documents',
    )
    const finished = events.find((e) => e.type === 'job.finished' && e.job.jobId === jobId)
    expect(finished).toMatchObject({
      job: { state: 'succeeded', kind: 'demo.start' },
      result: { ok: true },
    })

    for (const endpoint of ENDPOINT_IDS) {
      const profile = project.document.connections[endpoint]!
      const key = secretKeyOf(project.document.id, endpoint, profile)
      expect(await t.ctx.secrets.sourceOf(key)).toBe('session')
      const tested = await call('connections.test', { endpoint }, t.ctx)
      if (!tested.ok) throw new Error(tested.error.message)
      expect(tested.value.details, endpoint).toMatchObject({
        kind: 'connection',
        ok: true,
        error: null,
      })
    }
    const file = readFileSync(project.path!, 'utf8')
    for (const password of Object.values(t.ctx.demo.current!.passwords)) {
      expect(file).not.toContain(password)
    }
  }, 60_000)

  it('reports its status and manifest', async () => {
    const status = await call('demo.status', {}, t.ctx)
    expect(status).toMatchObject({ ok: true, value: { running: true } })
    const manifest = await call('demo.manifest', {}, t.ctx)
    if (!manifest.ok) throw new Error(manifest.error.message)
    expect(manifest.value.documents.total).toBe(800)
    expect(manifest.value.discrepancies.length).toBeGreaterThan(0)
  })

  it('stops: the project closes, the folder goes, and status says so', async () => {
    const demoDir = t.ctx.demo.current!.dir
    expect(await call('demo.stop', {}, t.ctx)).toEqual({ ok: true, value: { stopped: true } })
    expect(t.ctx.project.state).toBeNull()
    expect(existsSync(demoDir)).toBe(false)
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
    expect(await call('demo.stop', {}, t.ctx)).toEqual({ ok: true, value: { stopped: false } })
    const manifest = await call('demo.manifest', {}, t.ctx)
    expect(manifest.ok ? null : manifest.error.code).toBe('NOT_FOUND')
  })

  it('is cancelled by jobs.cancel, leaving nothing running', async () => {
    let jobId = ''
    let cancelled = false
    const off = t.ctx.events.subscribe((e) => {
      if (e.type !== 'job.progress' || e.job.jobId !== jobId || cancelled) return
      if (e.job.progress.phase === 'loading-documents' && e.job.progress.done >= 2000) {
        cancelled = true
        void call('jobs.cancel', { jobId }, t.ctx)
      }
    })
    jobId = await startJob({ size: 'small', docs: 20_000 })
    const result = await t.ctx.jobs.wait(jobId)
    off()
    expect(result.ok ? null : result.error.code).toBe('CANCELLED')
    expect(t.ctx.demo.current).toBeNull()
    expect(t.ctx.project.state).toBeNull()
  }, 60_000)

  it('refuses to replace a project with unsaved changes, and a --keep folder that is not empty', async () => {
    await call('project.new', { name: 'Unsaved' }, t.ctx)
    const result = await call('demo.start', { size: 'small', docs: 500 }, t.ctx)
    expect(result.ok ? null : result.error.code).toBe('UNSAVED_CHANGES')
    await call('project.close', { discardChanges: true }, t.ctx)
    const full = join(t.dir, 'full')
    mkdirSync(full)
    writeFileSync(join(full, 'notes.txt'), 'mine')
    const refused = await call('demo.start', { size: 'small', docs: 500, keep: full }, t.ctx)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/exists and is not empty/) },
    })
    expect(t.ctx.demo.current).toBeNull()
    expect(t.ctx.jobs.runningIds).toEqual([])
  })
})
