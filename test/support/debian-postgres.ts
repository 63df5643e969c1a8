import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from '../../src/main/engine/servers/free-port'

const run = promisify(execFile)

/** Where Debian's PostgreSQL 15 server and client programs are. */
export const DEBIAN_PG15_BIN = '/usr/lib/postgresql/15/bin'

/** A throwaway PostgreSQL 15 server on 127.0.0.1 with password (SCRAM) authentication. */
export interface DebianPostgres {
  host: string
  port: number
  user: string
  password: string
  stop(): Promise<void>
}

/** Why a PostgreSQL 15 server cannot be started here, or null when it can be tried. */
export function debianPostgresUnavailable(): string | null {
  for (const program of ['initdb', 'postgres', 'pg_ctl']) {
    if (!existsSync(join(DEBIAN_PG15_BIN, program)))
      return `${DEBIAN_PG15_BIN}/${program} is missing`
  }
  if (
    process.getuid?.() === 0 &&
    !existsSync('/usr/sbin/runuser') &&
    !existsSync('/sbin/runuser')
  ) {
    return 'running as root without runuser'
  }
  return null
}

/**
 * Starts PostgreSQL 15 from Debian's binaries in a temporary folder (initdb, then `postgres` in
 * the foreground as our child). PostgreSQL refuses to run as root, so as root the folder is
 * given to the `postgres` system user and the programs run through `runuser -u postgres --`.
 */
export async function startDebianPostgres(): Promise<DebianPostgres> {
  const asRoot = process.getuid?.() === 0
  const dir = await mkdtemp(join(tmpdir(), 'cht-migrate-pg15-'))
  const dataDir = join(dir, 'data')
  const password = randomBytes(12).toString('base64url')
  const pwFile = join(dir, 'pw')
  await writeFile(pwFile, password, { mode: 0o600 })
  if (asRoot) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim())
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim())
    await chown(dir, uid, gid)
    await chown(pwFile, uid, gid)
  }
  await chmod(dir, 0o755)
  const as = (program: string, args: string[]): [string, string[]] =>
    asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(DEBIAN_PG15_BIN, program), ...args]]
      : [join(DEBIAN_PG15_BIN, program), args]

  await run(
    ...as('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=scram-sha-256',
      `--pwfile=${pwFile}`,
      '-E',
      'UTF8',
      '--no-sync',
    ]),
    { timeout: 60_000 },
  )
  const port = await freePort()
  const [command, args] = as('postgres', [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dir}`,
    '-c',
    'fsync=off',
  ])
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000)
  })
  const server = { host: '127.0.0.1', port, user: 'postgres', password }
  try {
    await waitReady(server, child, () => log)
  } catch (e) {
    await stopChild(child, as, dataDir)
    await rm(dir, { recursive: true, force: true })
    throw e
  }
  return {
    ...server,
    async stop() {
      await stopChild(child, as, dataDir)
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function waitReady(
  server: { host: string; port: number; user: string; password: string },
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL 15 exited: ${log()}`)
    const client = new pg.Client({ ...server, database: 'postgres' })
    try {
      await client.connect()
      await client.end()
      return
    } catch (e) {
      await client.end().catch(() => undefined)
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL 15 did not start: ${String(e)} ${log()}`, { cause: e })
      }
      await new Promise((r) => setTimeout(r, 200))
    }
  }
}

async function stopChild(
  child: ChildProcess,
  as: (program: string, args: string[]) => [string, string[]],
  dataDir: string,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  await run(...as('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']), {
    timeout: 20_000,
  }).catch(() => child.kill('SIGKILL'))
  await exited
}
