import { describe, expect, it } from 'vitest'
import { withFileStatus } from '../../../../src/main/engine/prefs/recent-files'

const entry = (path: string) => ({ path, name: path, openedAt: '2026-01-01T00:00:00.000Z' })
const failing = (code: string) => Object.assign(new Error(code), { code })

describe('withFileStatus', () => {
  it('marks only files that are definitely gone (ENOENT, ENOTDIR) as missing', async () => {
    const answers: Record<string, () => Promise<unknown>> = {
      '/here': async () => ({}),
      '/gone': async () => Promise.reject(failing('ENOENT')),
      '/file/under/a/file': async () => Promise.reject(failing('ENOTDIR')),
      '/forbidden': async () => Promise.reject(failing('EACCES')),
    }
    const listed = await withFileStatus(Object.keys(answers).map(entry), {
      stat: (path) => answers[path]!(),
    })
    expect(listed.map((e) => [e.path, e.missing])).toEqual([
      ['/here', false],
      ['/gone', true],
      ['/file/under/a/file', true],
      ['/forbidden', false],
    ])
    expect(listed[0]).toEqual({ ...entry('/here'), missing: false })
  })

  it('does not wait longer than its bound for a file system that hangs', async () => {
    const started = Date.now()
    const listed = await withFileStatus([entry('/hangs'), entry('/gone')], {
      timeoutMs: 50,
      stat: (path) =>
        path === '/hangs' ? new Promise(() => undefined) : Promise.reject(failing('ENOENT')),
    })
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(listed.map((e) => e.missing)).toEqual([false, true])
  })

  it('checks the real file system by default', async () => {
    const [present, gone] = await withFileStatus([
      entry(process.cwd()),
      entry('/no/such/cht-migrate/file.chtmig.json'),
    ])
    expect([present?.missing, gone?.missing]).toEqual([false, true])
  })
})
