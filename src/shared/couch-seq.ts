/**
 * What the wizard may do with a CouchDB sequence (`update_seq`, `last_seq`, a `_changes` row's
 * `seq`, a pipeline's `couchdb_progress.seq`).
 *
 * Sequences are opaque. CouchDB 2 and 3 write `<number>-<opaque>` (`2342-g1AAAAFxeJzL…`): the
 * opaque part names every shard's position and the number is only the sum of the shards'
 * counters, so two sequences cannot be ordered by it and nothing can be computed from it but an
 * estimate. CouchDB 1.x and PouchDB write plain integers. Store a sequence as text, pass it back
 * verbatim (`since=<seq>`), compare it only for equality, and ask the server for what it means:
 * `GET /<db>/_changes?since=<seq>&limit=0` answers `pending`, the exact backlog.
 */

/** A sequence as a server gives it: a string (CouchDB 2+) or an integer (CouchDB 1.x, PouchDB). */
export type CouchSeq = string | number

const NUMERIC_PREFIX = /^(\d+)(?:-[\s\S]*)?$/

/**
 * The number a sequence starts with (`2342` of `2342-g1AAAA…`), or a plain integer sequence;
 * null for anything else. For display and rough estimates only, as CHT Watchdog's backlog panel
 * does with `split_part(seq, '-', 1)`: the difference of two such numbers is not a count of
 * changes, and a larger number is not a later sequence.
 */
export function seqNumber(seq: unknown): number | null {
  if (typeof seq === 'number') return Number.isSafeInteger(seq) && seq >= 0 ? seq : null
  // BigCouch 0.4 and early CouchDB 2 clients sometimes hold `[number, "opaque"]`.
  if (Array.isArray(seq)) return typeof seq[0] === 'number' ? seqNumber(seq[0]) : null
  if (typeof seq !== 'string') return null
  const match = NUMERIC_PREFIX.exec(seq.trim())
  if (!match) return null
  const n = Number(match[1])
  return Number.isSafeInteger(n) ? n : null
}

/**
 * Whether two sequences are the same: equal text of what the server said (an integer and its
 * decimal text are the same, since PostgreSQL stores what CouchDB 1.x answered as text). Never
 * an ordering: sequences of a clustered CouchDB have none a client can compute.
 */
export function sameSeq(a: unknown, b: unknown): boolean {
  const text = (seq: unknown) =>
    typeof seq === 'string'
      ? seq
      : typeof seq === 'number' && Number.isFinite(seq)
        ? String(seq)
        : null
  const left = text(a)
  return left !== null && left === text(b)
}
