import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../src/shared/result'
import { compareCodePoints } from '../../../../src/main/engine/workers/tasks/code-point-order'
import { hash64 } from '../../../../src/main/engine/workers/tasks/hash64'
import { PAIR_SEPARATOR, type PairHash } from '../../../../src/main/engine/parity/types'
import {
  digestAgainst,
  cutSegments,
  type DigestedSegment,
  type IdRevPair,
} from '../../../../src/main/engine/parity/couch-segments'

const pairHash: PairHash = (id, rev) => {
  const [hi, lo] = hash64(`${id}${PAIR_SEPARATOR}${rev}`)
  return (BigInt(hi) << 32n) | BigInt(lo)
}

async function segments(pairs: IdRevPair[], size: number, hash = pairHash) {
  const out: DigestedSegment[] = []
  for await (const s of cutSegments(pairs, hash, size)) out.push(s)
  return out
}

const pairs = (...ids: string[]) => ids.map((id) => ({ id, rev: `1-${id.length}` }))

/** Ids whose code-point order differs from JavaScript's `<` and from most collations. */
const TRICKY = ['"q"', 'A', 'B', '_design/x', 'a', 'b', 'é', '\ue000', '\uffff', '\u{1F600}']

describe('cutSegments', () => {
  it('gives one empty segment covering everything for an empty stream', async () => {
    expect(await segments([], 3)).toEqual([
      { segment: { index: 0, lo: null, hi: null }, digest: { count: 0, hash: 0n } },
    ])
  })

  it('cuts every `size` ids, the boundaries being each segment’s first id', async () => {
    const ids = [...TRICKY].sort(compareCodePoints)
    const result = await segments(pairs(...ids), 3)
    expect(result.map((s) => s.segment)).toEqual([
      { index: 0, lo: null, hi: ids[3] },
      { index: 1, lo: ids[3], hi: ids[6] },
      { index: 2, lo: ids[6], hi: ids[9] },
      { index: 3, lo: ids[9], hi: null },
    ])
    expect(result.map((s) => s.digest.count)).toEqual([3, 3, 3, 1])
    const total = result.reduce((sum, s) => sum + s.digest.hash, 0n)
    const expected = ids.reduce((sum, id) => sum + pairHash(id, `1-${id.length}`), 0n)
    expect(BigInt.asUintN(64, total)).toBe(BigInt.asUintN(64, expected))
  })

  it('ends without an empty segment when the ids fill the last one exactly', async () => {
    const result = await segments(pairs('a', 'b', 'c', 'd'), 2)
    expect(result.map((s) => [s.segment.lo, s.segment.hi, s.digest.count])).toEqual([
      [null, 'c', 2],
      ['c', null, 2],
    ])
  })

  it('sums modulo 2^64', async () => {
    const max: PairHash = () => (1n << 64n) - 1n
    const [only] = await segments(pairs('a', 'b', 'c'), 10, max)
    expect(only?.digest).toEqual({ count: 3, hash: (1n << 64n) - 3n })
  })

  it('refuses ids out of code-point order (astral after U+E000 is in order)', async () => {
    await expect(segments(pairs('a', '\ue000', '\u{1F600}'), 2)).resolves.toHaveLength(2)
    const error = await segments(pairs('a', '\u{1F600}', '\ue000'), 2).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('UNSUPPORTED')
    await expect(segments(pairs('a', 'a'), 2)).rejects.toBeInstanceOf(AppError)
  })
})

describe('digestAgainst', () => {
  it('digests against boundaries from elsewhere, whatever the stream’s order', async () => {
    const ids = [...TRICKY].sort(compareCodePoints)
    const cut = await segments(pairs(...ids), 4)
    const shuffled = pairs(...[...ids].reverse())
    expect(
      await digestAgainst(
        shuffled,
        pairHash,
        cut.map((s) => s.segment),
      ),
    ).toEqual(cut.map((s) => s.digest))
  })

  it('puts ids on a boundary into the segment that starts there, and counts empty segments', async () => {
    const bounds = [
      { index: 0, lo: null, hi: 'b' },
      { index: 1, lo: 'b', hi: 'd' },
      { index: 2, lo: 'd', hi: null },
    ]
    const digests = await digestAgainst(pairs('b', 'c', 'a'), pairHash, bounds)
    expect(digests.map((d) => d.count)).toEqual([1, 2, 0])
  })

  it('refuses segments that do not cover every id', async () => {
    const refuse = (segments: Parameters<typeof digestAgainst>[2]) =>
      expect(digestAgainst([], pairHash, segments)).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    await refuse([])
    await refuse([{ index: 0, lo: 'a', hi: null }])
    await refuse([{ index: 0, lo: null, hi: 'a' }])
    await refuse([
      { index: 0, lo: null, hi: 'b' },
      { index: 1, lo: 'c', hi: null },
    ])
    await refuse([
      { index: 0, lo: null, hi: 'b' },
      { index: 1, lo: 'b', hi: 'a' },
      { index: 2, lo: 'a', hi: null },
    ])
  })
})
