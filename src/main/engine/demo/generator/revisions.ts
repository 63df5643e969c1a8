import { attachmentStubs } from './attachments'
import type { DocFate } from './fate'
import type { Prng } from './prng'
import type { CouchDoc } from './types'

/** A document body before it gets its revision: `_id` and fields, no `_rev`. */
export type Body = { _id: string } & Record<string, unknown>

/**
 * Gives a body its revision history, as CouchDB would have after `fate.revisions` writes.
 *
 * Revision ids are 32 hex digits from the generator (CouchDB's are MD5 digests: same shape).
 * `earlier` turns the current body into the one of the revision before, so that a stale copy
 * really differs; for a deleted document the current revision is the tombstone and `previous`
 * is its last live body.
 */
export function withRevisions(
  body: Body,
  fate: DocFate,
  prng: Prng,
  earlier: (body: Body) => Body,
): { doc: CouchDoc; previous: CouchDoc | null } {
  const n = fate.revisions
  const ids: string[] = []
  for (let i = 0; i < n; i++) ids.push(prng.hex(32))
  const revisions = { start: n, ids }
  const rev = (k: number) => `${k}-${ids[n - k]}`
  if (fate.deleted) {
    const doc: CouchDoc = { _id: body._id, _rev: rev(n), _deleted: true, _revisions: revisions }
    return { doc, previous: { ...body, _rev: rev(n - 1) } }
  }
  const doc: CouchDoc = { ...body, _rev: rev(n), _revisions: revisions }
  if (n === 1) return { doc, previous: null }
  return { doc, previous: { ...earlier(body), _id: body._id, _rev: rev(n - 1) } }
}

/** The history of the revision before the current one (for writing it first, on its own). */
export function previousRevisions(revisions: { start: number; ids: string[] }) {
  return { start: revisions.start - 1, ids: revisions.ids.slice(1) }
}

/**
 * A copy of the document as CouchDB returns it and the pipelines store it: without `_revisions`,
 * attachments as stubs.
 */
export function stored(doc: CouchDoc): CouchDoc {
  if (!('_revisions' in doc)) return attachmentStubs(doc)
  const { _revisions: _omit, ...rest } = doc
  return attachmentStubs(rest as CouchDoc)
}
