import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HandlerContext } from '../../../src/main/api/context'
import { createHandlerContext } from '../../../src/main/api/create-context'
import { call } from '../../../src/main/api/dispatch'
import {
  createEnvSessionSecretStore,
  profileIdentity,
} from '../../../src/main/engine/connections/secret-store'
import type { JobProgress } from '../../../src/shared/events'
import { ENDPOINT_IDS } from '../../../src/shared/project-schema'
import { makeTempDir } from '../../helpers/project-fixtures'

/**
 * `demo.*` through `dispatch`, as every face calls them: a started demo opens its project with
 * all three connections working and its passwords kept for the session only; stopping it closes
 * the project and removes the folder; a start can be cancelled through `jobs.cancel`.
 */
let dir: string
let cleanup: () => void
let ctx: HandlerContext
const quietLog = () => undefined

beforeAll(async () => {
  ;({ dir, cleanup } = makeTempDir('demo-handlers'))
  ctx = await createHandlerContext({
    face: 'browser',
    configDir: join(dir, 'config'),
    projectDir: join(dir, 'projects'),
    dialogs: null,
    acceptTypedPath: () => true,
    autosaveMs: 10,
    secrets: createEnvSessionSecretStore({}),
  })
})
afterAll(async () => {
  await ctx.connections.closeAll()
  await ctx.demo.stop()
  cleanup()
})

describe('demo.start, demo.status, demo.manifest, demo.stop', () => {
  it('starts a demo whose project opens with three working connections and no password in it', async () => {
    const events: JobProgress[] = []
    const off = ctx.jobs.onProgress((p) => events.push(p))
    const started = await call(
      'demo.start',
      { size: 'small', docs: 800, jobId: 'demo-1' },
      ctx,
      quietLog,
    )
    off()
    if (!started.ok) throw new Error(started.error.message)
    const { project, endpoints, manifestPath } = started.value
    expect(ctx.project.state?.path).toBe(project.path)
    expect(project.document.name).toMatch(/^Demo deployment \(small, 800 documents\)/)
    expect(project.document.demo?.manifestPath).toBe(manifestPath)
    expect(project.document.connections.couch2pg).toMatchObject({
      ...endpoints.couch2pg,
      ssl: 'disable',
    })
    // The demo project opens with its three connections already tested and stored as evidence.
    for (const endpoint of ENDPOINT_IDS) {
      expect(project.document.results[`connection.${endpoint}`], endpoint).toMatchObject({
        itemId: 'plan.connections',
        verdict: 'pass',
      })
    }
    expect(events.filter((e) => e.jobId === 'demo-1').at(-1)?.state).toBe('succeeded')
    expect(events.some((e) => e.message === 'Loading documents')).toBe(true)

    for (const endpoint of ENDPOINT_IDS) {
      const profile = project.document.connections[endpoint]!
      expect(await ctx.secrets.sourceOf(endpoint, profileIdentity(endpoint, profile))).toBe(
        'session',
      )
      const report = await call('connections.test', { endpoint }, ctx, quietLog)
      if (!report.ok) throw new Error(report.error.message)
      expect(report.value.error, endpoint).toBeNull()
      expect(report.value.ok, endpoint).toBe(true)
    }
    const file = readFileSync(project.path!, 'utf8')
    for (const password of Object.values(ctx.demo.current!.passwords)) {
      expect(file).not.toContain(password)
    }
  }, 60_000)

  it('reports its status and manifest', async () => {
    const status = await call('demo.status', {}, ctx)
    expect(status).toMatchObject({ ok: true, value: { running: true } })
    const manifest = await call('demo.manifest', {}, ctx)
    if (!manifest.ok) throw new Error(manifest.error.message)
    expect(manifest.value.documents.total).toBe(800)
    expect(manifest.value.discrepancies.length).toBeGreaterThan(0)
  })

  it('stops: the project closes, the folder goes, and status says so', async () => {
    const demoDir = ctx.demo.current!.dir
    expect(await call('demo.stop', {}, ctx)).toEqual({ ok: true, value: { stopped: true } })
    expect(ctx.project.state).toBeNull()
    expect(existsSync(demoDir)).toBe(false)
    expect(await call('demo.status', {}, ctx)).toEqual({
      ok: true,
      value: { running: false, endpoints: null, manifestPath: null, dir: null },
    })
    expect(await call('demo.stop', {}, ctx)).toEqual({ ok: true, value: { stopped: false } })
    const manifest = await call('demo.manifest', {}, ctx)
    expect(manifest.ok ? null : manifest.error.code).toBe('NOT_FOUND')
  })

  it('is cancelled by jobs.cancel, leaving nothing running', async () => {
    let cancelled = false
    const off = ctx.jobs.onProgress((p) => {
      if (p.jobId === 'demo-2' && p.done >= 2000 && !cancelled) {
        cancelled = true
        void call('jobs.cancel', { jobId: 'demo-2' }, ctx)
      }
    })
    const result = await call('demo.start', { size: 'small', docs: 20_000, jobId: 'demo-2' }, ctx)
    off()
    expect(result.ok ? null : result.error.code).toBe('CANCELLED')
    expect(ctx.demo.current).toBeNull()
    expect(ctx.project.state).toBeNull()
  }, 60_000)

  it('refuses to replace a project with unsaved changes', async () => {
    await call('project.new', { name: 'Unsaved' }, ctx)
    const result = await call('demo.start', { size: 'small', docs: 500 }, ctx)
    expect(result.ok ? null : result.error.code).toBe('UNSAVED_CHANGES')
    expect(ctx.demo.current).toBeNull()
  })
})
