import { describe, expect, it } from 'vitest'
import { applyIntents } from '../../../../src/main/engine/project/apply-intents'
import type { MetricDefinition } from '../../../../src/shared/parity-definitions'
import { sampleDocument } from '../../../support/project-fixtures'

const ctx = { who: 'amina', now: new Date('2026-03-01T10:00:00Z'), isKnownItem: () => true }
const metric: MetricDefinition = {
  id: 'reports',
  title: 'Reports per month',
  oldSql: 'SELECT 1 AS month, 2 AS n',
  newSql: 'SELECT 1 AS month, 2 AS n',
  groupColumns: ['month'],
  valueColumn: 'n',
  tolerance: {},
}

describe('the parity intents', () => {
  it('adds, replaces and removes a metric, and sets the green days', () => {
    let doc = applyIntents(sampleDocument(), [{ type: 'parity.setMetric', metric }], ctx)
    expect(doc.parity.metrics).toEqual([metric])
    doc = applyIntents(
      doc,
      [
        { type: 'parity.setMetric', metric: { ...metric, title: 'Reports' } },
        { type: 'parity.setGreenDays', days: 21 },
      ],
      ctx,
    )
    expect(doc.parity.metrics.map((m) => m.title)).toEqual(['Reports'])
    expect(doc.parity.greenDaysRequired).toBe(21)
    doc = applyIntents(doc, [{ type: 'parity.removeMetric', id: 'reports' }], ctx)
    expect(doc.parity.metrics).toEqual([])
  })

  it('refuses to remove what is not there, changing nothing', () => {
    const before = sampleDocument()
    expect(() => applyIntents(before, [{ type: 'parity.removeModel', id: 'nope' }], ctx)).toThrow(
      /no model comparison “nope”/,
    )
    expect(before.parity.models).toEqual([])
  })
})
