import type { EngineEvent } from '../../shared/events'
import {
  APP_NAME,
  APP_VERSION,
  defaultConfigDir,
  defaultProjectDir,
  defaultUserName,
} from './app-meta'
import {
  createConnectionService,
  type ConnectionService,
  type ConnectionServiceOptions,
} from './connections/connection-service'
import { createEnvSessionSecretStore, type SecretStore } from './connections/secret-store'
import { temporaryDemoFolderOf } from './demo/demo-folder'
import { createDemoService, type DemoService } from './demo/demo-service'
import { sweepOrphanedDemos } from './demo/orphans'
import { createEventHub } from './events/event-hub'
import { JobRegistry } from './jobs/job-registry'
import { createFileLog, logPathIn, type Log } from './log/log'
import { createPreferencesStore } from './prefs/preferences-store'
import type { PreferencesStore } from './prefs/types'
import { createProjectService } from './project/project-service'
import type { ProjectService } from './project/types'
import { createRecoveryStore, type RecoveryStore } from './recovery/recovery-store'
import { startSession } from './recovery/session-marker'
import { createDownloadStore, type DownloadStore } from './report/downloads'
import { createWorkerPool, type WorkerPool } from './workers/worker-pool'

/**
 * The engine: everything the wizard does, in one object every face builds once and forwards.
 *
 * It owns the services (project store, preferences, jobs, worker threads, connections, secrets,
 * the demo deployment), one stream of events (`project.changed`/`project.patched`,
 * `job.progress`/`job.finished`, `demo.failed`) and one `dispose()` that ends all of it in order.
 * The faces only forward: events to their transport, `dispose()` to their shutdown.
 */
export interface Engine {
  appName: string
  appVersion: string
  configDir: string
  defaultProjectDir: string
  log: Log
  project: ProjectService
  /** Autosaved copies of unsaved work, and whether the wizard before this one crashed. */
  recovery: RecoveryStore
  prefs: PreferencesStore
  jobs: JobRegistry
  workers: WorkerPool
  /** Exports waiting to be fetched once by the browser (browser mode's downloads). */
  downloads: DownloadStore
  /** The demo deployment of this process, if one was started. */
  demo: DemoService
  /** Connection tests and the project's read-only database pools (SEC-12). */
  connections: ConnectionService
  /** Connection passwords: the keychain in Electron, environment or session elsewhere (SEC-09). */
  secrets: SecretStore
  events: { subscribe(listener: (event: EngineEvent) => void): () => void }
  /**
   * Cancels running jobs, writes a pending autosave (and the copy of unsaved work), closes the database pools, stops the demo,
   * ends the worker threads, deletes the downloads nobody fetched and removes the session marker
   * (the sign of a clean end). Idempotent; never throws
   * (failures go to the log).
   */
  dispose(): Promise<void>
}

export interface EngineOptions {
  /** Default: the platform's per-user config folder (see `defaultConfigDir`). */
  configDir?: string
  /** Default: the folder offered for new projects (see `defaultProjectDir`). */
  projectDir?: string
  autosaveMs?: number
  /** The most often the autosaved copy of unsaved work is written (default 1000 ms). */
  recoveryMs?: number
  /**
   * Where passwords are kept (SEC-09). Electron passes its keychain store; the default, for
   * browser mode and the CLI, reads the environment and keeps typed passwords for the session.
   */
  secrets?: SecretStore
  /** Timeouts of connection tests (tests shorten them). */
  connectionOptions?: ConnectionServiceOptions
  /** Default: the size-capped file `<configDir>/logs/cht-migrate.log`. */
  log?: Log
  /** The worker entry (default: `worker.js` beside the bundled engine). */
  workerScript?: string
  /** The demo deployment service (default: one that starts real demos; tests pass a stand-in). */
  demo?: DemoService
}

/** Builds the engine; the only `await` is reading the preferences. */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const configDir = options.configDir ?? defaultConfigDir()
  const log = options.log ?? createFileLog(logPathIn(configDir))
  const events = createEventHub<EngineEvent>(log)
  const demo = options.demo ?? createDemoService()
  const prefs = await createPreferencesStore(
    configDir,
    { userName: defaultUserName() },
    {
      warn: (message, error) => log.warn(message, error),
      // One rule however a demo's project was opened (demo start, as a file, `serve --demo`): a
      // file in a folder removed when its demo stops is never listed; it could not open again.
      excludeFromRecent: async (path) =>
        (await temporaryDemoFolderOf(path, demo.current, { registry: true })) !== null,
    },
  )
  const project = createProjectService({
    appVersion: APP_VERSION,
    log,
    ...(options.autosaveMs !== undefined ? { autosaveMs: options.autosaveMs } : {}),
  })
  // Before the recovery store: a crash is told from another running wizard by the markers.
  const session = await startSession(configDir, {
    appVersion: APP_VERSION,
    warn: (message, error) => log.warn(message, error),
  })
  const recovery = createRecoveryStore({
    configDir,
    project,
    appVersion: APP_VERSION,
    uncleanEnd: session.uncleanEnd,
    log,
    ...(options.recoveryMs !== undefined ? { intervalMs: options.recoveryMs } : {}),
  })
  const jobs = new JobRegistry({ log })
  const workers = createWorkerPool(
    options.workerScript === undefined ? {} : { script: options.workerScript },
  )
  const downloads = createDownloadStore()
  const connections = createConnectionService({
    log: (message, error) => log.error(message, error),
    ...options.connectionOptions,
  })
  // Demo servers left by a wizard that was killed (SIGKILL, a crash) are stopped and their
  // folders removed, in the background: nothing waits for it.
  void sweepOrphanedDemos({ log })

  // Pools belong to the open project: closed when it closes or another one replaces it.
  let openProjectId: string | null = null
  project.onChange(({ state, patch }) => {
    if (patch) events.emit({ type: 'project.patched', patch })
    else events.emit({ type: 'project.changed', project: state })
    const id = state?.document.id ?? null
    if (id === openProjectId) return
    openProjectId = id
    void connections.closeAll()
  })
  jobs.onEvent((event) => events.emit(event))
  demo.onFailure((message) => events.emit({ type: 'demo.failed', message }))

  let disposing: Promise<void> | null = null
  const step = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work()
    } catch (e) {
      log.error(`${what} failed while the wizard was stopping`, e)
    }
  }
  return {
    appName: APP_NAME,
    appVersion: APP_VERSION,
    configDir,
    defaultProjectDir: options.projectDir ?? defaultProjectDir(),
    log,
    project,
    recovery,
    prefs,
    jobs,
    workers,
    downloads,
    demo,
    connections,
    secrets: options.secrets ?? createEnvSessionSecretStore(),
    events: { subscribe: (listener) => events.subscribe(listener) },
    dispose() {
      disposing ??= (async () => {
        await step('cancelling the running jobs', () => jobs.cancelAll())
        await step('the last autosave', () => project.flush())
        // After the autosave: a project it saved has no unsaved work left to keep a copy of.
        await step('the autosaved copy of unsaved work', () => recovery.dispose())
        await step('closing the database pools', () => connections.closeAll())
        // The demo deployment lives as long as the wizard: its servers stop, its folder goes.
        await step('stopping the demo deployment', () => demo.stop())
        await step('ending the worker threads', () => workers.dispose())
        await step('deleting the waiting downloads', () => downloads.clear())
        // The very last step: without the marker, the next start knows this run ended cleanly.
        await step('removing the session marker', () => session.end())
      })()
      return disposing
    },
  }
}
