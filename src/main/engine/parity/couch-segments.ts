import { AppError } from '../../../shared/result'
import { compareCodePoints } from '../workers/tasks/code-point-order'
import type { PairHash, Segment, SegmentDigest } from './types'
import { segmentIndexOf } from './segment-digest'

/** A pair as the CouchDB side streams it. */
export interface IdRevPair {
  id: string
  rev: string
}

/** One segment of the id space and the digest of the pairs that fall in it. */
export interface DigestedSegment {
  segment: Segment
  digest: SegmentDigest
}

const MASK = (1n << 64n) - 1n

/**
 * Cuts a stream of pairs, ordered by id in code-point order (as `allDocs` yields them), into
 * segments of `segmentSize` ids, and digests each: count and sum of `pairHash(id, rev)` modulo
 * 2^64. The boundaries are the first id of each segment after the first; the first segment is
 * open below and the last open above, so the segments cover every id (an empty stream gives one
 * segment, empty, covering all). Yields each segment once the next has begun (or the stream
 * ended): memory holds one segment's digest, whatever the stream's length.
 *
 * An id not strictly after the previous one would make the boundaries lie: refused with
 * `UNSUPPORTED`.
 */
export async function* cutSegments(
  pairs: AsyncIterable<IdRevPair> | Iterable<IdRevPair>,
  pairHash: PairHash,
  segmentSize: number,
): AsyncGenerator<DigestedSegment, void, undefined> {
  const size = Math.max(1, Math.floor(segmentSize))
  let index = 0
  let lo: string | null = null
  let count = 0
  let hash = 0n
  let previous: string | null = null
  for await (const { id, rev } of pairs) {
    if (previous !== null && compareCodePoints(id, previous) <= 0) {
      throw new AppError(
        'UNSUPPORTED',
        `The documents did not come in code-point order (${JSON.stringify(id.slice(0, 80))} after ${JSON.stringify(previous.slice(0, 80))}), so they cannot be cut into segments.`,
      )
    }
    previous = id
    if (count === size) {
      yield { segment: { index, lo, hi: id }, digest: { count, hash } }
      index++
      lo = id
      count = 0
      hash = 0n
    }
    count++
    hash = (hash + pairHash(id, rev)) & MASK
  }
  yield { segment: { index, lo, hi: null }, digest: { count, hash } }
}

/**
 * Digests a stream of pairs against segments decided elsewhere (the boundaries another side
 * cut): one digest per segment, in the segments' order. Each id is placed by a binary search over
 * the boundaries, so the stream's order does not matter. Throws `BAD_REQUEST` when the segments
 * do not cover an id (they must run from an open `lo` to an open `hi`, each `hi` the next `lo`).
 */
export async function digestAgainst(
  pairs: AsyncIterable<IdRevPair> | Iterable<IdRevPair>,
  pairHash: PairHash,
  segments: readonly Segment[],
): Promise<SegmentDigest[]> {
  checkCover(segments)
  const digests: SegmentDigest[] = segments.map(() => ({ count: 0, hash: 0n }))
  // Boundaries between segments: segment k holds ids >= bounds[k - 1] and < bounds[k].
  const bounds = segments.slice(1).map((s) => s.lo as string)
  for await (const { id, rev } of pairs) {
    const digest = digests[segmentIndexOf(id, bounds)] as SegmentDigest
    digest.count++
    digest.hash = (digest.hash + pairHash(id, rev)) & MASK
  }
  return digests
}

function checkCover(segments: readonly Segment[]): void {
  const refuse = (why: string) =>
    new AppError('BAD_REQUEST', `The segments do not cover every id: ${why}.`)
  if (segments.length === 0) throw refuse('there are none')
  if (segments[0]?.lo !== null) throw refuse('the first is not open below')
  if (segments.at(-1)?.hi !== null) throw refuse('the last is not open above')
  for (let k = 1; k < segments.length; k++) {
    const before = segments[k - 1] as Segment
    const segment = segments[k] as Segment
    if (segment.lo === null || before.hi !== segment.lo) throw refuse(`a gap before segment ${k}`)
    if (before.lo !== null && compareCodePoints(before.lo, segment.lo) >= 0) {
      throw refuse(`segment ${k} does not start after segment ${k - 1}`)
    }
  }
}
