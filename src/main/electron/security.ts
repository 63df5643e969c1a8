import type { App, Session, WebContents } from 'electron'
import { allowedExternalUrl } from './url-guard'

/** What the navigation lock needs to know: the one page the app shows, and how to open a link. */
export interface NavigationPolicy {
  /** The renderer's start URL; the only navigation target allowed. */
  startUrl: string
  /** Opens an already checked documentation URL in the system browser (`shell.openExternal`). */
  openExternal(url: string): void
}

type SecuredSession = Pick<
  Session,
  | 'webRequest'
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
>

/**
 * Applies the session-wide protections: the Content-Security-Policy header (SEC-05) and the
 * denial of every permission (SEC-07).
 *
 * The header is set on every response the session receives (the dev server's included; the
 * built renderer's `app:` responses carry it too, see `app-protocol.ts`), replacing any policy
 * the server sent. Permission requests are answered no, and permission checks report no, so web
 * APIs such as notifications, media, geolocation, HID, USB or serial stay closed.
 */
export function applySessionSecurity(session: SecuredSession, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) })
  })
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

/** Returns `headers` with every existing CSP header removed and `policy` set (SEC-05). */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value
  }
  result['Content-Security-Policy'] = [policy]
  return result
}

/**
 * Relaxes the policy for the Vite dev server only: its React refresh preamble is an inline
 * script, it injects CSS as inline styles, and hot reload talks over a WebSocket. Never used for
 * the built renderer.
 */
export function devContentSecurityPolicy(policy: string, devServerUrl: string): string {
  const server = new URL(devServerUrl)
  const socket = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`
  const extra: Record<string, string> = {
    'script-src': "'unsafe-inline'",
    'style-src': "'unsafe-inline'",
    'connect-src': socket,
  }
  return policy
    .split(';')
    .map((directive) => directive.trim())
    .map((directive) => {
      const name = directive.split(' ')[0] ?? ''
      return extra[name] ? `${directive} ${extra[name]}` : directive
    })
    .join('; ')
}

/**
 * Locks navigation of one web contents (SEC-06).
 *
 * `will-navigate` and `will-redirect` are prevented for every URL but the start URL; a blocked
 * navigation to an allowed documentation link (a link without `target="_blank"`) opens in the
 * system browser instead. Every new window is denied, and its URL, when it passes the URL guard,
 * goes to the system browser: this is how the renderer's `<a target="_blank">` doc links open.
 * `<webview>` attachment is refused as well (belt and braces with `webviewTag: false`).
 */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  policy: NavigationPolicy,
): void {
  const isStart = (url: string) => sameUrl(url, policy.startUrl)
  contents.on('will-navigate', (event) => {
    if (isStart(event.url)) return
    event.preventDefault()
    const external = allowedExternalUrl(event.url)
    if (external) policy.openExternal(external)
  })
  contents.on('will-redirect', (event) => {
    if (!isStart(event.url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    const external = allowedExternalUrl(url)
    if (external) policy.openExternal(external)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/**
 * Hardens every web contents the app ever creates, the main window's included (SEC-06): call it
 * before the first window is created.
 */
export function hardenAllWebContents(app: Pick<App, 'on'>, policy: NavigationPolicy): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy))
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href
  } catch {
    return false
  }
}
