import { describe, expect, it, vi } from 'vitest'
import type { App, Session, WebContents } from 'electron'
import {
  applySessionSecurity,
  devContentSecurityPolicy,
  hardenAllWebContents,
  hardenWebContents,
  withContentSecurityPolicy,
} from '../../../src/main/electron/security'
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp'

// security.ts imports only electron *types*; these tests use plain stand-ins for the session and
// the web contents and call the handlers the module registers.

type Listener = (...args: unknown[]) => unknown

function fakeSession() {
  const registered: {
    headers?: Listener
    request?: Listener
    check?: Listener
    device?: Listener
  } = {}
  const session = {
    webRequest: { onHeadersReceived: (listener: Listener) => (registered.headers = listener) },
    setPermissionRequestHandler: (handler: Listener) => (registered.request = handler),
    setPermissionCheckHandler: (handler: Listener) => (registered.check = handler),
    setDevicePermissionHandler: (handler: Listener) => (registered.device = handler),
  }
  applySessionSecurity(session as unknown as Session, CONTENT_SECURITY_POLICY)
  return registered
}

function fakeContents() {
  const listeners = new Map<string, Listener>()
  let openHandler: Listener | undefined
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
  }
  const openExternal = vi.fn()
  hardenWebContents(contents as unknown as WebContents, {
    startUrl: 'app://cht-migrate/index.html',
    openExternal,
  })
  const navigate = (name: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = '') => {
    const event = { url, preventDefault: vi.fn() }
    listeners.get(name)?.(event, url)
    return event.preventDefault
  }
  return { listeners, openExternal, navigate, openWindow: (url: string) => openHandler?.({ url }) }
}

const directives = (policy: string) =>
  new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values.join(' ')] as const
    }),
  )

describe('the Content-Security-Policy (SEC-05)', () => {
  it.each([
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ])('has %s %s', (name, value) => {
    expect(directives(CONTENT_SECURITY_POLICY).get(name)).toBe(value)
  })

  it('names no remote origin and no unsafe source', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-|ws:/)
  })

  it('is set on every response, replacing any policy the server sent', () => {
    const { headers } = fakeSession()
    const callback = vi.fn()
    headers?.(
      {
        responseHeaders: {
          'content-security-policy': ["default-src *; script-src 'unsafe-inline'"],
          'Content-Type': ['text/html'],
        },
      },
      callback,
    )
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    })
  })

  it('is added to a response without headers', () => {
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] })
  })

  it('is relaxed for the Vite dev server only as far as hot reload needs', () => {
    const dev = directives(
      devContentSecurityPolicy(CONTENT_SECURITY_POLICY, 'http://localhost:5173'),
    )
    expect(dev.get('script-src')).toBe("'self' 'unsafe-inline'")
    expect(dev.get('style-src')).toBe("'self' 'unsafe-inline'")
    expect(dev.get('connect-src')).toBe("'self' ws://localhost:5173")
    expect(dev.get('default-src')).toBe("'none'")
    expect(dev.get('object-src')).toBe("'none'")
    expect(dev.get('frame-ancestors')).toBe("'none'")
  })
})

describe('permissions (SEC-07)', () => {
  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid'])(
    'denies a %s permission request',
    (permission) => {
      const { request } = fakeSession()
      const callback = vi.fn()
      request?.({}, permission, callback, {})
      expect(callback).toHaveBeenCalledTimes(1)
      expect(callback).toHaveBeenCalledWith(false)
    },
  )

  it('answers every permission check and device check with no', () => {
    const { check, device } = fakeSession()
    expect(check?.(null, 'media', 'app://cht-migrate', {})).toBe(false)
    expect(check?.({}, 'clipboard-sanitized-write', 'app://cht-migrate', {})).toBe(false)
    expect(device?.({ deviceType: 'usb', origin: 'app://cht-migrate' })).toBe(false)
  })
})

describe('navigation lock (SEC-06)', () => {
  it('prevents navigation away from the app', () => {
    const { navigate, openExternal } = fakeContents()
    expect(navigate('will-navigate', 'https://example.com/')).toHaveBeenCalled()
    expect(navigate('will-navigate', 'file:///etc/passwd')).toHaveBeenCalled()
    expect(navigate('will-navigate', 'app://cht-migrate/other.html')).toHaveBeenCalled()
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('allows the start URL itself', () => {
    const { navigate } = fakeContents()
    expect(navigate('will-navigate', 'app://cht-migrate/index.html')).not.toHaveBeenCalled()
  })

  it('opens a blocked documentation link in the system browser instead', () => {
    const { navigate, openExternal } = fakeContents()
    const url = 'https://docs.communityhealthtoolkit.org/hosting/analytics/'
    expect(navigate('will-navigate', url)).toHaveBeenCalled()
    expect(openExternal).toHaveBeenCalledWith(url)
  })

  it('prevents redirects, even to documentation hosts, without opening anything', () => {
    const { navigate, openExternal } = fakeContents()
    expect(navigate('will-redirect', 'https://docs.communityhealthtoolkit.org/')).toHaveBeenCalled()
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('denies every new window and hands only documentation links to the browser', () => {
    const { openWindow, openExternal } = fakeContents()
    expect(openWindow('https://github.com/medic/cht-sync')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://github.com/medic/cht-sync')
    expect(openWindow('https://evil.example/')).toEqual({ action: 'deny' })
    expect(openWindow('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledTimes(1)
  })

  it('refuses to attach a webview', () => {
    const { navigate } = fakeContents()
    expect(navigate('will-attach-webview')).toHaveBeenCalled()
  })

  it('hardens every web contents the app creates', () => {
    let created: Listener | undefined
    const app = {
      on: (name: string, listener: Listener) =>
        name === 'web-contents-created' && (created = listener),
    }
    hardenAllWebContents(app as unknown as App, {
      startUrl: 'app://cht-migrate/index.html',
      openExternal: vi.fn(),
    })
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() }
    created?.({}, contents)
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1)
    expect(contents.on.mock.calls.map(([name]) => name)).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    )
  })
})
