import { describe, expect, it } from 'vitest'
import { compareCodePoints } from '../../../../src/main/engine/workers/tasks/code-point-order'
import { hash64, HashSum } from '../../../../src/main/engine/workers/tasks/hash64'
import { IdMerger, type IdChunk } from '../../../../src/main/engine/workers/tasks/id-merge'

const chunk = (pairs: [string, string | null][]): IdChunk => ({
  ids: pairs.map(([id]) => id),
  revs: pairs.map(([, rev]) => rev),
})

/** Feeds every source in chunks of `size`, advancing after each push, then ends them. */
function mergeAll(sources: [string, string | null][][], size = 2) {
  const merger = new IdMerger({ sources: sources.map((_, i) => `s${i}`), sampleLimit: 5 })
  const offsets = sources.map(() => 0)
  while (sources.some((s, i) => offsets[i]! < s.length)) {
    for (const i of merger.waitingFor()) {
      const source = sources[i]!
      if (offsets[i]! >= source.length) {
        merger.end(i)
        continue
      }
      merger.push(i, chunk(source.slice(offsets[i], offsets[i]! + size)))
      offsets[i]! += size
    }
    merger.advance()
  }
  for (const i of merger.waitingFor()) merger.end(i)
  merger.advance()
  expect(merger.finished).toBe(true)
  return merger.result()
}

describe('code-point order', () => {
  it('sorts astral characters after U+E000–U+FFFF, as UTF-8 bytes do', () => {
    const values = ['b', 'a', '\u{1F600}', '\uFB01', 'a\u0000', '', 'é', 'Z']
    const byBytes = [...values].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)))
    expect([...values].sort(compareCodePoints)).toEqual(byBytes)
    // JavaScript's own order differs here, which is why the comparator exists.
    expect(['\u{1F600}', '\uFB01'].sort()).toEqual(['\u{1F600}', '\uFB01'])
    expect(['\u{1F600}', '\uFB01'].sort(compareCodePoints)).toEqual(['\uFB01', '\u{1F600}'])
  })
})

describe('hash sums', () => {
  it('are the same for the same set in any order and differ for another set', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `id-${i}`)
    const sum = (list: string[]) => {
      const s = new HashSum()
      for (const id of list) s.add(hash64(id))
      return s.toHex()
    }
    expect(sum(ids)).toBe(sum([...ids].reverse()))
    expect(sum(ids)).not.toBe(sum([...ids.slice(1), 'id-x']))
    expect(sum(ids)).toMatch(/^[0-9a-f]{16}$/)
  })
})

describe('IdMerger', () => {
  it('finds nothing between identical sources and gives equal hashes', () => {
    const docs: [string, string][] = [
      ['a', '1-x'],
      ['b', '2-y'],
      ['c', '1-z'],
    ]
    const out = mergeAll([docs, docs])
    expect(out.matched).toBe(3)
    expect(out.partial).toEqual([])
    expect(out.revisionMismatch.count).toBe(0)
    expect(out.sources[0]!.hash).toBe(out.sources[1]!.hash)
    expect(out.sources.map((s) => s.count)).toEqual([3, 3])
  })

  it('classifies missing, extra, stale and duplicated ids across chunk boundaries', () => {
    const couch: [string, string][] = [
      ['a', '1-a'],
      ['b', '2-b'],
      ['c', '1-c'],
      ['e', '3-e'],
    ]
    const copy: [string, string][] = [
      ['a', '1-a'],
      ['b', '1-b'],
      ['d', '1-d'],
      ['e', '3-e'],
      ['e', '3-e'],
    ]
    for (const size of [1, 2, 3, 10]) {
      const out = mergeAll([couch, copy], size)
      expect(out.matched, `chunks of ${size}`).toBe(2)
      expect(out.revisionMismatch).toEqual({
        count: 1,
        samples: [{ id: 'b', revs: ['2-b', '1-b'] }],
      })
      expect(out.partial).toEqual([
        { present: [true, false], count: 1, samples: ['c'] },
        { present: [false, true], count: 1, samples: ['d'] },
      ])
      expect(out.duplicates).toEqual([{ source: 1, count: 1, samples: ['e'] }])
    }
  })

  it('handles empty sources and three-way merges', () => {
    const out = mergeAll([[], [['x', null]], [['x', null]]])
    expect(out.partial).toEqual([{ present: [false, true, true], count: 1, samples: ['x'] }])
    expect(out.sources.map((s) => s.count)).toEqual([0, 1, 1])
  })

  it('refuses a source that is not in code-point order', () => {
    expect(() =>
      mergeAll([
        [
          ['b', '1'],
          ['a', '1'],
        ],
        [['a', '1']],
      ]),
    ).toThrow(/not in code-point order/)
  })
})
