import { describe, expect, it } from 'vitest'
import {
  MAX_PROGRESS_SPAN,
  MIN_PROGRESS_SPAN,
  progressSummary,
  settledPerDay,
} from '../../../../src/shared/charts/progress-data'
import type { ItemState, ItemStatus } from '../../../../src/shared/project-schema'
import type { ChecklistItemDef } from '../../../../src/shared/steps'

const def = (id: string): ChecklistItemDef => ({
  id,
  title: id,
  detail: '',
  source: 'step',
  docUrl: 'https://docs.communityhealthtoolkit.org',
  docTitle: 'Docs',
})
const DEFS = ['a', 'b', 'c', 'd', 'e', 'f'].map(def)

const state = (status: ItemStatus, updatedAt: string | null): ItemState => ({
  status,
  note: '',
  evidence: [],
  updatedBy: updatedAt ? 'Amina' : null,
  updatedAt,
})

const TODAY = '2026-12-02'

describe('settledPerDay', () => {
  it('counts each settled item from the day of its last update, a running total', () => {
    const series = settledPerDay(
      DEFS,
      {
        a: state('done', '2026-11-29T23:59:00Z'),
        b: state('not_applicable', '2026-11-30T00:00:00Z'),
        c: state('done', '2026-12-02T08:00:00Z'),
        // Not settled: not counted, whenever changed.
        d: state('in_progress', '2026-11-20T10:00:00Z'),
        e: state('todo', '2026-11-25T10:00:00Z'),
      },
      TODAY,
    )
    expect(series.days).toHaveLength(MIN_PROGRESS_SPAN)
    expect(series.days.at(-1)).toEqual({ day: TODAY, settled: 3 })
    const of = (day: string) => series.days.find((d) => d.day === day)?.settled
    expect(of('2026-11-28')).toBe(0)
    expect(of('2026-11-29')).toBe(1)
    expect(of('2026-11-30')).toBe(2)
    expect(of('2026-12-01')).toBe(2)
    expect(series).toMatchObject({ total: 6, settled: 3, undated: 0 })
    // Oldest first, one per day, no gap.
    expect(series.days[0]!.day).toBe('2026-11-19')
  })

  it('spans from the first settled day, within its bounds, earlier items counted from its start', () => {
    const long = settledPerDay(
      DEFS,
      { a: state('done', '2026-10-01T10:00:00Z'), b: state('done', '2026-11-30T10:00:00Z') },
      TODAY,
    )
    expect(long.days).toHaveLength(63)
    expect(long.days[0]).toEqual({ day: '2026-10-01', settled: 1 })
    const older = settledPerDay(DEFS, { a: state('done', '2025-01-01T10:00:00Z') }, TODAY)
    expect(older.days).toHaveLength(MAX_PROGRESS_SPAN)
    expect(older.days[0]!.settled).toBe(1)
  })

  it('counts undated settled items from the first day, ignores unknown ids, holds future dates to today', () => {
    const series = settledPerDay(
      DEFS,
      {
        a: state('done', null),
        b: state('done', 'not a date'),
        c: state('done', '2027-01-01T00:00:00Z'),
        retired: state('done', '2026-12-01T00:00:00Z'),
      },
      TODAY,
    )
    expect(series.undated).toBe(2)
    expect(series.days[0]!.settled).toBe(2)
    expect(series.days.at(-2)!.settled).toBe(2)
    expect(series.days.at(-1)!.settled).toBe(3)
    expect(series.settled).toBe(3)
  })

  it('has nothing settled for a fresh project', () => {
    const series = settledPerDay(DEFS, {}, TODAY)
    expect(series.settled).toBe(0)
    expect(series.days.every((d) => d.settled === 0)).toBe(true)
  })
})

describe('progressSummary', () => {
  it('says the span, the figure now and what the last week added', () => {
    const series = settledPerDay(
      DEFS,
      { a: state('done', '2026-11-01T10:00:00Z'), b: state('done', '2026-11-30T10:00:00Z') },
      TODAY,
    )
    expect(progressSummary(series)).toBe(
      'Items done or not applicable, day by day from 2026-11-01 to 2026-12-02: 2 of 6 now, 1 of them settled in the last 7 days.',
    )
  })

  it('says none when the last week added nothing', () => {
    const series = settledPerDay(DEFS, { a: state('done', '2026-11-01T10:00:00Z') }, TODAY)
    expect(progressSummary(series)).toContain(
      '1 of 6 now, none of them settled in the last 7 days.',
    )
  })
})
