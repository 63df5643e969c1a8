import type { Preferences } from '../../../shared/contract'

/**
 * Per-user preferences kept outside any project: the name used for "who" (empty until the person
 * confirms it), their role, and the recent project files. Stored as JSON in the face's config
 * directory, written atomically.
 */
export interface PreferencesStore {
  get(): Preferences
  /**
   * Confirms who is using the wizard: the name (trimmed, at most 200 characters, not empty) and
   * the role (left out keeps it; empty clears it). A failed write is reported to the caller.
   */
  setIdentity(identity: { userName: string; userRole?: string }): Promise<Preferences>
  /**
   * Moves `path` to the top of the recent list (at most 10 entries, no duplicates), unless the
   * store's rule excludes it (a file in a demo's temporary folder): then it is taken off the list.
   * A failed write is only logged.
   */
  addRecent(path: string, name: string): Promise<Preferences>
  /** Takes `path` off the recent list; a failed write is reported to the caller. */
  removeRecent(path: string): Promise<Preferences>
  isRecent(path: string): boolean
}
