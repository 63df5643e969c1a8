import { describe, expect, it } from 'vitest'
import { emptyParity, type MetricDefinition } from '../../../src/shared/parity-definitions'
import type { StoredResult } from '../../../src/shared/project-schema'
import type { GreenStreak, TrendDay } from '../../../src/shared/results/parity-trend'
import {
  comparisonEntries,
  deltaText,
  intentsForSuggestions,
  recentDays,
  runOutcomeText,
  streakBreakText,
  streakText,
  tileRows,
} from '../../../src/renderer/src/lib/parity-view'

const metric = (id: string): MetricDefinition => ({
  id,
  title: id,
  oldSql: 'SELECT 1',
  newSql: 'SELECT 1',
  groupColumns: ['month'],
  valueColumn: 'n',
  tolerance: { absolute: 0 },
})

function metricResult(
  counts: { group: string[]; old: number | null; new: number | null }[],
  differences: { class: 'value_conflict' | 'missing_in_new'; count: number; keys: string[] }[],
): StoredResult {
  return {
    id: 'parity.metric.m',
    itemId: 'parity.dashboard-compare',
    title: 'm',
    verdict: differences.length === 0 ? 'pass' : 'fail',
    summary: '',
    ranAt: '2026-12-01T10:00:00.000Z',
    durationMs: 1,
    endpoints: [],
    partial: null,
    history: [],
    details: {
      kind: 'comparison',
      mode: 'metric',
      old: { label: 'couch2pg', endpoint: 'couch2pg', relation: 'query' },
      new: { label: 'CHT Sync', endpoint: 'chtSync', relation: 'query' },
      counts,
      differences: differences.map((d) => ({
        class: d.class,
        count: d.count,
        samples: d.keys.map((key) => ({ key, old: null, new: null, note: null })),
      })),
      checkpoints: [],
    },
  } as StoredResult
}

describe('comparisonEntries and intentsForSuggestions', () => {
  it('pairs each comparison with its latest result, models first', () => {
    const parity = { ...emptyParity(), metrics: [metric('a')] }
    const result = { ...metricResult([], []), id: 'parity.metric.a' }
    const entries = comparisonEntries(parity, { 'parity.metric.a': result })
    expect(entries).toEqual([{ kind: 'metric', id: 'a', title: 'a', result }])
  })

  it('sets up only the suggestions not set up yet', () => {
    const parity = { ...emptyParity(), metrics: [metric('a')] }
    const intents = intentsForSuggestions(parity, {
      metrics: [metric('a'), metric('b')],
      models: [],
    })
    expect(intents).toEqual([{ type: 'parity.setMetric', metric: metric('b') }])
  })
})

describe('tileRows', () => {
  it('marks the groups the result found different, listed first, then by group', () => {
    const rows = tileRows(
      metricResult(
        [
          { group: ['2026-02'], old: 5, new: 4 },
          { group: ['2026-01'], old: 3, new: 3 },
          { group: ['2026-03'], old: 2, new: null },
        ],
        [
          { class: 'value_conflict', count: 1, keys: ['2026-02'] },
          { class: 'missing_in_new', count: 1, keys: ['2026-03'] },
        ],
      ),
    )
    expect(rows).toEqual([
      { group: '2026-02', old: 5, new: 4, delta: -1, differs: true },
      { group: '2026-03', old: 2, new: null, delta: null, differs: true },
      { group: '2026-01', old: 3, new: 3, delta: 0, differs: false },
    ])
  })

  it('past the bounded samples, a group differs when its values do', () => {
    const rows = tileRows(
      metricResult(
        [
          { group: ['a'], old: 1, new: 2 },
          { group: ['b'], old: 1, new: 3 },
        ],
        [{ class: 'value_conflict', count: 2, keys: ['a'] }],
      ),
    )
    expect(rows.map((r) => r.differs)).toEqual([true, true])
  })

  it('within a tolerance, a group whose values differ still matches', () => {
    const rows = tileRows(metricResult([{ group: ['a'], old: 100, new: 101 }], []))
    expect(rows[0]).toMatchObject({ delta: 1, differs: false })
  })
})

describe('texts', () => {
  it('says deltas with a sign, and a missing side in words', () => {
    expect([deltaText(2), deltaText(-3), deltaText(0), deltaText(null)]).toEqual([
      '+2',
      '−3',
      '0',
      'one side missing',
    ])
  })

  it('says the streak and what broke it', () => {
    const streak: GreenStreak = {
      days: 1,
      comparisons: ['parity.metric.a'],
      brokenBy: { day: '2026-11-30', comparisonId: 'parity.metric.a', reason: 'no run' },
    }
    expect(streakText(streak, 14)).toBe('Green for 1 day in a row (14 days required).')
    expect(streakBreakText(streak, { 'parity.metric.a': 'Reports' })).toBe(
      'The streak stops at 2026-11-30: “Reports” did not run that day.',
    )
    expect(streakBreakText({ ...streak, brokenBy: null }, {})).toBeNull()
    expect(streakBreakText(streak, {}, '2026-12-01')).toBe(
      'Counted from 2026-12-01, the first day the comparisons ran.',
    )
  })

  it('keeps the last 30 days of the trend, newest first', () => {
    const day = (d: string): TrendDay => ({ day: d, byComparison: {}, total: 0, green: true })
    const trend = [day('2026-10-01'), day('2026-11-02'), day('2026-12-01')]
    expect(recentDays(trend, new Date('2026-12-01T12:00:00Z')).map((d) => d.day)).toEqual([
      '2026-12-01',
      '2026-11-02',
    ])
  })
})

describe('runOutcomeText', () => {
  it('counts passed and warned apart, and the rest as not passed', () => {
    expect(runOutcomeText(['pass', 'pass'])).toBe('All 2 comparisons passed.')
    expect(runOutcomeText(['pass'])).toBe('The comparison passed.')
    expect(runOutcomeText(['pass', 'warn', 'warn', 'fail', 'error'])).toBe(
      'Of 5 comparisons: 1 passed, 2 warned, 2 did not pass.',
    )
    expect(runOutcomeText(['warn', 'pass'])).toBe('Of 2 comparisons: 1 passed, 1 warned.')
    expect(runOutcomeText(['fail'])).toBe('Of 1 comparison: 0 passed, 1 did not pass.')
  })
})
