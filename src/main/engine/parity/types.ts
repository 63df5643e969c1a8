/**
 * The shared vocabulary of document parity: segments of the id space in code-point order (the
 * order of CouchDB's `_all_docs` and of `COLLATE "C"` in PostgreSQL, whatever a database's own
 * collation), and the digest of one segment on one side.
 *
 * CouchDB is read in Node, the two PostgreSQL databases are digested on their servers: the three
 * sides agree on a segment when their counts and 64-bit hash sums agree, so only the segments
 * that differ are drilled into.
 */

/** The ids `lo <= id < hi` in code-point order; null is open-ended. Segments cover all ids. */
export interface Segment {
  index: number
  lo: string | null
  hi: string | null
}

/** One side's digest of a segment: how many `(id, rev)` pairs, and the sum of their hashes. */
export interface SegmentDigest {
  count: number
  /** Sum of the pairs' 64-bit hashes modulo 2^64 (an unsigned value). */
  hash: bigint
}

/** One document as a side holds it. `rev` null: a side that keeps no revision. */
export interface DocRev {
  id: string
  rev: string | null
  /** True for a deletion (CouchDB's tombstone, CHT Sync's `_deleted` stub). */
  deleted: boolean
}

/**
 * The hash of a pair, the same in Node and in PostgreSQL for the same `(id, rev)`: see
 * `pg-hash.ts` for the kinds and the SQL that computes each on a server.
 */
export type PairHash = (id: string, rev: string) => bigint

/** The separator between id and revision in a hashed pair (a control character ids lack). */
export const PAIR_SEPARATOR = '\u001f'
