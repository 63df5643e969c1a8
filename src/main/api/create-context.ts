import type { Face } from '../../shared/contract'
import {
  APP_NAME,
  APP_VERSION,
  defaultConfigDir,
  defaultProjectDir,
  defaultUserName,
} from '../engine/app-meta'
import {
  createConnectionService,
  type ConnectionServiceOptions,
} from '../engine/connections/connection-service'
import { createEnvSessionSecretStore, type SecretStore } from '../engine/connections/secret-store'
import { createDemoService } from '../engine/demo/demo-service'
import { JobRegistry } from '../engine/jobs/job-registry'
import { createPreferencesStore } from '../engine/prefs/preferences-store'
import { createProjectService } from '../engine/project/project-service'
import type { DialogProvider, HandlerContext } from './context'

export interface CreateContextOptions {
  face: Face
  /** Default: the platform's per-user config folder (see `defaultConfigDir`). */
  configDir?: string
  /** Default: the folder offered for new projects (see `defaultProjectDir`). */
  projectDir?: string
  dialogs: DialogProvider | null
  acceptTypedPath: (path: string, purpose: 'open' | 'save' | 'export') => boolean
  autosaveMs?: number
  /**
   * Where passwords are kept (SEC-09). Electron passes its keychain store; the default, for
   * browser mode and the CLI, reads the environment and keeps typed passwords for the session.
   */
  secrets?: SecretStore
  /** Timeouts of connection tests (tests shorten them). */
  connectionOptions?: ConnectionServiceOptions
}

/**
 * Builds the handler context every face passes to `dispatch`: the app's name and version, the
 * project store, the preferences (loaded from the config folder), the job registry, the
 * connection service (whose pools close whenever the open project closes or changes), the
 * secret store and the demo service (at most one demo deployment per process).
 *
 * The faces differ only in what they pass: their name, their dialogs (Electron only) and their
 * rule for typed paths (SEC-10).
 */
export async function createHandlerContext(options: CreateContextOptions): Promise<HandlerContext> {
  const prefs = await createPreferencesStore(options.configDir ?? defaultConfigDir(), {
    userName: defaultUserName(),
  })
  const project = createProjectService({
    appVersion: APP_VERSION,
    ...(options.autosaveMs !== undefined ? { autosaveMs: options.autosaveMs } : {}),
  })
  const connections = createConnectionService(options.connectionOptions)
  // Pools belong to the open project: closed when it closes or another one replaces it.
  let openProjectId: string | null = null
  project.onChange((state) => {
    const id = state?.document.id ?? null
    if (id === openProjectId) return
    openProjectId = id
    void connections.closeAll()
  })
  return {
    face: options.face,
    appName: APP_NAME,
    appVersion: APP_VERSION,
    defaultProjectDir: options.projectDir ?? defaultProjectDir(),
    project,
    prefs,
    jobs: new JobRegistry(),
    demo: createDemoService(),
    connections,
    secrets: options.secrets ?? createEnvSessionSecretStore(),
    dialogs: options.dialogs,
    acceptTypedPath: options.acceptTypedPath,
  }
}
