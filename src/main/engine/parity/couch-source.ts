import type { CouchSeq } from '../../../shared/couch-seq'
import { AppError } from '../../../shared/result'
import { compareCodePoints } from '../workers/tasks/code-point-order'
import { SMALL_ANSWER_BYTES, type CouchSource } from './couch-client'

export { openCouchSource, type CouchSource, type CouchSourceOptions } from './couch-client'

/** A live document as `_all_docs` lists it. */
export interface IdRev {
  id: string
  rev: string
}

/** What `lookup` learnt of one id: its winning revision and whether that is a deletion. */
export interface LookupEntry {
  rev: string
  deleted: boolean
}

/** A database's position and counts at one moment (reference 6.3). */
export interface CouchCheckpoint {
  /** Opaque: pass back verbatim, compare only for equality (src/shared/couch-seq.ts). */
  updateSeq: CouchSeq
  /** Live documents, design documents included; null when the server did not say. */
  docCount: number | null
  /** Deleted documents; null when the server did not say (never taken as 0). */
  docDelCount: number | null
}

/** The ids changed after a sequence, as far as `cap` allows. */
export interface ChangedIds {
  ids: string[]
  /** False when more than `cap` ids changed: `ids` then holds the first `cap` of them. */
  complete: boolean
  /** The sequence the feed reached (opaque); when not `complete`, that of the last full page. */
  lastSeq: CouchSeq | null
}

/** Bytes allowed per row of a listing: ids are short, but nothing forbids long ones. */
const BYTES_PER_ROW = 4096
const rowsBound = (rows: number) => SMALL_ANSWER_BYTES + rows * BYTES_PER_ROW

/** At most this many keys per `POST /_all_docs`. */
export const LOOKUP_CHUNK = 1000

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

const isSeq = (value: unknown): value is CouchSeq =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))

function rowsOf(answer: Record<string, unknown>, what: string): Record<string, unknown>[] {
  const rows = answer[what]
  if (!Array.isArray(rows)) {
    throw new AppError('IO_ERROR', `CouchDB’s answer has no “${what}” list.`, {
      endpoint: 'couchdb',
      kind: 'not_couchdb',
    })
  }
  return rows.filter(isObject)
}

/**
 * Every live document of `db` as `{ id, rev }`, in `_all_docs` order, design documents included;
 * with `from`/`to`, only the ids `from <= id < to` (either end open when absent), the range read
 * a segment's drill-down needs (CouchDB serves it from its B-tree, without reading the rest).
 *
 * Paged by `startkey` (the last id seen), never a large `skip`, so each page costs
 * the server a seek; memory holds one page whatever the database size. CouchDB lists ids in raw
 * (UTF-8 byte, i.e. code-point) order, the order segments assume: an id not after the previous
 * one in `compareCodePoints` order is a server that sorts otherwise, refused with `UNSUPPORTED`
 * rather than compared wrongly. Aborting the source's signal stops within one request.
 */
export async function* allDocs(
  source: CouchSource,
  db: string,
  options: { pageSize: number; from?: string | null; to?: string | null },
): AsyncGenerator<IdRev, void, undefined> {
  const pageSize = Math.max(1, Math.floor(options.pageSize))
  const end: Record<string, string | boolean> =
    options.to == null ? {} : { endkey: options.to, inclusive_end: false }
  let last: string | null = null
  for (;;) {
    // From the last id seen, one row more: that id itself comes first unless it was deleted
    // meanwhile (`skip=1` would then skip a document).
    const qs: Record<string, string | number | boolean> =
      last === null
        ? { limit: pageSize, ...(options.from == null ? {} : { startkey: options.from }), ...end }
        : { limit: pageSize + 1, startkey: last, ...end }
    const answer = await source.read({
      db,
      path: '_all_docs',
      qs,
      maxBytes: rowsBound(pageSize + 1),
    })
    let count = 0
    for (const row of rowsOf(answer, 'rows')) {
      const value = row.value
      if (typeof row.id !== 'string' || row.id === last) continue
      count++
      if (!isObject(value) || typeof value.rev !== 'string') continue
      if (last !== null && compareCodePoints(row.id, last) <= 0) throw outOfOrder(db, last, row.id)
      last = row.id
      yield { id: row.id, rev: value.rev }
    }
    if (count < pageSize) return
  }
}

function outOfOrder(db: string, before: string, after: string): AppError {
  return new AppError(
    'UNSUPPORTED',
    `The server lists the documents of “${db}” in an order other than CouchDB’s (code-point order): ${JSON.stringify(after.slice(0, 80))} came after ${JSON.stringify(before.slice(0, 80))}. Parity needs a CouchDB server.`,
    { endpoint: 'couchdb', kind: 'not_couchdb', db },
  )
}

/**
 * The winning revision of each id, with `POST /_all_docs` and `keys` in chunks of at most
 * `LOOKUP_CHUNK`: `{ rev, deleted: true }` for a deleted document, `{ rev, deleted: false }` for
 * a live one, and no entry for an id CouchDB has never held (`error: not_found`).
 */
export async function lookup(
  source: CouchSource,
  db: string,
  ids: readonly string[],
): Promise<Map<string, LookupEntry>> {
  const found = new Map<string, LookupEntry>()
  for (let start = 0; start < ids.length; start += LOOKUP_CHUNK) {
    const keys = ids.slice(start, start + LOOKUP_CHUNK)
    const answer = await source.read({
      db,
      path: '_all_docs',
      method: 'POST',
      body: { keys },
      maxBytes: rowsBound(keys.length),
    })
    for (const row of rowsOf(answer, 'rows')) {
      const value = row.value
      if (typeof row.key !== 'string' || !isObject(value) || typeof value.rev !== 'string') continue
      found.set(row.key, { rev: value.rev, deleted: value.deleted === true })
    }
  }
  return found
}

/**
 * `GET /<db>`: the opaque `update_seq` and the counts (null where the server gives none, never
 * 0), the mark parity records at its start (reference 6.3).
 */
export async function checkpoint(source: CouchSource, db: string): Promise<CouchCheckpoint> {
  const answer = await source.read({ db, maxBytes: SMALL_ANSWER_BYTES })
  if (!isSeq(answer.update_seq)) {
    throw new AppError('IO_ERROR', `CouchDB gave no update_seq for “${db}”.`, {
      endpoint: 'couchdb',
      kind: 'not_couchdb',
      db,
    })
  }
  return {
    updateSeq: answer.update_seq,
    docCount: isCount(answer.doc_count) ? answer.doc_count : null,
    docDelCount: isCount(answer.doc_del_count) ? answer.doc_del_count : null,
  }
}

/**
 * The backlog after a sequence: `_changes?since=<seq>&limit=0` answers `pending`, the exact
 * number of changes still to come; null from a server that does not say (CouchDB 1.x).
 */
export async function pending(
  source: CouchSource,
  db: string,
  since: CouchSeq,
): Promise<number | null> {
  const answer = await source.read({
    db,
    path: '_changes',
    qs: { since: String(since), limit: 0 },
    maxBytes: SMALL_ANSWER_BYTES,
  })
  return isCount(answer.pending) ? answer.pending : null
}

/**
 * The ids changed after `since` (a pipeline's checkpoint), read from `_changes` (winning
 * revisions only, no bodies) in pages that each resume from the previous `last_seq`. Parity
 * calls these documents "in flight", not mismatches. Stops once more than `cap` ids are known:
 * `complete` is then false and `ids` holds the first `cap`. Deletions count as changes.
 */
export async function changedSince(
  source: CouchSource,
  db: string,
  since: CouchSeq,
  cap: number,
  pageSize = 1000,
): Promise<ChangedIds> {
  const ids = new Set<string>()
  let seq: CouchSeq = since
  let lastSeq: CouchSeq | null = null
  for (;;) {
    const limit = Math.max(1, Math.min(pageSize, cap + 1 - ids.size))
    const answer = await source.read({
      db,
      path: '_changes',
      qs: { since: String(seq), limit, style: 'main_only' },
      maxBytes: rowsBound(limit),
    })
    const results = rowsOf(answer, 'results')
    for (const row of results) {
      if (typeof row.id !== 'string') continue
      ids.add(row.id)
      if (ids.size > cap) return { ids: [...ids].slice(0, cap), complete: false, lastSeq }
    }
    if (isSeq(answer.last_seq)) lastSeq = answer.last_seq
    const more = isCount(answer.pending) ? answer.pending > 0 : results.length >= limit
    if (!more || results.length === 0 || lastSeq === null) {
      return { ids: [...ids], complete: true, lastSeq }
    }
    seq = lastSeq
  }
}
