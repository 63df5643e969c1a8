import { describe, expect, it } from 'vitest'
import { sameSeq, seqNumber } from '../../../src/shared/couch-seq'

const COUCH3 =
  '2342-g1AAAAFxeJzLYWBg4MhgTmHgz8tPSTV0MDQy1zMAQsMcoARTIkOS_P___7MymBMZc4EC7EmGhmYm5pjKcZiRxwIkGRqA1H-oEfvBRjAbGqcapVhgasgCAN4qKg4'

describe('seqNumber', () => {
  it('reads the number a CouchDB 2+ sequence starts with', () => {
    expect(seqNumber(COUCH3)).toBe(2342)
    expect(seqNumber('0-g1AAAAAo')).toBe(0)
  })

  it('reads the plain integers of CouchDB 1.x and PouchDB, as numbers or as stored text', () => {
    expect(seqNumber(17)).toBe(17)
    expect(seqNumber(0)).toBe(0)
    expect(seqNumber('17')).toBe(17)
  })

  it('reads the [number, opaque] form some CouchDB 2 clients hold', () => {
    expect(seqNumber([23423, 'g1AAAAE7eJzLYWBg4MhgTmHgS0ktM3QwND'])).toBe(23423)
  })

  it('is null for what is not a sequence or has no safe number', () => {
    for (const value of [
      'now',
      '',
      'abc-1',
      '-5',
      '12abc',
      '99999999999999999999-g1AAAA',
      -1,
      1.5,
      Number.NaN,
      null,
      undefined,
      {},
      [],
      ['12-x'],
    ]) {
      expect(seqNumber(value), JSON.stringify(value)).toBeNull()
    }
  })
})

describe('sameSeq', () => {
  it('is string equality of what the server said', () => {
    expect(sameSeq(COUCH3, COUCH3)).toBe(true)
    expect(sameSeq(COUCH3, `${COUCH3} `)).toBe(false)
  })

  it('never takes two sequences with the same number for the same', () => {
    const other = COUCH3.replace('-g1AAAAFx', '-g1AAAAFy')
    expect(seqNumber(other)).toBe(seqNumber(COUCH3))
    expect(sameSeq(COUCH3, other)).toBe(false)
  })

  it('takes an integer and its stored decimal text for the same (CouchDB 1.x in PostgreSQL)', () => {
    expect(sameSeq(42, '42')).toBe(true)
    expect(sameSeq(42, 42)).toBe(true)
    expect(sameSeq(42, '42-g1AAAA')).toBe(false)
  })

  it('is false when either side is missing or not a sequence', () => {
    expect(sameSeq(null, null)).toBe(false)
    expect(sameSeq(undefined, undefined)).toBe(false)
    expect(sameSeq(Number.NaN, Number.NaN)).toBe(false)
    expect(sameSeq({}, {})).toBe(false)
    expect(sameSeq('5', null)).toBe(false)
  })
})
