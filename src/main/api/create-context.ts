import type { Face } from '../../shared/contract'
import {
  APP_NAME,
  APP_VERSION,
  defaultConfigDir,
  defaultProjectDir,
  defaultUserName,
} from '../engine/app-meta'
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
}

/**
 * Builds the handler context every face passes to `dispatch`: the app's name and version, the
 * project store, the preferences (loaded from the config folder) and the job registry.
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
  return {
    face: options.face,
    appName: APP_NAME,
    appVersion: APP_VERSION,
    defaultProjectDir: options.projectDir ?? defaultProjectDir(),
    project,
    prefs,
    jobs: new JobRegistry(),
    dialogs: options.dialogs,
    acceptTypedPath: options.acceptTypedPath,
  }
}
