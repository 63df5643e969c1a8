import type { Intent } from '../../../shared/intents'
import type { CheckResult, ProjectState } from '../../../shared/project-schema'

/**
 * The engine's project store: owns the one open migration project document.
 *
 * Faces never edit the document; they call these methods (through the api handler table), and
 * listen for changes. Every write is atomic and keeps the previous file as `<path>.bak`.
 */
export interface ProjectService {
  /** The open project, or null. */
  readonly state: ProjectState | null
  /** Creates a new project in memory; with a path it is saved there at once. */
  create(name: string, path?: string): Promise<ProjectState>
  /**
   * Opens a project file (or, with `fromBackup`, its `.bak`). Never modifies the file. Throws
   * `AppError` with a `PROJECT_*` / `FILE_*` code naming the problem, and `details.backupPath` when a
   * loadable backup exists.
   */
  open(path: string, options?: { fromBackup?: boolean }): Promise<ProjectState>
  /** Saves to the current path; `NO_PROJECT` without a project, `BAD_REQUEST` without a path. */
  save(): Promise<ProjectState>
  saveAs(path: string): Promise<ProjectState>
  /** Closes the project (after flushing a pending autosave when it has a path). */
  close(): Promise<void>
  /** Applies intents in order, stamping `who` and the time; schedules the debounced autosave. */
  update(intents: Intent[], who: string): Promise<ProjectState>
  /**
   * Stores results of automated checks (a connection test, later the checks and parity runs) in
   * `document.results`, each under its `checkId`, replacing the previous result of that check.
   * Validated first (`BAD_REQUEST`, nothing changed); marks the project dirty and schedules the
   * autosave like any edit.
   */
  recordResults(results: CheckResult[]): Promise<ProjectState>
  /** Writes a Markdown summary of the checklist and evidence; returns the bytes written. */
  exportMarkdown(path: string): Promise<{ path: string; bytes: number }>
  /** Waits for a pending autosave to finish (used before quitting and in tests). */
  flush(): Promise<void>
  onChange(listener: (state: ProjectState | null) => void): () => void
}
