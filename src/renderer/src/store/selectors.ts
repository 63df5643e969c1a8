import type { CheckResult, ItemState, ProjectSettings } from '../../../shared/project-schema'
import { DEFAULT_STALE_AFTER_DAYS } from '../../../shared/project-schema'
import type { Store } from './index'

// Stable fallbacks: a selector must not return a fresh object on every call.
const NO_ITEMS: Record<string, ItemState> = {}
const NO_RESULTS: Record<string, CheckResult> = {}
const DEFAULT_SETTINGS: ProjectSettings = { staleAfterDays: DEFAULT_STALE_AFTER_DAYS }

/** Narrow selectors over the project copy, shared by the pages. */
export const selectItems = (s: Store) => s.project?.document.items ?? NO_ITEMS
export const selectResults = (s: Store) => s.project?.document.results ?? NO_RESULTS
export const selectSettings = (s: Store) => s.project?.document.settings ?? DEFAULT_SETTINGS
export const selectItem = (itemId: string) => (s: Store) => s.project?.document.items[itemId]
