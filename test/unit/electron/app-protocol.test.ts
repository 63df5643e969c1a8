import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { makeTempDir } from '../../support/project-fixtures'
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/csp'
import {
  APP_START_URL,
  contentTypeFor,
  isSameAppOrigin,
  registerAppScheme,
  resolveRendererFile,
  serveRenderer,
} from '../../../src/main/electron/app-protocol'

const registerSchemesAsPrivileged = vi.hoisted(() => vi.fn())
vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged } }))

const temp = makeTempDir('app-protocol')
afterAll(() => temp.cleanup())
const root = join(temp.dir, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>')
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
writeFileSync(join(temp.dir, 'secret.txt'), 'outside')

describe('registerAppScheme', () => {
  it('declares app: standard and secure, without CSP bypass or CORS', () => {
    registerAppScheme()
    const [schemes] = registerSchemesAsPrivileged.mock.calls[0] ?? []
    expect(schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })
})

describe('resolveRendererFile', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveRendererFile(root, APP_START_URL)).toBe(resolve(root, 'index.html'))
    expect(resolveRendererFile(root, 'app://cht-migrate/')).toBe(resolve(root, 'index.html'))
    expect(resolveRendererFile(root, 'app://cht-migrate/assets/index-abc.js?v=1')).toBe(
      resolve(root, 'assets', 'index-abc.js'),
    )
  })

  it('resolves dot segments within the folder, never above it', () => {
    // The URL parser applies `..` (even encoded) before the path is seen, stopping at the root.
    expect(resolveRendererFile(root, 'app://cht-migrate/%2e%2e/%2e%2e/secret.txt')).toBe(
      resolve(root, 'secret.txt'),
    )
  })

  it.each([
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['credentials', 'app://user:pw@cht-migrate/index.html'],
    ['an encoded slash and parent', 'app://cht-migrate/assets%2f..%2f..%2fsecret.txt'],
    ['a backslash', 'app://cht-migrate/assets%5c..%5c..%5csecret.txt'],
    ['a hidden file', 'app://cht-migrate/.env'],
    ['a NUL byte', 'app://cht-migrate/index.html%00.js'],
    ['malformed escapes', 'app://cht-migrate/%E0%A4%A'],
    ['not a URL', 'index.html'],
  ])('refuses %s', (_label, url) => {
    expect(resolveRendererFile(root, url)).toBeNull()
  })
})

describe('serveRenderer', () => {
  let handler: ((request: Request) => Promise<Response>) | undefined
  serveRenderer({ handle: (_scheme: string, h: typeof handler) => (handler = h) } as never, root)
  const get = (url: string, method = 'GET') => handler!(new Request(url, { method }))

  it('serves a renderer file with its type and the CSP header (SEC-05)', async () => {
    const response = await get('app://cht-migrate/assets/index-abc.js')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('console.log(1)')
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('answers 404 outside the renderer folder or for a missing file, 405 for other methods', async () => {
    expect((await get('app://cht-migrate/%2e%2e/secret.txt')).status).toBe(404)
    expect((await get('app://cht-migrate/missing.js')).status).toBe(404)
    expect((await get('app://cht-migrate/index.html', 'POST')).status).toBe(405)
  })
})

describe('isSameAppOrigin', () => {
  it('matches scheme, host and port of the start URL', () => {
    expect(isSameAppOrigin('app://cht-migrate/index.html#/step/2', APP_START_URL)).toBe(true)
    expect(isSameAppOrigin('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isSameAppOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isSameAppOrigin('app://evil/index.html', APP_START_URL)).toBe(false)
    expect(isSameAppOrigin('https://cht-migrate/index.html', APP_START_URL)).toBe(false)
    expect(isSameAppOrigin('app://u:p@cht-migrate/index.html', APP_START_URL)).toBe(false)
    expect(isSameAppOrigin('about:blank', APP_START_URL)).toBe(false)
    expect(isSameAppOrigin('not a url', APP_START_URL)).toBe(false)
  })
})

describe('contentTypeFor', () => {
  it('knows the renderer file kinds and falls back to bytes', () => {
    expect(contentTypeFor('/a/index.HTML')).toBe('text/html; charset=utf-8')
    expect(contentTypeFor('/a/style.css')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('/a/blob.bin')).toBe('application/octet-stream')
  })
})
