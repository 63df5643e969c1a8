import type { JobSnapshot } from '../../../shared/jobs'
import type { ItemState, ProjectSettings, StoredResult } from '../../../shared/project-schema'
import { DEFAULT_STALE_AFTER_DAYS } from '../../../shared/project-schema'
import type { Store } from './index'

// Stable fallbacks: a selector must not return a fresh object on every call.
const NO_ITEMS: Record<string, ItemState> = {}
const NO_RESULTS: Record<string, StoredResult> = {}
const DEFAULT_SETTINGS: ProjectSettings = { staleAfterDays: DEFAULT_STALE_AFTER_DAYS }

/** Narrow selectors over the project copy, shared by the pages. */
export const selectItems = (s: Store) => s.project?.document.items ?? NO_ITEMS
export const selectResults = (s: Store) => s.project?.document.results ?? NO_RESULTS
export const selectSettings = (s: Store) => s.project?.document.settings ?? DEFAULT_SETTINGS
export const selectItem = (itemId: string) => (s: Store) => s.project?.document.items[itemId]

/** The newest running job of a kind (a demo start, a parity run), if one runs. */
export const selectRunningJob = (kind: string) => (s: Store) => {
  let newest: JobSnapshot | undefined
  for (const job of Object.values(s.jobs)) {
    if (job.kind !== kind || job.state !== 'running') continue
    if (!newest || Date.parse(job.startedAt) > Date.parse(newest.startedAt)) newest = job
  }
  return newest
}
