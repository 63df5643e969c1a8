import { readFile } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import { protocol, type Protocol } from 'electron'
import { contentTypeOf as contentTypeFor } from '../../shared/content-types'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'

/**
 * The app's own origin, `app://cht-migrate`, from which the built renderer is served.
 *
 * Packaged builds turn the `grantFileProtocolExtraPrivileges` fuse off (SEC-08); with it off,
 * Electron no longer reads `file://` URLs from inside `app.asar`, and a `file://` page would have
 * an opaque origin anyway, and `file://` responses cannot carry the CSP header (SEC-05). A
 * privileged standard scheme gives the renderer a real origin for `'self'`, lets every response
 * carry the policy, and confines what the page can load to the renderer folder.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'cht-migrate'
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/**
 * Declares the `app:` scheme as standard and secure; must run before the app is ready.
 *
 * `standard` gives the page a real origin (so `'self'` in the CSP means this app), `secure` makes
 * it a secure context. It is deliberately not `corsEnabled` and does not bypass the CSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * Maps an `app://cht-migrate/...` URL to a file inside `rendererDir`, or null.
 *
 * Another scheme or host, credentials, NUL, backslashes, `..` and hidden segments are refused, and
 * the resolved file must lie inside the folder. `/` is `index.html`.
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  if (url.username !== '' || url.password !== '') return null
  let decoded: string
  try {
    decoded = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment === '..' || segment.startsWith('.'))) return null
  const root = resolve(rendererDir)
  const file = resolve(root, ...(segments.length === 0 ? ['index.html'] : segments))
  return file.startsWith(root + sep) ? file : null
}

/**
 * Serves the built renderer on `app://cht-migrate/`, every response carrying the CSP (SEC-05).
 *
 * Only GET is answered; anything outside the renderer folder is a 404. Files are read with `fs`,
 * which reads inside `app.asar` in the main process.
 */
export function serveRenderer(target: Pick<Protocol, 'handle'>, rendererDir: string): void {
  target.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response('Method not allowed.', { status: 405 })
    const file = resolveRendererFile(rendererDir, request.url)
    if (!file) return new Response('Not found.', { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: {
          'Content-Type': contentTypeFor(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      })
    } catch {
      return new Response('Not found.', { status: 404 })
    }
  })
}

/**
 * True when `url` belongs to the same origin as `startUrl` (scheme, host and port), without
 * credentials: the test for "this is our page" used by the IPC sender check (SEC-04).
 */
export function isSameAppOrigin(url: string, startUrl: string): boolean {
  try {
    const candidate = new URL(url)
    const own = new URL(startUrl)
    return (
      candidate.protocol === own.protocol &&
      candidate.host === own.host &&
      candidate.username === '' &&
      candidate.password === ''
    )
  } catch {
    return false
  }
}

export { contentTypeFor }
