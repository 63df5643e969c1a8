import { mkdtemp, mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentTypeOf, resolveStaticFile } from '../../../src/main/serve/static-files'

let base: string
let root: string

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'cht-static-')))
  root = join(base, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html>')
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(root, '.hidden'), 'hidden')
  await writeFile(join(base, 'secret.txt'), 'TOP-SECRET')
  await mkdir(join(base, 'renderer-evil'))
  await writeFile(join(base, 'renderer-evil', 'x.js'), 'evil')
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))
  await symlink(base, join(root, 'up'))
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

describe('resolveStaticFile (SEC-11: nothing outside the built renderer)', () => {
  it('maps / to index.html and finds assets', async () => {
    expect(await resolveStaticFile(root, '/')).toBe(join(root, 'index.html'))
    expect(await resolveStaticFile(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
    expect(await resolveStaticFile(root, '/assets/%61pp.js')).toBe(join(root, 'assets', 'app.js'))
  })

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/../renderer-evil/x.js',
    '/assets/link.txt',
    '/up/secret.txt',
    '/.hidden',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/assets',
    '/assets/',
    '/missing.js',
  ])('refuses %s', async (path) => {
    expect(await resolveStaticFile(root, path)).toBeNull()
  })

  it('gives each kind of file its content type', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeOf('a.JS')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeOf('a.css')).toBe('text/css; charset=utf-8')
    expect(contentTypeOf('a.woff2')).toBe('font/woff2')
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml')
    expect(contentTypeOf('a.unknown')).toBe('application/octet-stream')
  })
})
