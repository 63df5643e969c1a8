import type { StateCreator } from 'zustand'
import { applyProjectPatch, type ProjectPatch } from '../../../shared/project-patch'
import type { ProjectState } from '../../../shared/project-schema'
import type { Store } from './index'

/**
 * The renderer's copy of the open project, exactly as the engine last sent it.
 *
 * The renderer never edits this copy: it sends intents and replaces the copy with the engine's
 * answer or the next `project.changed` event.
 */
export interface ProjectSlice {
  project: ProjectState | null
  /**
   * Takes the engine's state as the new copy. With `onlyIfNewer`, a state of the same document
   * that is older than the copy is ignored: replies and change events can cross on the way.
   */
  replaceProject(next: ProjectState | null, options?: { onlyIfNewer?: boolean }): void
  /**
   * Applies a patch of the engine's (a reply or a `project.patched` event). Returns false when it
   * does not apply to the copy (another document, or a revision was missed): the caller then
   * asks for the whole project again.
   */
  applyPatch(patch: ProjectPatch): boolean
}

/**
 * Keeps the previous object wherever the new one is equal, so that narrow selectors (one item,
 * the results) only re-render what actually changed; every reply arrives as fresh JSON.
 */
function shareRecords<T>(prev: Record<string, T>, next: Record<string, T>): Record<string, T> {
  let same = Object.keys(prev).length === Object.keys(next).length
  const out: Record<string, T> = {}
  for (const [key, value] of Object.entries(next)) {
    const old = prev[key]
    if (old !== undefined && JSON.stringify(old) === JSON.stringify(value)) {
      out[key] = old
    } else {
      out[key] = value
      same = false
    }
  }
  return same ? prev : out
}

export function shareProject(prev: ProjectState | null, next: ProjectState | null) {
  if (!prev || !next || prev.document.id !== next.document.id) return next
  const items = shareRecords(prev.document.items, next.document.items)
  const results = shareRecords(prev.document.results, next.document.results)
  const settings =
    JSON.stringify(prev.document.settings) === JSON.stringify(next.document.settings)
      ? prev.document.settings
      : next.document.settings
  return { ...next, document: { ...next.document, items, results, settings } }
}

/** True when `next` is an earlier state of the same document than the copy (replies cross). */
function isOlder(next: ProjectState, current: ProjectState): boolean {
  if (next.document.id !== current.document.id) return false
  return next.revision < current.revision
}

export const createProjectSlice: StateCreator<Store, [], [], ProjectSlice> = (set, get) => ({
  project: null,
  replaceProject: (next, options) =>
    set((state) => {
      const current = state.project
      if (options?.onlyIfNewer && next && current && isOlder(next, current)) return {}
      return { project: shareProject(current, next) }
    }),
  applyPatch: (patch) => {
    const current = get().project
    if (!current) return false
    const next = applyProjectPatch(current, patch)
    if (!next) return false
    // A patch copies only what changed, so untouched items and results keep their identity.
    if (next !== current) set({ project: next })
    return true
  },
})
