import { allDocs, type CouchSource } from './couch-source'
import { digestAgainst } from './couch-segments'
import { emptyDigests, segmentsOf, type IdRange, type SideDigests } from './segment-digest'
import type { PairHash } from './types'

/**
 * The CouchDB side of document parity: one streamed pass of `_all_docs` per database digested
 * against the run's segments, and range reads of the segments that differ.
 */

/** Rows per `_all_docs` page: big enough that a page's round trip is small against its rows. */
export const ALL_DOCS_PAGE = 10_000

/**
 * The digests of `db`'s live documents over `boundaries`: one pass of `_all_docs` (paged by
 * `startkey`, so memory holds one page), each pair hashed as the PostgreSQL sides hash theirs.
 * `onRows` hears how many documents were read so far, for progress.
 */
export async function couchDigests(
  source: CouchSource,
  db: string,
  boundaries: readonly string[],
  hash: PairHash,
  onRows: (read: number) => void = () => {},
): Promise<SideDigests> {
  let read = 0
  async function* counted() {
    for await (const pair of allDocs(source, db, { pageSize: ALL_DOCS_PAGE })) {
      read++
      if (read % ALL_DOCS_PAGE === 0) onRows(read)
      yield pair
    }
  }
  const segments = await digestAgainst(counted(), hash, segmentsOf(boundaries))
  onRows(read)
  const digests = emptyDigests(boundaries)
  digests.segments = segments
  return digests
}

/** The live documents of `db` in a range of ids, `id → rev`, read as a range of `_all_docs`. */
export async function couchRange(
  source: CouchSource,
  db: string,
  range: IdRange,
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const read = { pageSize: ALL_DOCS_PAGE, from: range.lo, to: range.hi }
  for await (const { id, rev } of allDocs(source, db, read)) out.set(id, rev)
  return out
}
