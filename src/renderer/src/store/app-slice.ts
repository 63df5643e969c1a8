import type { StateCreator } from 'zustand'
import type { AppInfo, Preferences, RecentListEntry } from '../../../shared/contract'
import type { RecoveryEntry } from '../../../shared/contract-recovery'
import type { ErrorCode } from '../../../shared/result'
import type { Store } from './index'

/** A failure to show in the alert banner: what was attempted, and what the engine said. */
export interface ErrorBanner {
  /** What failed, e.g. “Could not open plan.chtmig.json”. */
  title: string
  message: string
  code: ErrorCode
  /** The file involved, shown in full. */
  path?: string
  /** A loadable backup of `path`, offered as “Open the backup copy”. */
  backupPath?: string
  /** True when the engine read the file and refused it: it says so, and it did not change it. */
  fileUnchanged?: boolean
}

export interface AppSlice {
  appState: 'loading' | 'ready'
  info: AppInfo | null
  preferences: Preferences
  /** The recent list as the engine last checked it (`missing` marks files that are gone). */
  recent: RecentListEntry[]
  /** Autosaved copies of unsaved work left by a wizard that no longer runs. */
  recovery: RecoveryEntry[]
  error: ErrorBanner | null
  /** A visible confirmation of something that happened out of sight (an export, a copy). */
  notice: string | null
  setReady(info: AppInfo | null): void
  setPreferences(preferences: Preferences): void
  setRecent(recent: RecentListEntry[]): void
  setRecovery(recovery: RecoveryEntry[]): void
  showError(error: ErrorBanner): void
  clearError(): void
  showNotice(notice: string | null): void
}

export const createAppSlice: StateCreator<Store, [], [], AppSlice> = (set) => ({
  appState: 'loading',
  info: null,
  preferences: {
    userName: '',
    userRole: '',
    identityConfirmed: false,
    suggestedUserName: '',
    recent: [],
  },
  recent: [],
  recovery: [],
  error: null,
  notice: null,
  setReady: (info) => set({ appState: 'ready', info }),
  setPreferences: (preferences) => set({ preferences }),
  setRecent: (recent) => set({ recent }),
  setRecovery: (recovery) => set({ recovery }),
  showError: (error) => set({ error }),
  clearError: () => set({ error: null }),
  showNotice: (notice) => set({ notice }),
})
