import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemo } from '../../../../src/main/engine/demo/start-demo'
import { startEmbeddedPostgres } from '../../../../src/main/engine/servers/embedded-postgres'
import { AppError } from '../../../../src/shared/result'

/** Starting, cancelling, keeping and losing a demo: nothing may be left behind. */
let base: string
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cht-migrate-demo-life-'))
  // As root, PostgreSQL runs as `postgres`, which must be able to enter the folders.
  chmodSync(base, 0o755)
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

const quiet = { signal: new AbortController().signal, progress: () => undefined }

/** PostgreSQL processes whose command line mentions `path` (a data folder of ours). */
function postgresUnder(path: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
  return ps.split('\n').filter((line) => line.includes(path) && /postgres/.test(line))
}

async function waitFor(check: () => boolean, ms = 5_000): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return check()
}

describe('a demo start', () => {
  it('cancelled halfway stops both servers and removes its folder', async () => {
    const baseDir = join(base, 'cancelled')
    const controller = new AbortController()
    const start = startDemo(
      { size: 'small', docs: 20_000, baseDir },
      {
        signal: controller.signal,
        progress: ({ done }) => {
          if ((done ?? 0) >= 3_000) controller.abort()
        },
      },
    )
    const error = await start.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('CANCELLED')
    expect(readdirSync(baseDir)).toEqual([])
    expect(await waitFor(() => postgresUnder(baseDir).length === 0)).toBe(true)
  }, 60_000)

  it('keeps its folder with --keep, and refuses a folder that is not empty', async () => {
    const keepDir = join(base, 'kept')
    const demo = await startDemo({ size: 'small', docs: 500, keepDir }, quiet)
    expect(demo.kept).toBe(true)
    await demo.stop()
    expect(readdirSync(keepDir).sort()).toEqual(
      ['couchdb', 'cht-sync.env', 'demo.chtmig.json', 'manifest.json', 'postgres'].sort(),
    )
    expect(existsSync(join(keepDir, 'postgres', 'pgdata', 'PG_VERSION'))).toBe(true)
    expect(postgresUnder(keepDir)).toEqual([])

    const error = await startDemo({ size: 'small', docs: 500, keepDir }, quiet).catch((e) => e)
    expect(error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/not empty/),
    })
    const file = join(base, 'a-file')
    writeFileSync(file, 'x')
    await expect(startDemo({ size: 'small', docs: 500, keepDir: file }, quiet)).rejects.toThrow(
      /is a file/,
    )
  }, 60_000)

  it('reports a PostgreSQL killed from outside, and still stops cleanly', async () => {
    const baseDir = join(base, 'killed')
    const demo = await startDemo({ size: 'small', docs: 500, baseDir }, quiet)
    const failure = new Promise<string>((resolve) => demo.onFailure(resolve))
    process.kill(demo.postgresPid!, 'SIGKILL')
    expect(await failure).toMatch(/PostgreSQL server .* stopped unexpectedly/)
    await demo.stop()
    expect(readdirSync(baseDir)).toEqual([])
    expect(await waitFor(() => postgresUnder(baseDir).length === 0)).toBe(true)
  }, 60_000)
})

describe('startEmbeddedPostgres', () => {
  it('says which port it could not use', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    const dir = join(base, 'taken')
    try {
      await expect(startEmbeddedPostgres({ dir, port })).rejects.toThrow(
        new RegExp(`PostgreSQL could not start on port ${port}`),
      )
      expect(postgresUnder(dir)).toEqual([])
    } finally {
      blocker.close()
    }
  }, 30_000)
})
