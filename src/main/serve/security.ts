import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'

/**
 * The cookie that carries the per-run token once the address with `?token=` was opened.
 *
 * Browsers keep cookies per host, not per port, so the name carries the port: two `serve`
 * instances on one machine must not overwrite each other's token.
 */
export const tokenCookieName = (port: number): string => `cht_migrate_token_${port}`

/** What a refused request gets told: the status and a sentence a person can act on. */
export interface Refusal {
  status: 401 | 403
  message: string
}

/** The 401 explanation: the token is in the address the command printed. */
export const MISSING_TOKEN_MESSAGE =
  'This wizard needs its access token. Open the address printed by cht-migrate serve (it ends with ?token=…).'

/**
 * A fresh per-run token: 32 random bytes, base64url (SEC-11).
 *
 * It lives only in the process and the address printed at start, never on disk.
 */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Compares a presented token with the real one in constant time (SEC-11).
 *
 * Both sides are hashed first so that the comparison takes the same time whatever the length of
 * the guess; `timingSafeEqual` alone would reveal the length by throwing.
 */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest()
  const b = createHash('sha256').update(expected, 'utf8').digest()
  return timingSafeEqual(a, b)
}

/**
 * Refuses requests addressed to another name or sent from another page (SEC-11, DNS rebinding).
 *
 * A rebinding attack points a hostile name at 127.0.0.1, so the browser sends that name as `Host`:
 * only `127.0.0.1:<port>` and `localhost:<port>` are ours. A cross-site request carries its page's
 * `Origin`; when the header is present it must be our own origin.
 */
export function checkHostAndOrigin(req: IncomingMessage, port: number): Refusal | null {
  const host = req.headers.host?.toLowerCase()
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    return {
      status: 403,
      message:
        `Refused: this server answers only to 127.0.0.1:${port} and localhost:${port}. ` +
        'Through an SSH tunnel, forward the same port number.',
    }
  }
  const origin = req.headers.origin
  if (
    origin !== undefined &&
    origin !== `http://127.0.0.1:${port}` &&
    origin !== `http://localhost:${port}`
  ) {
    return { status: 403, message: 'Refused: requests from other sites are not accepted.' }
  }
  return null
}

/**
 * True when the request carries the token in the `Authorization: Bearer` header or the cookie.
 *
 * The `?token=` query parameter is not looked at here: it is accepted only on `GET /`, where
 * the server swaps it for the cookie (see `tokenFromEntryUrl`).
 */
export function hasValidCredential(req: IncomingMessage, token: string, port: number): boolean {
  const auth = req.headers.authorization
  if (auth !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth)
    if (match?.[1] !== undefined && tokensMatch(match[1], token)) return true
  }
  return cookieValues(req.headers.cookie, tokenCookieName(port)).some((value) =>
    tokensMatch(value, token),
  )
}

/** The `?token=` of a `GET /` (the address printed at start), or null for any other request. */
export function tokenFromEntryUrl(method: string | undefined, url: URL): string | null {
  if (method !== 'GET' || url.pathname !== '/') return null
  return url.searchParams.get('token')
}

/**
 * The cookie set when the printed address is opened: HttpOnly so page scripts cannot read it,
 * SameSite=Strict so other sites cannot make the browser send it.
 */
export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`
}

/** Every value of the named cookie in a `Cookie` header. */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return []
  const values: string[] = []
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim())
  }
  return values
}

/**
 * Headers every response carries, refusals included (SEC-05, SEC-11).
 *
 * The same Content-Security-Policy as the Electron window, no MIME sniffing, no referrer, no
 * framing, and a browsing context of its own.
 */
export function applySecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
  res.setHeader('X-Frame-Options', 'DENY')
}
