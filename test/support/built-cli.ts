import { spawn, type ChildProcess } from 'node:child_process'
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
