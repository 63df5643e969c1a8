import type { CouchdbProfile } from '../../../shared/project-schema'
import { couchBaseUrl } from '../../../shared/connection-targets'

/** One answer of the CouchDB server: the status, the parsed JSON body (or null) and its type. */
export interface CouchResponse {
  status: number
  /** The JSON body, or null when the body was not JSON. */
  json: unknown
  contentType: string
  /** Where a 3xx answer points (with any credentials in it removed), else null. */
  location: string | null
}

/** Read-only access to one CouchDB server with the profile's credentials. */
export interface CouchSession {
  /** The server's base URL, without credentials and without a trailing slash. */
  readonly baseUrl: string
  /** GETs `path` (relative to the base URL, already URL-encoded) as JSON. */
  get(path: string): Promise<CouchResponse>
}

export interface CouchSessionOptions {
  /** Each request is abandoned after this long (an `AbortSignal` timeout). */
  requestTimeoutMs: number
  /** Aborts every request of the session, e.g. the test's overall deadline. */
  signal?: AbortSignal
}

/** Bodies above this are not read: a CouchDB answer to our probes is a few kilobytes. */
const MAX_BODY_BYTES = 2 * 1024 * 1024

/**
 * Opens a read-only CouchDB session: GETs only, Basic auth from the profile and the password,
 * redirects not followed (a redirect is reported, since it usually means the wrong address), and
 * every request bounded by a timeout (SEC-12).
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
    async get(path) {
      const timeout = AbortSignal.timeout(options.requestTimeoutMs)
      const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
      const response = await fetch(`${baseUrl}/${path.replace(/^\/+/, '')}`, {
        method: 'GET',
        headers,
        redirect: 'manual',
        signal,
      })
      const contentType = response.headers.get('content-type') ?? ''
      const location = response.headers.get('location')
      const declared = Number(response.headers.get('content-length') ?? '0')
      if (declared > MAX_BODY_BYTES) {
        await response.body?.cancel()
        return {
          status: response.status,
          json: null,
          contentType,
          location: scrub(location, baseUrl),
        }
      }
      const body = await response.text()
      return {
        status: response.status,
        json: parseJson(body),
        contentType,
        location: scrub(location, baseUrl),
      }
    },
  }
}

function parseJson(body: string): unknown {
  if (body.length > MAX_BODY_BYTES) return null
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
