import { describe, expect, it } from 'vitest'
import { Prng } from '../../../../src/main/engine/demo/generator/prng'
import { segmentFinder } from '../../../../src/main/engine/parity/pg-drill'
import { segmentIndexOf } from '../../../../src/main/engine/parity/segment-digest'
import { compareCodePoints } from '../../../../src/main/engine/workers/tasks/code-point-order'

/** `segmentFinder` (the drill-down's filter in Node) agrees with `segmentIndexOf` everywhere. */
const CHARS = [...'0189af-_:~ AZé日😀\u0301']

function randomIds(n: number, seed: number, maxLength: number): string[] {
  const rng = new Prng(seed)
  return Array.from({ length: n }, () => {
    let id = ''
    const length = Math.floor(rng.next() * maxLength)
    for (let i = 0; i < length; i++) id += CHARS[Math.floor(rng.next() * CHARS.length)]
    return id
  })
}

const ascending = (list: string[]) =>
  [...new Set(list)].sort(compareCodePoints).filter((b) => b !== '')

describe('segmentFinder', () => {
  it('matches segmentIndexOf with short prefix boundaries, surrogates included', () => {
    const boundaries = ascending(randomIds(300, 1, 4))
    const find = segmentFinder(boundaries)
    for (const id of randomIds(5_000, 2, 12)) {
      expect(find(id)).toBe(segmentIndexOf(id, boundaries))
    }
  })

  it('matches segmentIndexOf with long (whole id) boundaries and with none', () => {
    const long = ascending(randomIds(300, 3, 30).map((id) => id + 'x'.repeat(20)))
    for (const boundaries of [long, []]) {
      const find = segmentFinder(boundaries)
      for (const id of randomIds(2_000, 4, 30)) {
        expect(find(id)).toBe(segmentIndexOf(id, boundaries))
      }
    }
  })
})
