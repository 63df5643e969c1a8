import { describe, expect, it } from 'vitest'
import {
  activeComparisons,
  greenStreak,
  mismatchesPerDay,
  parityRuns,
} from '../../../../src/shared/results/parity-trend'
import type { HistoryEntry, StoredResult } from '../../../../src/shared/results/result-schema'

const at = (day: string, hour = 2) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`

function entry(day: string, differences: number, hour = 2, partial = false): HistoryEntry {
  return {
    ranAt: at(day, hour),
    verdict: differences === 0 ? 'pass' : 'fail',
    summary: '',
    partial,
    figures: { differences },
  }
}

/** A comparison result whose latest run is `latest` and whose history is `history`. */
function comparison(id: string, latest: HistoryEntry, history: HistoryEntry[] = []): StoredResult {
  const differences = latest.figures.differences ?? 0
  return {
    id,
    itemId: 'parity.documents',
    title: id,
    verdict: latest.verdict,
    summary: '',
    ranAt: latest.ranAt,
    durationMs: 1,
    endpoints: [],
    partial: latest.partial ? { reason: 'cancelled', note: 'stopped' } : null,
    details: {
      kind: 'comparison',
      mode: 'documents',
      old: { label: 'couch2pg', endpoint: 'couch2pg', relation: null },
      new: { label: 'CHT Sync', endpoint: 'chtSync', relation: null },
      counts: [],
      differences: [
        { class: 'missing_in_new', count: differences, samples: [] },
        { class: 'in_flight', count: 5, samples: [] },
      ],
      checkpoints: [],
      keys: [],
      columns: [],
      schema: null,
    },
    history,
  }
}

const today = new Date('2026-03-10T12:00:00Z')

describe('the parity trend', () => {
  it('lists every run, in-flight documents not counted as differences', () => {
    const results = {
      docs: comparison('docs', entry('2026-03-10', 0), [entry('2026-03-09', 3)]),
    }
    const runs = parityRuns(results)
    expect(runs.map((r) => [r.day, r.differences, r.green])).toEqual([
      ['2026-03-09', 3, false],
      ['2026-03-10', 0, true],
    ])
  })

  it('sums each comparison’s latest run per day', () => {
    const results = {
      docs: comparison('docs', entry('2026-03-10', 0, 9), [
        entry('2026-03-10', 4, 2),
        entry('2026-03-09', 3),
      ]),
      forms: comparison('forms', entry('2026-03-10', 2), [entry('2026-03-09', 0)]),
    }
    expect(mismatchesPerDay(results)).toEqual([
      { day: '2026-03-09', byComparison: { docs: 3, forms: 0 }, total: 3, green: false },
      { day: '2026-03-10', byComparison: { docs: 0, forms: 2 }, total: 2, green: false },
    ])
  })

  it('counts consecutive green days back from today, every comparison needed each day', () => {
    const days = ['2026-03-10', '2026-03-09', '2026-03-08', '2026-03-07', '2026-03-06']
    const docs = comparison(
      'docs',
      entry(days[0]!, 0),
      days.slice(1).map((d, i) => entry(d, i === 3 ? 7 : 0)),
    )
    expect(greenStreak({ docs }, today)).toEqual({
      days: 4,
      comparisons: ['docs'],
      brokenBy: { day: '2026-03-06', comparisonId: 'docs', reason: 'not green' },
    })
    // A comparison added two days ago: the streak cannot be longer than its runs.
    const forms = comparison('forms', entry(days[0]!, 0), [entry(days[1]!, 0)])
    expect(greenStreak({ docs, forms }, today)).toMatchObject({
      days: 2,
      brokenBy: { day: '2026-03-08', comparisonId: 'forms', reason: 'no run' },
    })
  })

  it('runs to yesterday before today’s run, and a partial run is not green', () => {
    const docs = comparison('docs', entry('2026-03-09', 0), [entry('2026-03-08', 0)])
    expect(greenStreak({ docs }, today).days).toBe(2)
    const partial = comparison('docs', entry('2026-03-10', 0, 2, true), [entry('2026-03-09', 0)])
    expect(greenStreak({ docs: partial }, today)).toMatchObject({ days: 0 })
    expect(greenStreak({}, today)).toEqual({ days: 0, comparisons: [], brokenBy: null })
  })

  it('counts a warning as green: couch2pg’s own drift holds nothing up', () => {
    const warned = { ...entry('2026-03-10', 2), verdict: 'warn' as const }
    const results = {
      'parity.documents.couchdb-couch2pg': comparison('parity.documents.couchdb-couch2pg', warned, [
        { ...entry('2026-03-09', 2), verdict: 'warn' },
      ]),
    }
    expect(greenStreak(results, today).days).toBe(2)
  })

  it('leaves out comparisons no longer set up, from the streak and the trend', () => {
    const results = {
      'parity.documents.couch2pg-chtsync': comparison(
        'parity.documents.couch2pg-chtsync',
        entry('2026-03-10', 0),
        [entry('2026-03-09', 0)],
      ),
      'parity.model.kept': comparison('parity.model.kept', entry('2026-03-10', 0), [
        entry('2026-03-09', 0),
      ]),
      'parity.model.removed': comparison('parity.model.removed', entry('2026-03-09', 4)),
    }
    const active = activeComparisons(results, { models: [{ id: 'kept' }], metrics: [] })
    expect([...active].sort()).toEqual(['parity.documents.couch2pg-chtsync', 'parity.model.kept'])
    expect(greenStreak(results, today).days).toBe(0)
    expect(greenStreak(results, today, active).days).toBe(2)
    expect(mismatchesPerDay(results, active).map((d) => d.total)).toEqual([0, 0])
    expect(mismatchesPerDay(results).map((d) => d.total)).toEqual([4, 0])
  })
})
