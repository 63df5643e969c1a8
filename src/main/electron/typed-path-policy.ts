import type { PreferencesStore } from '../engine/prefs/types'

/** The Electron face's rule for file paths that arrive as strings rather than from a dialog. */
export interface TypedPathPolicy {
  accept(path: string, purpose: 'open' | 'save' | 'export'): boolean
  /** Lets the next `open` of exactly `path` through once: a project named on the command line. */
  allowOnce(path: string): void
}

/**
 * Builds the typed-path rule of SEC-10: in the desktop app, paths for open, save and export come
 * from native dialogs, so a path typed by the page is accepted only to open an entry of the
 * recent list. The main process may also pass a file the user named on the command line (or
 * opened from the file manager) once, through `allowOnce`. Save and export paths are never taken
 * from a string.
 */
export function createTypedPathPolicy(
  prefs: () => Pick<PreferencesStore, 'isRecent'>,
): TypedPathPolicy {
  const once = new Set<string>()
  return {
    accept(path, purpose) {
      if (purpose !== 'open') return false
      return once.delete(path) || prefs().isRecent(path)
    },
    allowOnce(path) {
      once.add(path)
    },
  }
}
