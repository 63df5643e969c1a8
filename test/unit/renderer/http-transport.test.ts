import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createHttpTransport,
  SERVER_NOT_ANSWERING,
} from '../../../src/renderer/src/api/http-transport'

const appInfo = {
  name: 'cht-migrate',
  version: '0.1.0',
  face: 'browser',
  nativeDialogs: false,
  defaultProjectDir: '/home/me/cht-migrations',
  docsBaseUrl: 'https://docs.communityhealthtoolkit.org',
  logPath: '/home/me/.config/cht-migrate/logs/cht-migrate.log',
}

const jsonReply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

function stubFetch(reply: () => Promise<Response>) {
  const fetchMock = vi.fn((_url: string, _init?: RequestInit) => reply())
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('http transport', () => {
  it('posts the input as JSON to /api/op/<op> with same-origin credentials', async () => {
    const fetchMock = stubFetch(async () => jsonReply(200, { ok: true, value: appInfo }))
    const result = await createHttpTransport().call('app.info', {})
    expect(result).toEqual({ ok: true, value: appInfo })
    const [url, init] = fetchMock.mock.calls[0] ?? []
    expect(url).toBe('/api/op/app.info')
    expect(init?.method).toBe('POST')
    expect(init?.credentials).toBe('same-origin')
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json')
    expect(init?.body).toBe('{}')
  })

  it('returns an error reply as the same Result', async () => {
    const failure = { ok: false, error: { code: 'NO_PROJECT', message: 'Open a project first.' } }
    stubFetch(async () => jsonReply(200, failure))
    expect(await createHttpTransport().call('project.save', {})).toEqual(failure)
  })

  it('keeps the code of a refusal by the server (401)', async () => {
    const refusal = { ok: false, error: { code: 'UNAUTHORIZED', message: 'Open the address…' } }
    stubFetch(async () => jsonReply(401, refusal))
    expect(await createHttpTransport().call('app.info', {})).toEqual(refusal)
  })

  it('turns a reply that does not match the contract into INTERNAL', async () => {
    stubFetch(async () => jsonReply(200, { ok: true, value: { ...appInfo, face: 'telnet' } }))
    const result = await createHttpTransport().call('app.info', {})
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('INTERNAL')
      expect(result.error.message).toMatch(/unexpected reply/)
    }
  })

  it('turns a reply that is not JSON into INTERNAL', async () => {
    stubFetch(async () => new Response('<html>proxy error</html>', { status: 502 }))
    const result = await createHttpTransport().call('app.info', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    if (!result.ok) expect(result.error.message).toMatch(/unexpected reply.*HTTP 502/)
  })

  it('turns a non-200 reply without a Result into INTERNAL', async () => {
    stubFetch(async () => jsonReply(500, { message: 'boom' }))
    expect(await createHttpTransport().call('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
  })

  it('turns a network failure into INTERNAL with a message about the server', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch')
    })
    const result = await createHttpTransport().call('app.info', {})
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: SERVER_NOT_ANSWERING },
    })
    expect(SERVER_NOT_ANSWERING).toMatch(/^The wizard's server is not answering/)
  })
})
