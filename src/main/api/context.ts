import type { Face } from '../../shared/contract'
import type { ReportFormat } from '../../shared/report/formats'
import type { Engine } from '../engine/engine'

/** What a save dialog saves: the project, or an export of the plan in one of its formats. */
export type SaveKind = 'project' | ReportFormat

/** What the person chose after the warning that a path lies in a demo's temporary folder. */
export type DemoFolderChoice = 'elsewhere' | 'proceed' | 'cancel'

/** Native file dialogs; only the Electron face has them (SEC-10). */
export interface DialogProvider {
  chooseOpenPath(): Promise<string | null>
  /** CHT Sync's `.env` or Helm `values.yaml`, for the checks. */
  chooseConfigPath(kind: 'env' | 'values'): Promise<string | null>
  /** Where to save the project or an export; `suggestedName` is the project's name. */
  chooseSavePath(suggestedName: string, kind: SaveKind): Promise<string | null>
  /** A folder to write into (the dbt scaffolds), or null when dismissed. */
  chooseFolder(title: string): Promise<string | null>
  /** An existing dump of the couch2pg database to verify and record, or null when dismissed. */
  chooseBackupFile(): Promise<string | null>
  /**
   * Warns that `path` is inside `demoDir`, which is removed when the demo stops, and asks whether
   * to choose another place, go on, or cancel.
   */
  confirmDemoFolder(path: string, demoDir: string, kind: SaveKind): Promise<DemoFolderChoice>
}

/**
 * Everything a handler may use: the engine, and what differs between faces. Each face builds
 * one and passes it to `dispatch`.
 *
 * `acceptTypedPath` is the face's rule for paths typed in the renderer: browser mode and the CLI
 * accept them (the user typed them on their own machine); Electron accepts only the recent list
 * and otherwise uses its native dialogs (SEC-10).
 */
export interface HandlerContext extends Engine {
  face: Face
  dialogs: DialogProvider | null
  acceptTypedPath(path: string, purpose: 'open' | 'save' | 'export'): boolean
}
