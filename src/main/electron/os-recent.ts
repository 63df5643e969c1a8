import type { RecentEntry } from '../../shared/contract'

/** The part of Electron's `app` that keeps the operating system's recent documents. */
export interface OsRecentDocuments {
  addRecentDocument(path: string): void
  clearRecentDocuments(): void
}

/**
 * Keeps the operating system's recent documents (the Dock menu and File > Open Recent on macOS, the
 * taskbar jump list on Windows) equal to the wizard's own recent list, most recent first.
 *
 * Returns a function to call with the recent list whenever it may have changed; it only touches
 * the OS when the list did change. Linux desktops have no such list for Electron apps, so there
 * it does nothing.
 */
export function createOsRecentSync(
  os: OsRecentDocuments,
  platform: NodeJS.Platform,
): (recent: readonly RecentEntry[]) => void {
  if (platform !== 'darwin' && platform !== 'win32') return () => undefined
  let shown: string | null = null
  return (recent) => {
    const paths = recent.map((entry) => entry.path)
    const key = JSON.stringify(paths)
    if (key === shown) return
    shown = key
    os.clearRecentDocuments()
    // The OS puts the last one added on top, so the oldest goes first.
    for (const path of [...paths].reverse()) os.addRecentDocument(path)
  }
}
