import { z } from 'zod'
import {
  itemStateSchema,
  projectDocumentSchema,
  projectMetaSchema,
  type ProjectDocument,
  type ProjectState,
} from './project-schema'
import { storedResultSchema } from './results/result-schema'

/**
 * Changes to the open project, sent instead of the whole document.
 *
 * A project can hold megabytes of results; sending all of it after every keystroke would make
 * each edit slow on a slow link and in a busy process. A patch carries the new meta (revision,
 * dirty, path…), the document's small fields when one of them changed, and only the items and
 * results that changed (null for one that was removed). A copy applies a patch only when it is at
 * the patch's `base` revision; otherwise it asks for the whole project again.
 */
export const projectHeadSchema = projectDocumentSchema.omit({ items: true, results: true })
export type ProjectHead = z.infer<typeof projectHeadSchema>

export const projectPatchSchema = z.object({
  documentId: z.string().max(200),
  /** The revision the patch applies to. */
  base: z.number().int().nonnegative(),
  meta: projectMetaSchema,
  head: projectHeadSchema.optional(),
  items: z.record(z.string().max(200), itemStateSchema.nullable()).optional(),
  results: z.record(z.string().max(200), storedResultSchema.nullable()).optional(),
})
export type ProjectPatch = z.infer<typeof projectPatchSchema>

const HEAD_KEYS = Object.keys(projectHeadSchema.shape) as (keyof ProjectHead)[]

/** The document's fields other than `items` and `results`. */
export function headOf(doc: ProjectDocument): ProjectHead {
  const head = {} as Record<string, unknown>
  for (const key of HEAD_KEYS) head[key] = doc[key]
  return head as ProjectHead
}

/** The entries of `next` that are not the same object in `prev`, and null for removed keys. */
function changedEntries<T>(
  prev: Record<string, T>,
  next: Record<string, T>,
): Record<string, T | null> | undefined {
  if (prev === next) return undefined
  const out: Record<string, T | null> = {}
  let any = false
  for (const [key, value] of Object.entries(next)) {
    if (prev[key] !== value) {
      out[key] = value
      any = true
    }
  }
  for (const key of Object.keys(prev)) {
    if (!(key in next)) {
      out[key] = null
      any = true
    }
  }
  return any ? out : undefined
}

/**
 * The patch from `prev` to `next`, two states of the same document.
 *
 * The engine changes documents without mutating them, copying only what changes, so comparing by
 * identity finds exactly the changed entries without looking inside them.
 */
export function diffProject(prev: ProjectState, next: ProjectState): ProjectPatch {
  const { document: prevDoc } = prev
  const { document: nextDoc, ...meta } = next
  const patch: ProjectPatch = { documentId: nextDoc.id, base: prev.revision, meta }
  if (HEAD_KEYS.some((key) => prevDoc[key] !== nextDoc[key])) patch.head = headOf(nextDoc)
  const items = changedEntries(prevDoc.items, nextDoc.items)
  if (items) patch.items = items
  const results = changedEntries(prevDoc.results, nextDoc.results)
  if (results) patch.results = results
  return patch
}

function applyEntries<T>(
  current: Record<string, T>,
  changes: Record<string, T | null> | undefined,
): Record<string, T> {
  if (!changes) return current
  const out = { ...current }
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete out[key]
    else out[key] = value
  }
  return out
}

/**
 * Applies a patch to a copy of the project; null when it does not apply (another document, or the
 * copy is not at the patch's base revision), in which case the caller reloads the whole project.
 * A patch the copy has already seen (its revision is not newer) leaves the copy as it is.
 */
export function applyProjectPatch(state: ProjectState, patch: ProjectPatch): ProjectState | null {
  if (state.document.id !== patch.documentId) return null
  if (patch.meta.revision <= state.revision) return state
  if (patch.base !== state.revision) return null
  const document: ProjectDocument = {
    ...state.document,
    ...(patch.head ?? {}),
    items: applyEntries(state.document.items, patch.items),
    results: applyEntries(state.document.results, patch.results),
  }
  return { ...patch.meta, document }
}
