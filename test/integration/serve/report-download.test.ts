import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlerContext } from '../../../src/main/api/create-context'
import type { HandlerContext } from '../../../src/main/api/context'
import { contentDisposition } from '../../../src/main/serve/download-route'
import { startServer, type RunningServer } from '../../../src/main/serve/server'
import type { ReportExported } from '../../../src/shared/contract-report'
import { postOp, sendRequest } from '../../support/http-request'

/**
 * Browser mode's downloads: `report.export` with `download: true` keeps the file for one
 * `GET /api/download/<id>`, token-checked like every api route, sent as an attachment that is
 * never cached or sniffed, then deleted.
 */

let base: string
let ctx: HandlerContext
let server: RunningServer
let cookie: string

/** Exports over HTTP as the browser does, and waits for the job in this process. */
async function exportForDownload(format: string): Promise<ReportExported> {
  const started = await postOp(server.port, 'report.export', { format, download: true }, { cookie })
  const body = JSON.parse(started.body) as { ok: boolean; value: { jobId: string } }
  expect(body.ok, started.body).toBe(true)
  const done = await ctx.jobs.wait(body.value.jobId)
  if (!done.ok) throw new Error(done.error.message)
  return done.value as ReportExported
}

const download = (id: string, headers: Record<string, string> = { cookie }, method = 'GET') =>
  sendRequest(server.port, { method, path: `/api/download/${id}`, headers })

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cht-download-'))
  const rendererDir = join(base, 'renderer')
  await mkdir(rendererDir, { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>wizard</title>')
  ctx = await createHandlerContext({
    face: 'browser',
    configDir: join(base, 'config'),
    projectDir: join(base, 'projects'),
    dialogs: null,
    acceptTypedPath: () => true,
  })
  server = await startServer({ port: 0, rendererDir, ctx })
  cookie = `cht_migrate_token_${server.port}=${server.token}`
  const created = await postOp(server.port, 'project.new', { name: 'Nairobi ኢትዮጵያ' }, { cookie })
  expect(JSON.parse(created.body)).toMatchObject({ ok: true })
})
afterAll(async () => {
  await server?.close()
  await ctx?.dispose()
  await rm(base, { recursive: true, force: true })
})

describe('browser mode downloads', () => {
  it('sends an export once, with the token, as an attachment; then it is gone', async () => {
    const done = await exportForDownload('markdown')
    expect(done).toMatchObject({ path: null, download: { fileName: 'nairobi-ኢትዮጵያ-summary.md' } })
    const { id } = done.download!

    const anonymous = await download(id, {})
    expect(anonymous.status).toBe(401)
    expect(anonymous.body).not.toContain('# Migration plan')

    const first = await download(id)
    expect(first.status).toBe(200)
    expect(first.body).toMatch(/^# Migration plan: cht-couch2pg to CHT Sync\n/)
    expect(Buffer.byteLength(first.body)).toBe(done.bytes)
    expect(first.headers).toMatchObject({
      'content-type': 'text/markdown; charset=utf-8',
      'content-length': String(done.bytes),
      'content-disposition': contentDisposition('nairobi-ኢትዮጵያ-summary.md'),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    })
    expect(first.headers['content-disposition']).toBe(
      `attachment; filename="nairobi-_____-summary.md"; filename*=UTF-8''nairobi-${encodeURIComponent('ኢትዮጵያ')}-summary.md`,
    )

    const second = await download(id)
    expect(second.status).toBe(404)
    expect(JSON.parse(second.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('answers 404 for an unknown id and 405 for another method, spending nothing', async () => {
    const done = await exportForDownload('json')
    const { id } = done.download!
    expect((await download('no-such-id')).status).toBe(404)
    expect((await download('../../etc/passwd')).status).toBe(404)
    expect((await download(id, { cookie }, 'POST')).status).toBe(405)
    const fetched = await download(id)
    expect(fetched.status).toBe(200)
    expect(fetched.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(fetched.body)).toMatchObject({ format: 'cht-migration-plan' })
  })

  it('sends the PDF', async () => {
    const done = await exportForDownload('pdf')
    expect(done.download?.fileName).toBe('nairobi-ኢትዮጵያ-plan.pdf')
    const fetched = await download(done.download!.id)
    expect(fetched.status).toBe(200)
    expect(fetched.headers['content-type']).toBe('application/pdf')
    expect(fetched.body.startsWith('%PDF-')).toBe(true)
  }, 60_000)

  it('sends the CSV tables with their byte order mark', async () => {
    const done = await exportForDownload('csv-checks')
    const fetched = await download(done.download!.id)
    expect(fetched.status).toBe(200)
    expect(fetched.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(fetched.body.startsWith('\uFEFF')).toBe(true)
  })
})
