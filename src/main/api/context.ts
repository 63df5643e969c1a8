import type { Face } from '../../shared/contract'
import type { ConnectionService } from '../engine/connections/connection-service'
import type { SecretStore } from '../engine/connections/secret-store'
import type { DemoService } from '../engine/demo/demo-service'
import type { JobRegistry } from '../engine/jobs/job-registry'
import type { PreferencesStore } from '../engine/prefs/types'
import type { ProjectService } from '../engine/project/types'

/** Native file dialogs; only the Electron face has them (SEC-10). */
export interface DialogProvider {
  chooseOpenPath(): Promise<string | null>
  chooseSavePath(suggestedName: string, kind: 'project' | 'markdown'): Promise<string | null>
}

/**
 * Everything a handler may use. Each face builds one and passes it to `dispatch`.
 *
 * `acceptTypedPath` is the face's rule for paths typed in the renderer: browser mode and the CLI
 * accept them (the user typed them on their own machine); Electron accepts only the recent list
 * and otherwise uses its native dialogs (SEC-10).
 */
export interface HandlerContext {
  face: Face
  appName: string
  appVersion: string
  defaultProjectDir: string
  project: ProjectService
  prefs: PreferencesStore
  jobs: JobRegistry
  /** The demo deployment of this process, if one was started (stopped when the face quits). */
  demo: DemoService
  /** Connection tests and the project's read-only database pools (SEC-12). */
  connections: ConnectionService
  /** Connection passwords: the keychain in Electron, environment or session elsewhere (SEC-09). */
  secrets: SecretStore
  dialogs: DialogProvider | null
  acceptTypedPath(path: string, purpose: 'open' | 'save' | 'export'): boolean
}
