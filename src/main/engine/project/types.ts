import type { Intent } from '../../../shared/intents'
import type { ProjectPatch } from '../../../shared/project-patch'
import type { ProjectDocument, ProjectState } from '../../../shared/project-schema'
import type { NewResult, StoredResult } from '../../../shared/results/result-schema'
import type { TeardownSettings } from '../../../shared/teardown/teardown-settings'

/**
 * What a listener hears after each change: the new state (null when no project is open), and
 * the patch from the previous state, or null when another project replaced it (opened, created,
 * closed): then the listener takes the whole state.
 */
export interface ProjectChange {
  state: ProjectState | null
  patch: ProjectPatch | null
}

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
  /**
   * Makes an autosaved copy (restored after a crash, already validated) the open project:
   * unsaved, bound to `path` (its original file, or null for a never-saved project), and never
   * autosaved over that file until the person saves it (`restoredFromAutosave`).
   */
  restore(document: ProjectDocument, path: string | null): Promise<ProjectState>
  /**
   * Saves to the current path; `NO_PROJECT` without a project, `BAD_REQUEST` without a path.
   * Answers with the patch of the save (path, dirty, last saved), not the whole document.
   */
  save(): Promise<ProjectPatch>
  saveAs(path: string): Promise<ProjectPatch>
  /** Closes the project (after flushing a pending autosave when it has a path). */
  close(): Promise<void>
  /**
   * Applies intents in order, stamping `who` and the time; schedules the debounced autosave.
   * Answers with the patch of the change, small whatever the size of the project.
   */
  update(intents: Intent[], who: string): Promise<ProjectPatch>
  /**
   * Stores results of automated runs (connection tests, checks, comparisons, inventories) in
   * `document.results`, each under its `id`; the previous result of that id moves into the new
   * one's bounded history. Validated first (`BAD_REQUEST`, nothing changed); marks the project
   * dirty and schedules the autosave like any edit. Returns the results as stored.
   */
  recordResults(results: NewResult[]): Promise<StoredResult[]>
  /**
   * Changes the Teardown step's engine-kept records (the verified backup, usage snapshots, the
   * audit trail), which no intent may set: `change` gets the current settings and returns the
   * new ones, validated first (`BAD_REQUEST`, nothing changed). Marks the project dirty.
   */
  recordTeardown(change: (current: TeardownSettings) => TeardownSettings): Promise<TeardownSettings>
  /** Waits for a pending autosave to finish (used before quitting and in tests). */
  flush(): Promise<void>
  onChange(listener: (change: ProjectChange) => void): () => void
}
