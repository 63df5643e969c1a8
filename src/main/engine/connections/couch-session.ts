import type { CouchdbProfile } from '../../../shared/project-schema'
import { couchBaseUrl } from '../../../shared/connection-targets'
import { ConnectionFailure } from './classify'
import { readCapped } from './read-capped'

/** One answer of the CouchDB server: the status, the parsed JSON body (or null) and its type. */
export interface CouchResponse {
  status: number
  /** The JSON body, or null when the body was not JSON. */
  json: unknown
  contentType: string
  /** Where a 3xx answer points (with any credentials in it removed), else null. */
  location: string | null
}

/** Options of one request. */
export interface CouchGetOptions {
  /** The most bytes of body read (default 2 MB); a longer answer is a classified failure. */
  maxBytes?: number
}

/** Read-only access to one CouchDB server with the profile's credentials. */
export interface CouchSession {
  /** The server's base URL, without credentials and without a trailing slash. */
  readonly baseUrl: string
  /**
   * GETs `path` (relative to the base URL, already URL-encoded) as JSON. Throws a
   * `ConnectionFailure` (`not_couchdb`) when the body is longer than `maxBytes`.
   */
  get(path: string, options?: CouchGetOptions): Promise<CouchResponse>
}

export interface CouchSessionOptions {
  /** Each request is abandoned after this long (an `AbortSignal` timeout). */
  requestTimeoutMs: number
  /** Aborts every request of the session, e.g. the test's overall deadline. */
  signal?: AbortSignal
}

/** Bodies above this are not read: a CouchDB answer to our probes is a few kilobytes. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024

/**
 * Opens a read-only CouchDB session: GETs only, Basic auth from the profile and the password,
 * redirects not followed (a redirect is reported, since it usually means the wrong address), and
 * every request bounded by a timeout and its body by a byte cap (SEC-12): the body is read as a
 * stream and abandoned past the cap, so an answer without end (a chunked body with no
 * Content-Length) costs at most the cap in memory.
 *
 * This uses `fetch` rather than `nano`: nano 11 turns network failures into a plain message
 * ("error happened in your connection…") and drops the error code that `classify.ts` needs to
 * tell a DNS failure from a refused port or a TLS problem. The password only ever travels in the
 * Authorization header, never in a URL, a log line or an error (SEC-09).
 */
export function createCouchSession(
  profile: CouchdbProfile,
  password: string | null,
  options: CouchSessionOptions,
): CouchSession {
  const baseUrl = couchBaseUrl(profile)
  const headers: Record<string, string> = { accept: 'application/json' }
  if (profile.username !== '') {
    const basic = Buffer.from(`${profile.username}:${password ?? ''}`, 'utf8').toString('base64')
    headers.authorization = `Basic ${basic}`
  }
  return {
    baseUrl,
    async get(path, getOptions = {}) {
      const maxBytes = getOptions.maxBytes ?? MAX_BODY_BYTES
      const timeout = AbortSignal.timeout(options.requestTimeoutMs)
      const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
      const response = await fetch(`${baseUrl}/${path.replace(/^\/+/, '')}`, {
        method: 'GET',
        headers,
        redirect: 'manual',
        signal,
      })
      const declared = Number(response.headers.get('content-length') ?? '0')
      const body = declared > maxBytes ? null : await readCapped(response, maxBytes)
      if (body === null) {
        await response.body?.cancel().catch(() => undefined)
        throw responseTooLarge(baseUrl, path, maxBytes)
      }
      return {
        status: response.status,
        json: parseJson(body),
        contentType: response.headers.get('content-type') ?? '',
        location: scrub(response.headers.get('location'), baseUrl),
      }
    },
  }
}

/** The failure for an answer over the cap: no CouchDB answers our probes at such length. */
function responseTooLarge(baseUrl: string, path: string, maxBytes: number): ConnectionFailure {
  const where = `/${path.replace(/^\/+/, '').split('?')[0] ?? ''}`
  return new ConnectionFailure(
    'not_couchdb',
    `${baseUrl} answered with more than ${formatBytes(maxBytes)} to ${where}; it is not behaving like CouchDB.`,
    'Check the address: it must be the CouchDB of the CHT instance (or the CHT address in front of it). A proxy or another service that streams endlessly answers like this.',
  )
}

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  if (mb >= 1) return `${Math.round(mb * 10) / 10} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown
  } catch {
    return null
  }
}

/** A redirect target, made absolute, without any `user:pass@` part. */
function scrub(location: string | null, baseUrl: string): string | null {
  if (!location) return null
  try {
    const url = new URL(location, `${baseUrl}/`)
    url.username = ''
    url.password = ''
    return url.toString()
  } catch {
    return location.slice(0, 200)
  }
}
