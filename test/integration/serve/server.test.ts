import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlerContext } from '../../../src/main/api/create-context'
import { startServer, type RunningServer } from '../../../src/main/serve/server'
import type { AppEvent } from '../../../src/shared/events'
import { postOp, sendRequest, type RawResponse } from '../../support/http-request'
import { openEventStream, waitFor } from '../../support/sse-client'

const SECRET = 'TOP-SECRET-outside-the-renderer'
const CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
]

let base: string
let server: RunningServer
let port: number
let cookie: string
const seen: RawResponse[] = []

/** Every response the tests receive is kept, to check the security headers of all of them. */
async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const response = await sendRequest(port, { method, path, headers })
  seen.push(response)
  return response
}

async function op(name: string, input: unknown, headers: Record<string, string> = { cookie }) {
  const response = await postOp(port, name, input, headers)
  seen.push(response)
  return response
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'cht-serve-'))
  const rendererDir = join(base, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>wizard</title>')
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("wizard")')
  await writeFile(join(base, 'secret.txt'), SECRET)
  await symlink(join(base, 'secret.txt'), join(rendererDir, 'assets', 'escape.txt'))
  const ctx = await createHandlerContext({
    face: 'browser',
    configDir: join(base, 'config'),
    projectDir: join(base, 'projects'),
    dialogs: null,
    acceptTypedPath: () => true,
  })
  server = await startServer({ port: 0, rendererDir, ctx })
  port = server.port
  cookie = `cht_migrate_token_${server.port}=${server.token}`
})

afterAll(async () => {
  await server?.close()
  await rm(base, { recursive: true, force: true })
})

describe('browser mode server: address and token', () => {
  it('listens on 127.0.0.1 and prints an address with a fresh token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=${server.token}`)
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('answers 401 without a token, with the explanation', async () => {
    for (const path of ['/', '/assets/app.js', '/api/events']) {
      const response = await get(path)
      expect(response.status).toBe(401)
      expect(response.body).toMatch(/Open the address printed by cht-migrate serve/)
      expect(response.body).not.toMatch(/<title>|console\.log/)
    }
    const api = await op('app.info', {}, {})
    expect(api.status).toBe(401)
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  })

  it('answers 401 to a wrong token in each place it is accepted', async () => {
    const wrong = server.token.slice(0, -2) + (server.token.endsWith('AA') ? 'BB' : 'AA')
    expect((await get(`/?token=${wrong}`)).status).toBe(401)
    expect((await get('/', { cookie: `cht_migrate_token_${server.port}=${wrong}` })).status).toBe(
      401,
    )
    expect((await get('/', { authorization: `Bearer ${wrong}` })).status).toBe(401)
  })

  it('accepts ?token= only on GET /', async () => {
    expect((await get(`/assets/app.js?token=${server.token}`)).status).toBe(401)
    expect((await op(`app.info?token=${server.token}`, {}, {})).status).toBe(401)
  })

  it('trades ?token= for an HttpOnly cookie and redirects to /', async () => {
    const response = await get(`/?token=${server.token}`)
    expect(response.status).toBe(303)
    expect(response.headers.location).toBe('/')
    expect(response.headers['set-cookie']).toEqual([
      `cht_migrate_token_${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`,
    ])
  })

  it('lets the cookie or the bearer header through to the page, an asset and the api', async () => {
    const page = await get('/', { cookie })
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.body).toContain('<title>wizard</title>')
    const asset = await get('/assets/app.js', { cookie })
    expect(asset.status).toBe(200)
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(asset.body).toBe('console.log("wizard")')
    expect((await get('/', { authorization: `Bearer ${server.token}` })).status).toBe(200)
    expect((await op('app.info', {})).status).toBe(200)
  })
})

describe('browser mode server: Host and Origin (DNS rebinding)', () => {
  it('refuses a foreign Host with 403 even with a valid token', async () => {
    for (const host of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, 'localhost']) {
      const response = await get('/', { host, cookie })
      expect(response.status).toBe(403)
      expect(response.body).not.toMatch(/<title>|console\.log/)
    }
    const api = await sendRequest(port, {
      method: 'POST',
      path: '/api/op/app.info',
      headers: { host: `evil.example:${port}`, cookie, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(api.status).toBe(403)
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    expect((await op('app.info', {}, { cookie, origin: 'http://evil.example' })).status).toBe(403)
    expect((await op('app.info', {}, { cookie, origin: 'null' })).status).toBe(403)
    expect((await op('app.info', {}, { cookie, origin: `http://localhost:${port}` })).status).toBe(
      200,
    )
    const viaLocalhost = await get('/', { host: `localhost:${port}`, cookie })
    expect(viaLocalhost.status).toBe(200)
  })
})

describe('browser mode server: static files', () => {
  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/escape.txt',
    '/assets/',
    '/nothing-here.js',
  ])('never serves %s', async (path) => {
    const response = await get(path, { cookie })
    expect([403, 404]).toContain(response.status)
    expect(response.body).not.toContain(SECRET)
  })

  it('refuses methods other than GET and HEAD', async () => {
    const response = await get('/', { cookie }, 'DELETE')
    expect(response.status).toBe(405)
  })
})

describe('browser mode server: api', () => {
  it('runs an operation and returns its Result', async () => {
    const response = await op('app.info', {})
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(response.body)).toMatchObject({
      ok: true,
      value: { name: 'cht-migrate', face: 'browser', nativeDialogs: false },
    })
  })

  it('returns malformed input as a BAD_REQUEST result', async () => {
    const response = await op('project.new', { name: 42 })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('returns an unknown operation as a NOT_FOUND result', async () => {
    const response = await op('project.explode', {})
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('refuses GET (405), a body that is not JSON (415, 400) and a body over 1 MB (413)', async () => {
    expect((await get('/api/op/app.info', { cookie })).status).toBe(405)
    const asText = await sendRequest(port, {
      method: 'POST',
      path: '/api/op/app.info',
      headers: { cookie, 'content-type': 'text/plain' },
      body: '{}',
    })
    expect(asText.status).toBe(415)
    const broken = await sendRequest(port, {
      method: 'POST',
      path: '/api/op/app.info',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{"oops"',
    })
    expect(broken.status).toBe(400)
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    const huge = await op('project.new', { name: 'x'.repeat(1024 * 1024 + 10) })
    expect(huge.status).toBe(413)
    seen.push(asText, broken)
  })

  it('answers unknown api routes with 404', async () => {
    expect((await get('/api/nothing', { cookie })).status).toBe(404)
  })
})

describe('browser mode server: events', () => {
  it('streams project.changed after project.new', async () => {
    const events: AppEvent[] = []
    const stream = await openEventStream(port, cookie, (e) => events.push(e))
    try {
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8')
      await waitFor(() => events.length >= 1)
      expect(events[0]).toMatchObject({ type: 'project.changed' })
      const created = await op('project.new', { name: 'Kenya parity', discardChanges: true })
      expect(JSON.parse(created.body)).toMatchObject({ ok: true })
      await waitFor(() =>
        events.some(
          (e) => e.type === 'project.changed' && e.project?.document.name === 'Kenya parity',
        ),
      )
    } finally {
      stream.destroy()
    }
  })
})

describe('browser mode server: headers on every response (SEC-05)', () => {
  it('sends the CSP and the hardening headers on all responses seen above', () => {
    expect(seen.length).toBeGreaterThan(30)
    expect(new Set(seen.map((r) => r.status))).toEqual(
      new Set([200, 303, 400, 401, 403, 404, 405, 413, 415]),
    )
    for (const response of seen) {
      const csp = String(response.headers['content-security-policy'])
      for (const directive of CSP_DIRECTIVES) expect(csp).toContain(directive)
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['referrer-policy']).toBe('no-referrer')
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin')
      expect(response.headers['x-frame-options']).toBe('DENY')
    }
  })
})
