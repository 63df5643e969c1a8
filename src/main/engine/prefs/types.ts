import type { Preferences } from '../../../shared/contract'

/**
 * Per-user preferences kept outside any project: the display name used for "who", and the
 * recent project files. Stored as JSON in the face's config directory, written atomically.
 */
export interface PreferencesStore {
  get(): Preferences
  setUserName(name: string): Promise<Preferences>
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
