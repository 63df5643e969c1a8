import { describe, expect, it } from 'vitest'
import { metricResult } from '../../../../src/main/engine/parity/metric-result'
import { storedResultSchema } from '../../../../src/shared/results/result-schema'
import type { MetricOutcome } from '../../../../src/main/engine/parity/metric-compare'

const spec = {
  oldSql: 'SELECT 1',
  newSql: 'SELECT 1',
  groupColumns: ['form', 'month'],
  valueColumn: 'reports',
  tolerance: { absolute: 0 },
}
const base = {
  metricId: 'reports-per-form-month',
  title: 'Reports per form per month',
  spec,
  ranAt: '2026-03-01T02:00:00.000Z',
  durationMs: 120,
  endpoints: [],
}

describe('metricResult', () => {
  it('passes when every group matches, keeping the tile’s values side by side', () => {
    const outcome: MetricOutcome = {
      groups: [{ group: ['anc', '2026-01'], old: 3, new: 3, delta: 0, match: true, kind: null }],
      rows: { old: 1, new: 1 },
      truncated: false,
    }
    const result = metricResult({ ...base, outcome })
    expect(result).toMatchObject({
      id: 'parity.metric.reports-per-form-month',
      itemId: 'parity.dashboard-compare',
      verdict: 'pass',
      partial: null,
    })
    expect(result.details).toMatchObject({
      mode: 'metric',
      counts: [{ group: ['anc', '2026-01'], old: 3, new: 3 }],
    })
    expect(storedResultSchema.safeParse({ ...result, history: [] }).success).toBe(true)
  })

  it('fails with each class counted and sampled, and a truncated read is partial', () => {
    const outcome: MetricOutcome = {
      groups: [
        {
          group: ['anc', '2026-01'],
          old: 3,
          new: 4,
          delta: 1,
          match: false,
          kind: 'value_conflict',
        },
        {
          group: ['pnc', '2026-01'],
          old: 2,
          new: null,
          delta: null,
          match: false,
          kind: 'missing_in_new',
        },
        { group: ['pnc', '2026-02'], old: 2, new: 2, delta: 0, match: true, kind: null },
      ],
      rows: { old: 3, new: 2 },
      truncated: true,
    }
    const result = metricResult({ ...base, outcome })
    expect(result.verdict).toBe('fail')
    expect(result.partial?.reason).toBe('budget')
    expect(result.summary).toMatch(/^2 of 3 groups differ: 1 value conflict, 1 missing in new\./)
    const details = result.details as { differences: { class: string; samples: unknown[] }[] }
    expect(details.differences.map((d) => d.class)).toEqual(['value_conflict', 'missing_in_new'])
    expect(details.differences[0]!.samples).toEqual([
      { key: 'anc / 2026-01', old: 3, new: 4, note: 'difference +1' },
    ])
  })
})
