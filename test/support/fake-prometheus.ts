import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A real HTTP server answering the part of Prometheus' HTTP API the monitoring checks use:
 * `/api/v1/status/buildinfo`, `/api/v1/query` (instant queries of a metric name with optional
 * `{label="value"}` matchers, optionally inside `last_over_time(…[range])`) and `/api/v1/rules`,
 * over configured series and rule groups. Hostile modes answer every request badly.
 */

/** One series: its metric name, labels and value (a string as Prometheus sends it, or a number). */
export interface FakeSeries {
  name: string
  labels?: Record<string, string>
  value: number | string
}

/** One alerting rule as `/api/v1/rules` lists it. */
export interface FakeRule {
  name: string
  query: string
  /** `for`, in seconds. */
  duration?: number
  health?: 'ok' | 'err' | 'unknown'
}

export interface FakeRuleGroup {
  name: string
  rules: FakeRule[]
}

/**
 * How every request is answered: `normal` as Prometheus; `hang` never answers; `huge` streams an
 * endless body; `wrong-json` says success with data of the wrong shape; `no-status` answers JSON
 * without Prometheus' envelope; `html` a web page; `500` an internal error; `redirect` sends to a
 * login page whose address carries credentials; `moved` to the same API under another address; `stall` begins an answer and never finishes it.
 */
export type FakeMode =
  | 'normal'
  | 'hang'
  | 'huge'
  | 'wrong-json'
  | 'no-status'
  | 'html'
  | '500'
  | 'redirect'
  | 'moved'
  | 'stall'

export interface FakePrometheusOptions {
  series?: FakeSeries[]
  rules?: FakeRuleGroup[]
  version?: string
  mode?: FakeMode
}

/** A request the server received. */
export interface FakeRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingMessage['headers']
}

export interface FakePrometheus {
  /** `http://127.0.0.1:<port>`. */
  url: string
  requests: FakeRequest[]
  /** Replaces the given parts of the configuration. */
  set(options: FakePrometheusOptions): void
  close(): Promise<void>
}

const SELECTOR = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?$/
const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=|!=)\s*"((?:[^"\\]|\\.)*)"\s*$/
const LAST_OVER_TIME = /^last_over_time\((.+)\[\d+[smhd]\]\)$/

/** The series a query selects, as Prometheus' vector result; null for a query it cannot read. */
function evaluate(query: string, series: FakeSeries[]): unknown[] | null {
  const inner = LAST_OVER_TIME.exec(query.trim())
  const selector = SELECTOR.exec((inner ? inner[1]! : query).trim())
  if (!selector) return null
  const matchers = (selector[2] ?? '').split(',').filter((m) => m.trim() !== '')
  const parsed = matchers.map((m) => MATCHER.exec(m))
  if (parsed.some((m) => m === null)) return null
  return series
    .filter((s) => s.name === selector[1])
    .filter((s) =>
      parsed.every((m) => {
        const value = s.labels?.[m![1]!] ?? ''
        return m![2] === '=' ? value === m![3] : value !== m![3]
      }),
    )
    .map((s) => ({
      // last_over_time drops the metric name, as Prometheus' functions do.
      metric: inner ? { ...s.labels } : { __name__: s.name, ...s.labels },
      value: [Date.now() / 1000, String(s.value)],
    }))
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(text)
}

function hostile(mode: FakeMode, req: IncomingMessage, res: ServerResponse): boolean {
  switch (mode) {
    case 'hang':
      return true
    case 'huge': {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      let sent = 0
      // Streams up to 64 MB, as fast as the client reads; stops when it hangs up.
      const write = () => {
        while (sent < 1024 && !res.destroyed) {
          sent++
          if (!res.write(chunk)) return void res.once('drain', write)
        }
        res.end()
      }
      res.write('{"status":"success","data":"')
      write()
      return true
    }
    case 'moved':
      res.writeHead(301, { location: `https://prom.example.org/prometheus${req.url ?? '/'}` })
      res.end()
      return true
    case 'stall':
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"status":"success","data":')
      return true
    case 'wrong-json':
      json(res, 200, { status: 'success', data: 'not what the API returns' })
      return true
    case 'no-status':
      json(res, 200, { hello: 'world' })
      return true
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><title>Grafana</title><p>Welcome</p>')
      return true
    case 'redirect':
      res.writeHead(302, { location: 'https://sso-user:sso-secret@login.example.org/oauth2/start' })
      res.end()
      return true
    case '500':
      res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('internal error')
      return true
    default:
      return false
  }
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startFakePrometheus(
  options: FakePrometheusOptions = {},
): Promise<FakePrometheus> {
  const state: Required<FakePrometheusOptions> = {
    series: [],
    rules: [],
    version: '2.53.0',
    mode: 'normal',
    ...options,
  }
  const requests: FakeRequest[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const query = Object.fromEntries(url.searchParams)
    requests.push({ method: req.method ?? '', path: url.pathname, query, headers: req.headers })
    if (hostile(state.mode, req, res)) return
    if (req.method !== 'GET') return json(res, 405, { status: 'error', error: 'method' })
    switch (url.pathname) {
      case '/api/v1/status/buildinfo':
        return json(res, 200, {
          status: 'success',
          data: { version: state.version, revision: 'fake', branch: 'HEAD', goVersion: 'go1.22' },
        })
      case '/api/v1/query': {
        const result = evaluate(query.query ?? '', state.series)
        if (result === null) {
          return json(res, 400, {
            status: 'error',
            errorType: 'bad_data',
            error: `the fake cannot evaluate ${JSON.stringify(query.query ?? '')}`,
          })
        }
        return json(res, 200, { status: 'success', data: { resultType: 'vector', result } })
      }
      case '/api/v1/rules':
        return json(res, 200, {
          status: 'success',
          data: {
            groups: state.rules.map((g) => ({
              name: g.name,
              file: `/etc/prometheus/${g.name}.yml`,
              interval: 60,
              rules: g.rules.map((r) => ({
                type: 'alerting',
                name: r.name,
                query: r.query,
                duration: r.duration ?? 0,
                health: r.health ?? 'ok',
                state: 'inactive',
                labels: {},
                annotations: {},
                alerts: [],
              })),
            })),
          },
        })
      default:
        res.writeHead(404, { 'content-type': 'text/plain' })
        res.end('404 page not found')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set(next) {
      Object.assign(state, next)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
