import { describe, expect, it } from 'vitest'
import {
  compactNumber,
  metricBars,
  metricSummary,
  shortLabel,
  trendBars,
  trendSummary,
  wholeTicks,
} from '../../../../src/shared/charts/chart-data'

/** The figures the charts are drawn from: pure, so they are typed and tested directly. */

describe('chart figures', () => {
  it('spans the last days up to today, oldest first', () => {
    const bars = trendBars([{ day: '2026-03-01', total: 1, green: false }], '2026-03-02', 3)
    expect(bars).toEqual([
      { day: '2026-02-28', run: null },
      { day: '2026-03-01', run: { day: '2026-03-01', total: 1, green: false } },
      { day: '2026-03-02', run: null },
    ])
    expect(trendSummary(bars)).toBe(
      'Differences per day over the last 3 days: 1 day with runs, 0 of them all green. Latest, 2026-03-01: 1 difference, not all green.',
    )
  })

  it('keeps numbers and labels short', () => {
    expect([0, 0.25, 2.5, 950, 1_200, 34_000, 1_500_000, -2_500].map(compactNumber)).toEqual([
      '0',
      '0.25',
      '2.5',
      '950',
      '1.2k',
      '34k',
      '1.5M',
      '−2.5k',
    ])
    expect(shortLabel('abcdefghijklmnop', 6)).toBe('abcde…')
    expect(shortLabel('abc', 6)).toBe('abc')
    expect(wholeTicks([0, 0.5, 1, 1.5, 2])).toEqual([0, 1, 2])
    const many = Array.from({ length: 3 }, (_, i) => ({
      group: `${i}`,
      old: 1,
      new: 1,
      differs: false,
    }))
    expect(metricBars(many, 2)).toMatchObject({ hidden: 1 })
    expect(metricSummary(many, 3, { old: 'A', new: 'B' })).toBe(
      'A and B values per group, 3 groups; all match.',
    )
  })
})
