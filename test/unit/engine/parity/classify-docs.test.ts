import { describe, expect, it } from 'vitest'
import {
  classifyPair,
  revGeneration,
  type SideHolding,
} from '../../../../src/main/engine/parity/classify-docs'
import { Prng } from '../../../../src/main/engine/demo/generator/prng'

const none: SideHolding = { rows: [] }
const live = (rev: string): SideHolding => ({ rows: [{ rev, deleted: false }] })
const gone = (rev: string | null): SideHolding => ({ rows: [{ rev, deleted: true }] })

describe('classifyPair', () => {
  it('agrees on equal revisions, and on every form of deletion', () => {
    expect(classifyPair(live('2-a'), live('2-a'))).toBeNull()
    expect(classifyPair(gone('3-d'), none)).toBeNull()
    expect(classifyPair(none, gone('3-d'))).toBeNull()
    expect(classifyPair(gone('3-d'), gone('3-d'))).toBeNull()
    expect(classifyPair(none, none)).toBeNull()
  })

  it('names each difference', () => {
    expect(classifyPair(live('1-a'), none)?.class).toBe('missing_in_new')
    expect(classifyPair(none, live('1-a'))?.class).toBe('extra_in_new')
    expect(classifyPair(none, live('1-a'), { deletedAtSource: true })?.class).toBe(
      'deleted_but_present',
    )
    expect(classifyPair(gone('2-d'), live('1-a'))?.class).toBe('deleted_but_present')
    expect(classifyPair(live('1-a'), gone('2-d'))?.class).toBe('present_but_deleted')
    expect(classifyPair(live('3-c'), live('2-b'))).toMatchObject({
      class: 'stale_in_new',
      oldRev: '3-c',
      newRev: '2-b',
    })
    expect(classifyPair(live('2-b'), live('10-z'))?.class).toBe('stale_in_old')
    expect(
      classifyPair({ rows: [live('1-a').rows[0]!, live('1-a').rows[0]!] }, live('1-a'))?.class,
    ).toBe('duplicate_id')
  })

  it('calls a difference in flight when the id changed after the pipeline’s checkpoint', () => {
    expect(classifyPair(live('3-c'), live('2-b'), { inFlight: true })?.class).toBe('in_flight')
    expect(classifyPair(live('1-a'), none, { inFlight: true })?.class).toBe('in_flight')
    // Agreement stays agreement.
    expect(classifyPair(live('1-a'), live('1-a'), { inFlight: true })).toBeNull()
  })

  it('orders revisions by generation, numerically', () => {
    expect(revGeneration('10-abc')).toBe(10)
    expect(revGeneration('abc')).toBeNull()
    expect(revGeneration(null)).toBeNull()
    expect(classifyPair(live('9-z'), live('10-a'))?.class).toBe('stale_in_old')
  })

  it('is a mirror: swapping the sides swaps the class (property, 2,000 random holdings)', () => {
    const prng = new Prng(7, 1)
    const mirror: Record<string, string> = {
      missing_in_new: 'extra_in_new',
      extra_in_new: 'missing_in_new',
      stale_in_new: 'stale_in_old',
      stale_in_old: 'stale_in_new',
      present_but_deleted: 'deleted_but_present',
      deleted_but_present: 'present_but_deleted',
      duplicate_id: 'duplicate_id',
    }
    const holding = (): SideHolding => {
      const roll = prng.int(0, 9)
      if (roll < 2) return none
      const rev = `${prng.int(1, 4)}-${prng.hex(4)}`
      if (roll < 4) return gone(rev)
      if (roll < 5)
        return {
          rows: [
            { rev, deleted: false },
            { rev, deleted: false },
          ],
        }
      return live(rev)
    }
    for (let i = 0; i < 2_000; i++) {
      const a = holding()
      const b = holding()
      const ab = classifyPair(a, b)
      const ba = classifyPair(b, a)
      if (ab === null) {
        expect(ba).toBeNull()
        continue
      }
      expect(ba?.class, JSON.stringify([a, b])).toBe(mirror[ab.class])
      expect(classifyPair(a, a)?.class ?? null).toBe(a.rows.length > 1 ? 'duplicate_id' : null)
    }
  })
})
