import { describe, expect, it } from 'vitest'
import { pairHash } from '../../../../src/main/engine/parity/pg-hash'
import {
  addPairs,
  assertBoundaries,
  differingSegments,
  emptyDigests,
  segmentIndexOf,
  segmentsOf,
} from '../../../../src/main/engine/parity/segment-digest'

const hash = pairHash('hashtextextended')

describe('segments in Node', () => {
  it('number ids like width_bucket, in code-point order', () => {
    const boundaries = ['b', 'd', '\uFFFD', '😀']
    expect(segmentIndexOf('a', boundaries)).toBe(0)
    expect(segmentIndexOf('b', boundaries)).toBe(1)
    expect(segmentIndexOf('c', boundaries)).toBe(1)
    expect(segmentIndexOf('d', boundaries)).toBe(2)
    // U+FFFD sorts below an astral character in code-point order (not in UTF-16 order).
    expect(segmentIndexOf('\uFFFE', boundaries)).toBe(3)
    expect(segmentIndexOf('😀', boundaries)).toBe(4)
    expect(segmentIndexOf('x', [])).toBe(0)
  })

  it('list the segments the boundaries make', () => {
    expect(segmentsOf(['m'])).toEqual([
      { index: 0, lo: null, hi: 'm' },
      { index: 1, lo: 'm', hi: null },
    ])
    expect(segmentsOf([])).toEqual([{ index: 0, lo: null, hi: null }])
  })

  it('refuse boundaries out of code-point order or repeated', () => {
    expect(() => assertBoundaries(['a', 'b', '😀'])).not.toThrow()
    expect(() => assertBoundaries(['😀', '\uFFFD'])).toThrow(/position 1/)
    expect(() => assertBoundaries(['a', 'a'])).toThrow(/ascending/)
  })

  it('digest live pairs modulo 2^64 and count stubs apart', () => {
    const boundaries = ['m']
    const d = addPairs(
      emptyDigests(boundaries),
      [
        { id: 'a', rev: '1-a', deleted: false },
        { id: 'b', rev: null, deleted: false },
        { id: 'z', rev: '2-z', deleted: true },
      ],
      boundaries,
      hash,
    )
    expect(d.segments[0]).toEqual({
      count: 2,
      hash: (hash('a', '1-a') + hash('b', '')) % (1n << 64n),
    })
    expect(d.segments[1]).toEqual({ count: 0, hash: 0n })
    expect(d.deleted).toEqual([0, 1])
  })

  it('find the segments whose count or hash differ', () => {
    const boundaries = ['m']
    const a = addPairs(
      emptyDigests(boundaries),
      [{ id: 'a', rev: '1', deleted: false }],
      boundaries,
      hash,
    )
    const b = addPairs(
      emptyDigests(boundaries),
      [{ id: 'a', rev: '2', deleted: false }],
      boundaries,
      hash,
    )
    expect(differingSegments(a, a)).toEqual([])
    expect(differingSegments(a, b)).toEqual([0])
    expect(() => differingSegments(a, emptyDigests([]))).toThrow(/different segment boundaries/)
  })
})
