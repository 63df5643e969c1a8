import { describe, expect, it } from 'vitest'
import {
  countDoc,
  emptyTallies,
  medicDistribution,
} from '../../../../../src/main/engine/inventory/couchdb/medic-scan'
import {
  fieldText,
  Tally,
  toDistribution,
} from '../../../../../src/main/engine/inventory/couchdb/tally'

describe('fieldText', () => {
  it('gives a field as PostgreSQL’s ->> would, and (none) for nothing', () => {
    expect(fieldText('clinic')).toBe('clinic')
    expect(fieldText('')).toBe('')
    expect(fieldText(12)).toBe('12')
    expect(fieldText(false)).toBe('false')
    expect(fieldText({ a: [1] })).toBe('{"a":[1]}')
    expect(fieldText(undefined)).toBe('(none)')
    expect(fieldText(null)).toBe('(none)')
  })
})

describe('a tally', () => {
  it('sorts by count, then by code point, and sums what is beyond the limit', () => {
    const tally = new Tally()
    for (const v of ['b', 'a', 'c', 'c', '\u{1F600}', '\uFFFD', 'd', 'd', 'd']) tally.add(v)
    const { values, other } = toDistribution(tally, 4)
    // Code-point order puts U+FFFD before the astral emoji (UTF-16 order would not).
    expect(values).toEqual([
      { value: 'd', count: 3 },
      { value: 'c', count: 2 },
      { value: 'a', count: 1 },
      { value: 'b', count: 1 },
    ])
    expect(other).toBe(2)
    expect(
      toDistribution(tally, 6)
        .values.slice(4)
        .map((v) => v.value),
    ).toEqual(['\uFFFD', '\u{1F600}'])
  })

  it('clips long values to 200 characters, merging those that then agree', () => {
    const tally = new Tally()
    tally.add(`${'x'.repeat(250)}a`)
    tally.add(`${'x'.repeat(250)}b`)
    tally.add('x'.repeat(200))
    tally.add('bad\u0000value')
    const { values } = toDistribution(tally)
    expect(values).toEqual([
      { value: `${'x'.repeat(199)}…`, count: 2 },
      { value: 'badvalue', count: 1 },
      { value: 'x'.repeat(200), count: 1 },
    ])
  })

  it('keeps a bounded number of values, counting later new ones as overflow', () => {
    const tally = new Tally(3)
    for (const v of ['a', 'b', 'c', 'd', 'e', 'a']) tally.add(v)
    expect(tally.counts.size).toBe(3)
    expect(tally.overflow).toBe(2)
    expect(tally.added).toBe(6)
    expect(toDistribution(tally, 2)).toEqual({
      values: [
        { value: 'a', count: 2 },
        { value: 'b', count: 1 },
      ],
      other: 3,
    })
  })
})

describe('counting a medic document', () => {
  it('counts types, forms of reports and contact types of both hierarchies', () => {
    const tallies = emptyTallies()
    countDoc(tallies, '_design/medic', { type: 'ignored' })
    countDoc(tallies, 'r1', { type: 'data_record', form: 'pregnancy' })
    countDoc(tallies, 'r2', { type: 'data_record' })
    countDoc(tallies, 'c1', { type: 'contact', contact_type: 'chw_area' })
    countDoc(tallies, 'c2', { type: 'contact' })
    countDoc(tallies, 'p1', { type: 'person', form: 'not-a-report' })
    countDoc(tallies, 'h1', { type: 'health_center' })
    countDoc(tallies, 'x', {})
    const medic = medicDistribution('medic', 10, tallies)
    expect(medic).toEqual({
      database: 'medic',
      scanned: 8,
      total: 10,
      types: [
        { value: 'contact', count: 2 },
        { value: 'data_record', count: 2 },
        { value: '(none)', count: 1 },
        { value: '_design', count: 1 },
        { value: 'health_center', count: 1 },
        { value: 'person', count: 1 },
      ],
      forms: [
        { value: '(none)', count: 1 },
        { value: 'pregnancy', count: 1 },
      ],
      contactTypes: [
        { value: '(none)', count: 1 },
        { value: 'chw_area', count: 1 },
        { value: 'health_center', count: 1 },
        { value: 'person', count: 1 },
      ],
      other: 0,
    })
  })
})
