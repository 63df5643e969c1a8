import { compareCodePoints } from '../workers/tasks/code-point-order'
import type { DocRev, PairHash, Segment, SegmentDigest } from './types'

/**
 * Segments in Node: which segment an id falls in, the segments a list of boundaries makes, and
 * one side's digests computed from its pairs. The same arithmetic PostgreSQL's
 * `width_bucket(id COLLATE "C", boundaries)` does on a server (see `pg-segments.ts`).
 */

/** One side's digests: per segment the live pairs' count and hash sum, and deletion stubs. */
export interface SideDigests {
  /** Index i is segment i; `boundaries.length + 1` entries. */
  segments: SegmentDigest[]
  /** Deletion stubs per segment (CHT Sync's `_deleted` rows), not part of `segments`. */
  deleted: number[]
  /** Rows without an id (no segment); zero in any sane database. */
  unkeyed: number
}

const MOD = 1n << 64n

/** Throws unless `boundaries` are strictly ascending in code-point order. */
export function assertBoundaries(boundaries: readonly string[]): void {
  for (let i = 1; i < boundaries.length; i++) {
    if (compareCodePoints(boundaries[i - 1]!, boundaries[i]!) >= 0) {
      throw new Error(`Segment boundaries are not strictly ascending at position ${i}.`)
    }
  }
}

/**
 * The segment of `id`: 0 below the first boundary, i for `boundaries[i-1] <= id <
 * boundaries[i]`, `boundaries.length` from the last one on (`width_bucket`'s numbering).
 */
export function segmentIndexOf(id: string, boundaries: readonly string[]): number {
  let lo = 0
  let hi = boundaries.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareCodePoints(id, boundaries[mid]!) >= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The `boundaries.length + 1` segments the boundaries cut the id space into. */
export function segmentsOf(boundaries: readonly string[]): Segment[] {
  return Array.from({ length: boundaries.length + 1 }, (_, index) => ({
    index,
    lo: index === 0 ? null : boundaries[index - 1]!,
    hi: index === boundaries.length ? null : boundaries[index]!,
  }))
}

/** Ids `lo <= id < hi` in code-point order; a null end is open. */
export interface IdRange {
  lo: string | null
  hi: string | null
}

/**
 * The runs of adjacent segments among `chosen` (ascending segment indexes) as id ranges, so a
 * drill-down reads each run once: `[2, 3, 4, 7]` gives the range of segments 2–4 and that of 7.
 */
export function segmentRanges(boundaries: readonly string[], chosen: readonly number[]): IdRange[] {
  const segments = segmentsOf(boundaries)
  const out: IdRange[] = []
  let at = 0
  while (at < chosen.length) {
    let end = at
    while (end + 1 < chosen.length && chosen[end + 1] === chosen[end]! + 1) end++
    out.push({ lo: segments[chosen[at]!]!.lo, hi: segments[chosen[end]!]!.hi })
    at = end + 1
  }
  return out
}

/** Empty digests for `boundaries`. */
export function emptyDigests(boundaries: readonly string[]): SideDigests {
  const n = boundaries.length + 1
  return {
    segments: Array.from({ length: n }, () => ({ count: 0, hash: 0n })),
    deleted: new Array<number>(n).fill(0),
    unkeyed: 0,
  }
}

/**
 * Adds pairs to `digests` in place: live pairs to their segment's count and hash sum (modulo
 * 2^64; a missing revision hashes as ''), deletions to its stub count.
 */
export function addPairs(
  digests: SideDigests,
  pairs: Iterable<DocRev>,
  boundaries: readonly string[],
  hash: PairHash,
): SideDigests {
  for (const pair of pairs) {
    const i = segmentIndexOf(pair.id, boundaries)
    if (pair.deleted) {
      digests.deleted[i]! += 1
      continue
    }
    const segment = digests.segments[i]!
    segment.count += 1
    segment.hash = (segment.hash + hash(pair.id, pair.rev ?? '')) % MOD
  }
  return digests
}

/** The indexes of segments whose count or hash differ between two sides' digests. */
export function differingSegments(a: SideDigests, b: SideDigests): number[] {
  if (a.segments.length !== b.segments.length) {
    throw new Error('The two sides were digested over different segment boundaries.')
  }
  const out: number[] = []
  a.segments.forEach((s, i) => {
    const t = b.segments[i]!
    if (s.count !== t.count || s.hash !== t.hash) out.push(i)
  })
  return out
}
