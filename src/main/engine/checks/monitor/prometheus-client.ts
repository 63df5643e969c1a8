import { AppError } from '../../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import { errorChain } from '../../connections/classify'
import { readCapped } from '../../connections/read-capped'

/** The most bytes of an answer read by default: Watchdog's answers to the checks are far smaller. */
export const PROMETHEUS_MAX_BYTES = 4 * 1024 * 1024
/** Each request is abandoned after this long unless the caller says otherwise. */
export const PROMETHEUS_REQUEST_MS = 15_000

/** Options of one request to Prometheus. */
export interface PrometheusGetOptions {
  /** The run's Cancel joined to the check's time limit. */
  signal: AbortSignal
  /** The most bytes of body read (default 4 MB); a longer answer is an `IO_ERROR`. */
  maxBytes?: number
  /** This request's own time limit (default 15 s); past it, a `TIMEOUT`. */
  timeoutMs?: number
}

/**
 * What went wrong, in `AppError.details.kind`: the checks tell an unreachable or foreign server
 * (a finding) from a refused query.
 */
export type PrometheusFailureKind =
  | 'dns'
  | 'refused'
  | 'tls'
  | 'timeout'
  | 'not_prometheus'
  | 'too_large'
  | 'http'
  | 'query'
  | 'other'

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA'])
const REFUSED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN'])
const CLOSED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])
const TLS =
  /^(EPROTO|ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|UNABLE_TO_)/
const PROMETHEUS_PORT = 'Prometheus listens on port 9090 (Grafana’s 3000 is not it).'

/**
 * GETs `path` of CHT Watchdog's Prometheus HTTP API (`/api/v1/query`, `/api/v1/rules`…) with
 * `query` as URL parameters, and returns the `data` of its answer once the envelope says
 * `status: "success"`. Every string in it is clipped to a paragraph (a hostile server chooses
 * them) and stripped of control characters.
 *
 * GET only, no credentials (the address cannot hold any: SEC-09), redirects reported rather than
 * followed, the body read as a stream and abandoned past `maxBytes`, and the request abandoned at
 * its own time limit or when `signal` aborts. Failures are `AppError`s a person can act on:
 * `CANCELLED` when `signal` aborted, `TIMEOUT` when the server did not answer in time, otherwise
 * `IO_ERROR` with `details.kind` (a `PrometheusFailureKind`) and `details.status`.
 */
export async function prometheusGet(
  baseUrl: string,
  path: string,
  query: Record<string, string> | undefined,
  options: PrometheusGetOptions,
): Promise<unknown> {
  const root = baseUrl.trim().replace(/\/+$/, '')
  const base = shownAddress(root)
  const url = `${root}/${path.replace(/^\/+/, '')}${query ? `?${new URLSearchParams(query)}` : ''}`
  const timeoutMs = options.timeoutMs ?? PROMETHEUS_REQUEST_MS
  const timer = new AbortController()
  const handle = setTimeout(() => timer.abort(), timeoutMs)
  const signal = AbortSignal.any([options.signal, timer.signal])
  const fail = (kind: PrometheusFailureKind, message: string, status: number | null = null) =>
    new AppError('IO_ERROR', message, { endpoint: 'watchdog', kind, status })
  const where = { base, timeoutMs, outer: options.signal, own: timer.signal, fail }
  try {
    let response: Response
    try {
      response = await fetch(url, {
        method: 'GET',
        headers: { accept: 'application/json' },
        redirect: 'manual',
        signal,
      })
    } catch (e) {
      throw classifyTransport(e, { ...where, answered: false })
    }
    const status = response.status
    if (status >= 300 && status < 400) {
      await response.body?.cancel().catch(() => undefined)
      const to = scrubLocation(response.headers.get('location'), url)
      // The same API elsewhere (http to https, another prefix) is worth naming; a login page is not.
      const at = to === null ? -1 : to.indexOf(`/${path.replace(/^\/+/, '')}`)
      const advice =
        to !== null && at > 0
          ? `Give the address it points to: ${to.slice(0, at)}.`
          : 'A login page or a proxy stands in front of it; the wizard sends no credentials, so give an address that reaches Prometheus directly (e.g. an SSH tunnel to port 9090).'
      throw fail(
        'http',
        `${base} answered with a redirect (HTTP ${status}${to ? ` to ${to}` : ''}) instead of Prometheus’ API. ${advice}`,
        status,
      )
    }
    const maxBytes = options.maxBytes ?? PROMETHEUS_MAX_BYTES
    let body: string | null
    try {
      const declared = Number(response.headers.get('content-length') ?? '0')
      body = declared > maxBytes ? null : await readCapped(response, maxBytes)
    } catch (e) {
      throw classifyTransport(e, { ...where, answered: true })
    }
    if (body === null) {
      await response.body?.cancel().catch(() => undefined)
      throw fail(
        'too_large',
        `${base} answered ${path} with more than ${Math.round(maxBytes / 104857.6) / 10} MB; Prometheus answers these queries in far less. Check that the address is CHT Watchdog’s Prometheus.`,
        status,
      )
    }
    return envelopeData(parseJson(body), status, base, path, fail)
  } finally {
    clearTimeout(handle)
  }
}

type Fail = (kind: PrometheusFailureKind, message: string, status?: number | null) => AppError

/** Checks Prometheus' envelope and returns its `data`, or throws what the answer was instead. */
function envelopeData(
  json: unknown,
  status: number,
  base: string,
  path: string,
  fail: Fail,
): unknown {
  const envelope =
    json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : null
  if (envelope?.status === 'success' && 'data' in envelope && status >= 200 && status < 300) {
    return sanitize(envelope.data, 0)
  }
  if (envelope?.status === 'error' && typeof envelope.error === 'string') {
    const said = clipText(envelope.error, 300)
    const type =
      typeof envelope.errorType === 'string' ? `${clipText(envelope.errorType, 40)}: ` : ''
    throw fail(
      'query',
      `Prometheus at ${base} refused ${path} (HTTP ${status}, ${type}${said}).`,
      status,
    )
  }
  if (status === 401 || status === 403) {
    throw fail(
      'http',
      `${base} asks for a login (HTTP ${status}); the wizard sends no credentials to Prometheus. Give an address that answers without one, e.g. through an SSH tunnel to port 9090 of the Watchdog server.`,
      status,
    )
  }
  if (status === 404) {
    throw fail(
      'not_prometheus',
      `${base} has no ${path} (HTTP 404): it answered, but not as Prometheus does. Check the address and port: ${PROMETHEUS_PORT}`,
      status,
    )
  }
  if (status >= 500) {
    throw fail(
      'http',
      `${base} answered ${path} with HTTP ${status}. Check that Prometheus is running (docker compose ps in the Watchdog folder) and test again.`,
      status,
    )
  }
  throw fail(
    'not_prometheus',
    `${base} answered, but not as Prometheus does (no status: success${status >= 300 ? `, HTTP ${status}` : ''}). Check the address and port: ${PROMETHEUS_PORT}`,
    status,
  )
}

/** Where a request went and how it was bounded, for the sentences of its failure. */
interface RequestPlace {
  base: string
  timeoutMs: number
  /** The caller's signal. */
  outer: AbortSignal
  /** The request's own time limit. */
  own: AbortSignal
  fail: Fail
  /** Whether the answer had begun (status and headers received). */
  answered: boolean
}

/** A network failure of the request, as an AppError with a sentence a person can act on. */
function classifyTransport(error: unknown, place: RequestPlace): AppError {
  const { base, outer, own, fail } = place
  const callerTimedOut = (outer.reason as { name?: unknown } | undefined)?.name === 'TimeoutError'
  if (outer.aborted && !callerTimedOut) {
    return new AppError('CANCELLED', 'The request to Prometheus was abandoned.')
  }
  if (outer.aborted || own.aborted) {
    const within = callerTimedOut
      ? 'in the time the check allows'
      : `within ${Math.round(place.timeoutMs / 100) / 10} s`
    const message = place.answered
      ? `${base} began answering but did not finish ${within}: its answer is too slow or has no end. Check that the address is CHT Watchdog’s Prometheus and that it is not overloaded.`
      : `${base} did not answer ${within}. Check that Prometheus is running and that this computer reaches it (a firewall, a VPN or an SSH tunnel may be needed).`
    return new AppError('TIMEOUT', message, { endpoint: 'watchdog', kind: 'timeout', status: null })
  }
  const chain = errorChain(error)
  const codes = chain.map((e) => (typeof e.code === 'string' ? e.code : ''))
  const messages = chain.map((e) => (typeof e.message === 'string' ? e.message : '')).join(' | ')
  const has = (set: Set<string>) => codes.some((c) => set.has(c))
  if (has(DNS)) {
    return fail(
      'dns',
      `Nothing answers at ${base}: the host name could not be found (DNS). Check the spelling, or the VPN or /etc/hosts entry this computer needs.`,
    )
  }
  if (has(REFUSED)) {
    return fail(
      'refused',
      `Nothing answers at ${base}: the connection was refused or the host is unreachable. Check that Watchdog runs there and the port: ${PROMETHEUS_PORT} By default Watchdog publishes Prometheus only to its own server; use an SSH tunnel (ssh -N -L 9090:localhost:9090 <server>) and http://localhost:9090.`,
    )
  }
  if (
    codes.some((c) => TLS.test(c)) ||
    /certificate|SSL routines|wrong version number/i.test(messages)
  ) {
    return fail(
      'tls',
      `${base} could not be reached over https (${clipText(messages, 200)}). If Prometheus speaks plain http there, give an http:// address.`,
    )
  }
  if (has(CLOSED) || codes.some((c) => c.startsWith('HPE_')) || /bad port/i.test(messages)) {
    return fail(
      'not_prometheus',
      `${base} closed the connection or answered with something other than HTTP: it is not Prometheus. Check the address and port: ${PROMETHEUS_PORT}`,
    )
  }
  return fail('other', `The request to ${base} failed: ${clipText(messages || String(error), 300)}`)
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown
  } catch {
    return null
  }
}

/** The data with every string clipped; nesting beyond what Prometheus sends is cut. */
function sanitize(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return clipText(value, TEXT_LIMITS.paragraph)
  if (value === null || typeof value !== 'object') return value
  if (depth > 12) return null
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1))
  // fromEntries defines own properties: a `__proto__` key stays a key.
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [clipText(k, TEXT_LIMITS.short), sanitize(v, depth + 1)]),
  )
}

/** The address as messages show it: never a user name or password, even if one slipped in. */
function shownAddress(address: string): string {
  return clipText(address.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1'), TEXT_LIMITS.short)
}

/** A redirect's target made absolute, without any user name or password. */
function scrubLocation(location: string | null, from: string): string | null {
  if (!location) return null
  try {
    const url = new URL(location, from)
    url.username = ''
    url.password = ''
    return clipText(url.toString(), 300)
  } catch {
    return null
  }
}
