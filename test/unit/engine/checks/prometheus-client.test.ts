import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prometheusGet } from '../../../../src/main/engine/checks/monitor/prometheus-client'
import { appErrorFrom } from '../../../support/app-error'
import { startFakePrometheus, type FakePrometheus } from '../../../support/fake-prometheus'

const never = () => new AbortController().signal

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('prometheusGet', () => {
  let prom: FakePrometheus
  beforeAll(async () => {
    prom = await startFakePrometheus({
      series: [{ name: 'up', labels: { job: 'cht', instance: 'cht.example.org' }, value: 1 }],
    })
  })
  afterAll(() => prom.close())

  it('GETs with Accept: application/json and returns the data of the envelope', async () => {
    prom.set({ mode: 'normal' })
    const data = await prometheusGet(
      `${prom.url}/`,
      '/api/v1/query',
      { query: 'up{job="cht"}' },
      {
        signal: never(),
      },
    )
    expect(data).toMatchObject({
      resultType: 'vector',
      result: [
        { metric: { job: 'cht', instance: 'cht.example.org' }, value: [expect.any(Number), '1'] },
      ],
    })
    const last = prom.requests.at(-1)!
    expect(last.method).toBe('GET')
    expect(last.path).toBe('/api/v1/query')
    expect(last.query).toEqual({ query: 'up{job="cht"}' })
    expect(last.headers.accept).toBe('application/json')
    expect(last.headers.authorization).toBeUndefined()
  })

  it('keeps a path prefix of the address (Prometheus behind a proxy)', async () => {
    const e = await appErrorFrom(
      prometheusGet(`${prom.url}/prometheus`, 'api/v1/status/buildinfo', undefined, {
        signal: never(),
      }),
    )
    expect(prom.requests.at(-1)!.path).toBe('/prometheus/api/v1/status/buildinfo')
    expect(e.details?.kind).toBe('not_prometheus')
    expect(e.message).toContain('HTTP 404')
  })

  it('clips long strings and drops control characters; a __proto__ key stays a key', async () => {
    const labels = JSON.parse('{"__proto__": "p"}') as Record<string, string>
    labels.job = `x\u0007${'a'.repeat(20_000)}`
    prom.set({ series: [{ name: 'up', labels, value: 1 }] })
    const data = (await prometheusGet(
      prom.url,
      '/api/v1/query',
      { query: 'up' },
      { signal: never() },
    )) as {
      result: { metric: Record<string, string> }[]
    }
    const metric = data.result[0]!.metric
    expect(metric.job!.length).toBeLessThanOrEqual(5_000)
    expect(metric.job!.startsWith('xaaa')).toBe(true)
    expect(Object.getPrototypeOf(metric)).toBe(Object.prototype)
    expect(Object.keys(metric)).toContain('__proto__')
    prom.set({ series: [] })
  })

  it('says nothing answers when the port is closed', async () => {
    const port = await closedPort()
    const e = await appErrorFrom(
      prometheusGet(
        `http://127.0.0.1:${port}`,
        '/api/v1/query',
        { query: 'up' },
        { signal: never() },
      ),
    )
    expect(e.code).toBe('IO_ERROR')
    expect(e.details?.kind).toBe('refused')
    expect(e.message).toMatch(/^Nothing answers at http:\/\/127\.0\.0\.1:\d+/)
    expect(e.message).toContain('9090')
  })

  it('says so when the host name does not resolve', async () => {
    const e = await appErrorFrom(
      prometheusGet(
        'http://watchdog.invalid:9090',
        '/api/v1/query',
        { query: 'up' },
        {
          signal: never(),
          timeoutMs: 10_000,
        },
      ),
    )
    expect(e.details?.kind).toBe('dns')
    expect(e.message).toContain('Nothing answers at http://watchdog.invalid:9090')
  })

  it('gives up on a server that never answers, within its own time limit', async () => {
    prom.set({ mode: 'hang' })
    const started = Date.now()
    const e = await appErrorFrom(
      prometheusGet(
        prom.url,
        '/api/v1/query',
        { query: 'up' },
        { signal: never(), timeoutMs: 300 },
      ),
    )
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(e.code).toBe('TIMEOUT')
    expect(e.message).toContain('did not answer within 0.3 s')
  })

  it('is CANCELLED when the caller aborts, TIMEOUT when the caller’s time is up', async () => {
    prom.set({ mode: 'hang' })
    const cancel = new AbortController()
    setTimeout(() => cancel.abort(), 100)
    expect(
      (
        await appErrorFrom(
          prometheusGet(prom.url, '/api/v1/rules', undefined, { signal: cancel.signal }),
        )
      ).code,
    ).toBe('CANCELLED')
    const late = await appErrorFrom(
      prometheusGet(prom.url, '/api/v1/rules', undefined, { signal: AbortSignal.timeout(100) }),
    )
    expect(late.code).toBe('TIMEOUT')
    expect(late.message).toContain('did not answer in the time the check allows')
  })

  it('says an answer that stalls began but did not finish', async () => {
    prom.set({ mode: 'stall' })
    const e = await appErrorFrom(
      prometheusGet(
        prom.url,
        '/api/v1/query',
        { query: 'up' },
        { signal: never(), timeoutMs: 300 },
      ),
    )
    expect(e.code).toBe('TIMEOUT')
    expect(e.message).toContain('began answering but did not finish within 0.3 s')
  })

  it('abandons an endless body past maxBytes', async () => {
    prom.set({ mode: 'huge' })
    const started = Date.now()
    const e = await appErrorFrom(
      prometheusGet(
        prom.url,
        '/api/v1/query',
        { query: 'up' },
        { signal: never(), maxBytes: 256 * 1024 },
      ),
    )
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(e.code).toBe('IO_ERROR')
    expect(e.details?.kind).toBe('too_large')
    expect(e.message).toContain('more than 0.3 MB')
  })

  it.each([
    ['html', 'not_prometheus', 'answered, but not as Prometheus does (no status: success)'],
    ['no-status', 'not_prometheus', 'answered, but not as Prometheus does (no status: success)'],
    ['500', 'http', 'HTTP 500'],
  ] as const)('classifies a %s answer', async (mode, kind, text) => {
    prom.set({ mode })
    const e = await appErrorFrom(
      prometheusGet(prom.url, '/api/v1/query', { query: 'up' }, { signal: never() }),
    )
    expect(e.code).toBe('IO_ERROR')
    expect(e.details?.kind).toBe(kind)
    expect(e.message).toContain(text)
  })

  it('reports a redirect without following it, and without the credentials of its target', async () => {
    prom.set({ mode: 'redirect' })
    const e = await appErrorFrom(
      prometheusGet(prom.url, '/api/v1/query', { query: 'up' }, { signal: never() }),
    )
    expect(e.details?.kind).toBe('http')
    expect(e.message).toContain('redirect (HTTP 302 to https://login.example.org/oauth2/start)')
    expect(e.message).toContain('A login page or a proxy stands in front of it')
    expect(e.message).not.toContain('sso-secret')
    expect(e.message).not.toContain('sso-user')
  })

  it('names the new address of an API that moved', async () => {
    prom.set({ mode: 'moved' })
    const e = await appErrorFrom(
      prometheusGet(prom.url, '/api/v1/rules', undefined, { signal: never() }),
    )
    expect(e.message).toContain(
      'Give the address it points to: https://prom.example.org/prometheus.',
    )
  })

  it('passes on Prometheus’ own refusal of a query, clipped', async () => {
    prom.set({ mode: 'normal' })
    const e = await appErrorFrom(
      prometheusGet(
        prom.url,
        '/api/v1/query',
        { query: `rate(${'x'.repeat(2_000)})` },
        { signal: never() },
      ),
    )
    expect(e.details?.kind).toBe('query')
    expect(e.details?.status).toBe(400)
    expect(e.message).toContain('bad_data: the fake cannot evaluate')
    expect(e.message.length).toBeLessThan(600)
  })
})
