import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The built `cht-migrate` entry, as users run it (`npm test` builds before the tests). */
export const ROOT = resolve(__dirname, '../..')
export const BIN = join(ROOT, 'bin', 'cht-migrate.cjs')

export interface SpawnedCli {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exit: Promise<number | null>
}

/**
 * Runs the built CLI in its own process with extra environment variables, collecting its output.
 */
export function spawnCli(args: string[], env: Record<string, string>): SpawnedCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  return { child, stdout: () => out, stderr: () => err, exit }
}

/**
 * A folder for tests that run the built CLI's demo: checks that the CLI is built, and makes a
 * folder with a `tmp/` inside (the demo's TMPDIR) that PostgreSQL, which runs as `postgres` when
 * the tests run as root, can enter.
 */
export async function demoTestFolder(prefix: string): Promise<{ base: string; tmp: string }> {
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) {
    throw new Error('out/main/cli.js is missing: run npm run build first')
  }
  const base = await mkdtemp(join(tmpdir(), prefix))
  chmodSync(base, 0o755)
  const tmp = join(base, 'tmp')
  mkdirSync(tmp, { mode: 0o755 })
  return { base, tmp }
}

/** Whether `pid` is gone: the errno `process.kill(pid, 0)` gives, or null while it runs. */
export function killError(pid: number): string | null {
  try {
    process.kill(pid, 0)
    return null
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'unknown'
  }
}
