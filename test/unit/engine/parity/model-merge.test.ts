import { describe, expect, it } from 'vitest'
import {
  BatchQueue,
  compareCodePoints,
  compareKeys,
  mergeByKey,
  RowReader,
} from '../../../../src/main/engine/parity/model-merge'

/** Byte order of UTF-8: what PostgreSQL's `COLLATE "C"` sorts by. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b))

const ALPHABET = ['a', 'B', 'é', 'Z', '_', '-', "'", '中', '\uFFFD', '\uE000', '😀', '🙂', '𝒜', 'Ω']
const randomText = (random: () => number) =>
  Array.from(
    { length: 1 + Math.floor(random() * 4) },
    () => ALPHABET[Math.floor(random() * ALPHABET.length)],
  ).join('')

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number) {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31
    return s / 2 ** 31
  }
}

function readerOf<T>(rows: T[], batch = 3): RowReader<T> {
  const queue = new BatchQueue<T>()
  void (async () => {
    for (let i = 0; i < rows.length; i += batch) await queue.push(rows.slice(i, i + batch))
    queue.end()
  })()
  return new RowReader(queue)
}

describe('code-point order', () => {
  it('agrees with UTF-8 byte order, unlike UTF-16 comparison', () => {
    expect('\uFFFD' < '😀').toBe(false) // UTF-16 puts the surrogate pair first
    expect(compareCodePoints('\uFFFD', '😀')).toBeLessThan(0)
    const random = seeded(42)
    for (let i = 0; i < 2_000; i++) {
      const a = randomText(random)
      const b = randomText(random)
      expect(Math.sign(compareCodePoints(a, b)), `${a} vs ${b}`).toBe(Math.sign(byBytes(a, b)))
    }
  })

  it('compares composite keys part by part, null first', () => {
    expect(compareKeys(['a', null], ['a', 'b'])).toBeLessThan(0)
    expect(compareKeys([null, 'z'], ['a', 'a'])).toBeLessThan(0)
    expect(compareKeys(['a', 'b'], ['a', 'b'])).toBe(0)
    expect(compareKeys(['b', 'a'], ['a', 'z'])).toBeGreaterThan(0)
  })
})

describe('mergeByKey', () => {
  it('finds keys on one side only, pairs, and repeats, whatever the batch sizes', async () => {
    const random = seeded(7)
    for (let round = 0; round < 50; round++) {
      const universe = [...new Set(Array.from({ length: 40 }, () => randomText(random)))]
      const old = universe.filter(() => random() < 0.8)
      const next = universe.filter(() => random() < 0.8)
      const repeated = old.length > 0 && random() < 0.5 ? [old[0] as string] : []
      const sorted = (keys: string[]) => [...keys].sort(byBytes).map((k) => ({ k }))
      const seen = { onlyOld: [] as string[], onlyNew: [] as string[], both: [] as string[] }
      let repeats = 0
      await mergeByKey(
        readerOf(sorted([...old, ...repeated]), 1 + Math.floor(random() * 5)),
        readerOf(sorted(next), 1 + Math.floor(random() * 5)),
        (row) => [row.k],
        {
          onlyOld: (r) => seen.onlyOld.push(r.k),
          onlyNew: (r) => seen.onlyNew.push(r.k),
          both: (a, b) => {
            expect(a.k).toBe(b.k)
            seen.both.push(a.k)
          },
          repeated: () => repeats++,
        },
      )
      const inNew = new Set(next)
      const inOld = new Set(old)
      expect(seen.onlyOld.sort()).toEqual(old.filter((k) => !inNew.has(k)).sort())
      expect(seen.onlyNew.sort()).toEqual(next.filter((k) => !inOld.has(k)).sort())
      expect(seen.both.sort()).toEqual(old.filter((k) => inNew.has(k)).sort())
      expect(repeats).toBe(repeated.length)
    }
  })

  it('handles empty sides', async () => {
    const found: string[] = []
    await mergeByKey(readerOf<{ k: string }>([]), readerOf([{ k: 'a' }]), (r) => [r.k], {
      onlyOld: () => found.push('old'),
      onlyNew: (r) => found.push(`new ${r.k}`),
      both: () => found.push('both'),
      repeated: () => found.push('repeat'),
    })
    expect(found).toEqual(['new a'])
  })
})

describe('BatchQueue', () => {
  it('holds the producer back until the consumer takes a batch, and passes a failure on', async () => {
    const queue = new BatchQueue<number>(1)
    await queue.push([1])
    let second = false
    const pushing = queue.push([2]).then(() => (second = true))
    await Promise.resolve()
    expect(second).toBe(false)
    expect(await queue.next()).toEqual([1])
    await pushing
    expect(second).toBe(true)
    queue.fail(new Error('scan failed'))
    await expect(queue.next()).rejects.toThrow('scan failed')
  })

  it('lets a waiting producer go when the consumer gives up', async () => {
    const queue = new BatchQueue<number>(1)
    await queue.push([1])
    const pushing = queue.push([2])
    queue.end()
    await expect(pushing).resolves.toBeUndefined()
  })
})
