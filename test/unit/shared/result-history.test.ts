import { describe, expect, it } from 'vitest'
import {
  RECENT_RUNS_KEPT,
  thinHistory,
  toHistoryEntry,
  withHistory,
} from '../../../src/shared/results/history'
import {
  HISTORY_LIMIT,
  storedResultSchema,
  type NewResult,
} from '../../../src/shared/results/result-schema'

const run = (ranAt: string, verdict: NewResult['verdict'] = 'pass', missing = 0): NewResult => ({
  id: 'parity.documents',
  itemId: 'parity.documents',
  title: 'Documents: CouchDB against CHT Sync',
  verdict,
  summary: `${missing} missing`,
  ranAt,
  durationMs: 1200,
  endpoints: [{ endpoint: 'chtSync', target: 'postgres://reader@db:5432/cht_sync' }],
  partial: null,
  details: {
    kind: 'comparison',
    mode: 'documents',
    old: { label: 'CouchDB', endpoint: 'couchdb', relation: null },
    new: { label: 'CHT Sync', endpoint: 'chtSync', relation: 'v1.couchdb' },
    counts: [],
    differences: [{ class: 'missing_in_new', count: missing, samples: [] }],
    checkpoints: [],
  },
})

describe('result history', () => {
  it('moves the previous run into the history, newest first, with its figures', () => {
    const first = withHistory(run('2026-11-01T00:00:00.000Z', 'fail', 7), undefined)
    expect(first.history).toEqual([])
    const second = withHistory(run('2026-11-02T00:00:00.000Z'), first)
    expect(second.history).toEqual([
      {
        ranAt: '2026-11-01T00:00:00.000Z',
        verdict: 'fail',
        summary: '7 missing',
        partial: false,
        figures: { missing_in_new: 7, differences: 7 },
      },
    ])
    expect(storedResultSchema.parse(second)).toEqual(second)
  })

  it('keeps a month-long trend of a check run every 10 minutes within the limit', () => {
    let stored = withHistory(run('2026-11-01T00:00:00.000Z'), undefined)
    const start = Date.parse('2026-11-01T00:00:00.000Z')
    for (let i = 1; i <= 30 * 24 * 6; i++) {
      stored = withHistory(run(new Date(start + i * 600_000).toISOString()), stored)
    }
    expect(stored.history.length).toBeLessThanOrEqual(HISTORY_LIMIT)
    const days = new Set(stored.history.map((h) => h.ranAt.slice(0, 10)))
    // Every one of the 30 earlier days still has a run in the history.
    expect(days.size).toBeGreaterThanOrEqual(30)
    const recent = stored.history.slice(0, RECENT_RUNS_KEPT).map((h) => Date.parse(h.ranAt))
    expect(recent.every((t, i) => i === 0 || recent[i - 1]! - t === 600_000)).toBe(true)
    expect(storedResultSchema.safeParse(stored).success).toBe(true)
  })

  it('thins older runs to the latest of each day', () => {
    const entries = Array.from({ length: RECENT_RUNS_KEPT + 6 }, (_, i) =>
      toHistoryEntry(
        run(new Date(Date.UTC(2026, 9, 1, 0, 0, 0) - i * 8 * 3_600_000).toISOString()),
      ),
    )
    const thinned = thinHistory(entries)
    const older = thinned.slice(RECENT_RUNS_KEPT)
    expect(new Set(older.map((e) => e.ranAt.slice(0, 10))).size).toBe(older.length)
  })
})
