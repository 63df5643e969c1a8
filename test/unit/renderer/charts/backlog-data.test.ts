import { describe, expect, it } from 'vitest'
import {
  BACKLOG_FIGURE,
  backlogPerDay,
  backlogReadings,
  backlogSummary,
  readingFromEvidence,
} from '../../../../src/shared/charts/backlog-data'
import type { StoredResult } from '../../../../src/shared/project-schema'
import type { EvidenceItem } from '../../../../src/shared/results/check-result'
import type { HistoryEntry } from '../../../../src/shared/results/result-schema'

/** `monitor.lag`'s table: a row per pipeline and database. */
const lagTable = (rows: (string | number | boolean | null)[][]): EvidenceItem => ({
  type: 'table',
  caption: 'Backlog per pipeline and database (couch2pg_progress_pending, couch2pg_up)',
  columns: ['pipeline', 'database', 'pending', 'updated within a minute'],
  rows,
})

/** `production.fresh`'s table: a row per database, both pipelines side by side. */
const freshTable = (rows: (string | number | null)[][]): EvidenceItem => ({
  type: 'table',
  caption: 'Changes waiting after each pipeline’s checkpoint',
  columns: ['database', 'couch2pg pending', 'CHT Sync pending'],
  rows,
})

const entry = (ranAt: string, figures: Record<string, number>): HistoryEntry => ({
  ranAt,
  verdict: 'pass',
  summary: '',
  partial: false,
  figures,
})

function check(
  checkId: string,
  ranAt: string,
  evidence: EvidenceItem[],
  history: HistoryEntry[] = [],
): StoredResult {
  return {
    id: checkId,
    itemId: 'monitor.backlog-panels',
    title: checkId,
    verdict: 'pass',
    summary: '',
    ranAt,
    durationMs: 10,
    endpoints: [],
    partial: null,
    details: { kind: 'check', checkId, evidence, remedy: null, skippedBecause: null },
    history,
  }
}

describe('readingFromEvidence', () => {
  it('sums each pipeline over its databases from monitor.lag’s table', () => {
    const reading = readingFromEvidence([
      { type: 'measure', label: 'dbt_latency', value: 12, unit: 's', limit: null },
      lagTable([
        ['couch2pg', 'medic', 120, null],
        ['couch2pg', 'medic-sentinel', 5, null],
        ['CHT Sync', 'medic', 3, true],
      ]),
    ])
    expect(reading).toEqual({ couch2pg: 125, chtSync: 3 })
  })

  it('reads production.fresh’s table, leaving out databases a pipeline does not copy', () => {
    const reading = readingFromEvidence([
      freshTable([
        ['medic', 40, 0],
        ['medic-users-meta', 'not copied', 7],
      ]),
    ])
    expect(reading).toEqual({ couch2pg: 40, chtSync: 7 })
  })

  it('says unknown when a database’s figure is, and not read when a pipeline has no row', () => {
    expect(readingFromEvidence([lagTable([['couch2pg', 'medic', null, null]])])).toEqual({
      couch2pg: null,
      chtSync: undefined,
    })
    expect(readingFromEvidence([{ type: 'fact', label: 'x', value: 'y' }])).toEqual({
      couch2pg: undefined,
      chtSync: undefined,
    })
  })
})

describe('backlogReadings and backlogPerDay', () => {
  const results: Record<string, StoredResult> = {
    'monitor.lag': check(
      'monitor.lag',
      '2026-12-02T09:00:00Z',
      [
        lagTable([
          ['couch2pg', 'medic', 10, null],
          ['CHT Sync', 'medic', 2, true],
        ]),
      ],
      [
        entry('2026-12-01T18:00:00Z', {
          [BACKLOG_FIGURE.couch2pg]: 900,
          [BACKLOG_FIGURE.chtSync]: 30,
        }),
        entry('2026-12-01T06:00:00Z', {
          [BACKLOG_FIGURE.couch2pg]: 5_000,
          [BACKLOG_FIGURE.chtSync]: 40,
        }),
        // An older run from before the totals were recorded: no reading.
        entry('2026-11-20T06:00:00Z', { dbt_latency: 30 }),
      ],
    ),
    'production.fresh': check('production.fresh', '2026-11-28T12:00:00Z', [
      freshTable([['medic', 70, null]]),
    ]),
    // Another check, even with a table of the same shape, is not read.
    'setup.backlog': check('setup.backlog', '2026-11-27T12:00:00Z', [
      lagTable([['couch2pg', 'medic', 1, null]]),
    ]),
  }

  it('lists the readings of both checks, latest and history, oldest first', () => {
    expect(backlogReadings(results)).toEqual([
      { at: '2026-11-28T12:00:00Z', couch2pg: 70, chtSync: null },
      { at: '2026-12-01T06:00:00Z', couch2pg: 5_000, chtSync: 40 },
      { at: '2026-12-01T18:00:00Z', couch2pg: 900, chtSync: 30 },
      { at: '2026-12-02T09:00:00Z', couch2pg: 10, chtSync: 2 },
    ])
  })

  it('keeps the latest reading of each day over the span', () => {
    const days = backlogPerDay(backlogReadings(results), '2026-12-02', 7)
    expect(days.map((d) => d.day)).toEqual([
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ])
    expect(days[2]).toEqual({ day: '2026-11-28', couch2pg: 70, chtSync: null })
    expect(days[3]).toEqual({ day: '2026-11-29', couch2pg: undefined, chtSync: undefined })
    expect(days[5]).toEqual({ day: '2026-12-01', couch2pg: 900, chtSync: 30 })
    expect(days[6]).toEqual({ day: '2026-12-02', couch2pg: 10, chtSync: 2 })
  })

  it('summarises the days read and each pipeline’s latest figure', () => {
    const days = backlogPerDay(backlogReadings(results), '2026-12-02', 7)
    expect(backlogSummary(days)).toBe(
      'Changes waiting per pipeline over the last 7 days: 3 days with readings. Latest: couch2pg 10 changes (2026-12-02), CHT Sync 2 changes (2026-12-02).',
    )
    const old = backlogPerDay(backlogReadings(results), '2026-11-29', 3)
    expect(backlogSummary(old)).toBe(
      'Changes waiting per pipeline over the last 3 days: 1 day with readings. Latest: couch2pg 70 changes (2026-11-28), CHT Sync unknown (2026-11-28).',
    )
    expect(backlogSummary(backlogPerDay([], '2026-12-02', 30))).toBe(
      'Changes waiting per pipeline over the last 30 days: no reading.',
    )
  })
})
