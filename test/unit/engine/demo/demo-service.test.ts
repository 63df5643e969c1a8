import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDemoService } from '../../../../src/main/engine/demo/demo-service'
import type { DemoDeployment } from '../../../../src/main/engine/demo/start-demo'
import type { DemoManifest } from '../../../../src/shared/demo'

const manifest = (seed: number): DemoManifest => ({
  generatedAt: '2026-01-01T00:00:00.000Z',
  seed,
  size: 'small',
  documents: { total: 100, byDatabase: { medic: 100 }, deleted: 0 },
  endpoints: {
    couchdb: { url: 'http://127.0.0.1:1', username: 'admin', databases: ['medic'] },
    couch2pg: { host: '127.0.0.1', port: 2, database: 'couch2pg', user: 'couch2pg' },
    chtSync: {
      host: '127.0.0.1',
      port: 2,
      database: 'cht_sync',
      user: 'cht_sync',
      schema: 'v1',
      table: 'couchdb',
    },
  },
  variant: { discrepancies: 'injected', couch2pgRelease: '3.7', syncUsers: false },
  pipelines: null,
  discrepancies: [],
})

/** A stand-in deployment: records stops, and can report a failure like a killed server. */
function fakeDeployment(seed: number) {
  let fail: (message: string) => void = () => undefined
  const deployment = {
    dir: `/tmp/demo-${seed}`,
    kept: false,
    projectPath: `/tmp/demo-${seed}/demo.chtmig.json`,
    manifestPath: `/tmp/demo-${seed}/manifest.json`,
    manifest: manifest(seed),
    endpoints: manifest(seed).endpoints,
    passwords: { couchdb: 'a', couch2pg: 'b', chtSync: 'c' },
    postgresPid: null,
    onFailure: (listener: (message: string) => void) => {
      fail = listener
      return () => undefined
    },
    stop: vi.fn(async () => undefined),
  } satisfies DemoDeployment
  return { deployment, fail: (message: string) => fail(message) }
}

const job = { signal: new AbortController().signal, progress: () => undefined }
let base: string
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cht-demo-service-'))
})
afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

describe('the demo service', () => {
  it('runs one demo at a time: a new start stops the previous one first', async () => {
    const first = fakeDeployment(1)
    const second = fakeDeployment(2)
    const start = vi
      .fn()
      .mockResolvedValueOnce(first.deployment)
      .mockResolvedValueOnce(second.deployment)
    const service = createDemoService(start)
    expect(await service.start({ size: 'small' }, job)).toBe(first.deployment)
    expect(await service.start({ size: 'small', seed: 2 }, job)).toBe(second.deployment)
    expect(first.deployment.stop).toHaveBeenCalledOnce()
    expect(service.current).toBe(second.deployment)
    expect(await service.stop()).toBe(true)
    expect(second.deployment.stop).toHaveBeenCalledOnce()
    expect(await service.stop()).toBe(false)
    expect(service.status()).toEqual({
      running: false,
      deployment: null,
      failure: null,
      startedAt: null,
    })
  })

  it('refuses a second start while one is starting', async () => {
    let finish: (d: DemoDeployment) => void = () => undefined
    const service = createDemoService(() => new Promise((resolve) => (finish = resolve)))
    const pending = service.start({ size: 'small' }, job)
    await expect(service.start({ size: 'small' }, job)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    const { deployment } = fakeDeployment(3)
    finish(deployment)
    expect(await pending).toBe(deployment)
    await service.stop()
  })

  it('says it is no longer running when a server stopped from outside', async () => {
    const demo = fakeDeployment(4)
    const service = createDemoService(async () => demo.deployment)
    const heard: string[] = []
    service.onFailure((m) => heard.push(m))
    await service.start({ size: 'small' }, job)
    expect(service.status().running).toBe(true)
    demo.fail('PostgreSQL stopped unexpectedly')
    expect(service.status()).toMatchObject({
      running: false,
      failure: 'PostgreSQL stopped unexpectedly',
    })
    expect(heard).toEqual(['PostgreSQL stopped unexpectedly'])
    await service.stop()
  })

  it('gives the running manifest, else a kept demo\u2019s from its file, else NOT_FOUND', async () => {
    const demo = fakeDeployment(5)
    const service = createDemoService(async () => demo.deployment)
    await expect(service.manifest(null)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const path = join(base, 'manifest.json')
    await writeFile(path, JSON.stringify(manifest(9)))
    expect((await service.manifest(path)).seed).toBe(9)
    await writeFile(path, '{ not json')
    await expect(service.manifest(path)).rejects.toMatchObject({ code: 'PROJECT_INVALID' })
    await expect(service.manifest(join(base, 'gone.json'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    })
    await service.start({ size: 'small' }, job)
    expect((await service.manifest(path)).seed).toBe(5)
    await service.stop()
  })
})
