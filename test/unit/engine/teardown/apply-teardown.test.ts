import { describe, expect, it } from 'vitest'
import { applyIntents } from '../../../../src/main/engine/project/apply-intents'
import type { Intent } from '../../../../src/shared/intents'
import type { ProjectDocument } from '../../../../src/shared/project-schema'
import { sampleDocument } from '../../../support/project-fixtures'

let ids = 0
const ctx = (who = 'amina', iso = '2026-12-01T10:00:00Z') => ({
  who,
  now: new Date(iso),
  isKnownItem: () => true,
  newId: () => `d${++ids}`,
})
const apply = (doc: ProjectDocument, intents: Intent[], c = ctx()) => applyIntents(doc, intents, c)

describe('teardown intents', () => {
  it('sets the deployment, grace and quiet days; fields left out stay', () => {
    const doc = apply(sampleDocument(), [
      { type: 'teardown.set', deployment: 'kubernetes', graceDays: 10 },
    ])
    expect(doc.teardown).toMatchObject({ deployment: 'kubernetes', graceDays: 10, quietDays: 14 })
    const next = apply(doc, [{ type: 'teardown.set', deployment: null, quietDays: 7 }])
    expect(next.teardown).toMatchObject({ deployment: null, graceDays: 10, quietDays: 7 })
  })

  it('adds a dashboard, switches it (stamped) and unswitches it (cleared)', () => {
    ids = 0
    const added = apply(sampleDocument(), [
      { type: 'teardown.setDashboard', name: 'ANC overview', switched: false },
    ])
    expect(added.teardown.dashboards).toEqual([
      { id: 'd1', name: 'ANC overview', switched: false, by: null, at: null },
    ])
    const switched = apply(
      added,
      [{ type: 'teardown.setDashboard', id: 'd1', name: 'ANC', switched: true }],
      ctx('baraka', '2026-12-02T08:00:00Z'),
    )
    expect(switched.teardown.dashboards).toEqual([
      { id: 'd1', name: 'ANC', switched: true, by: 'baraka', at: '2026-12-02T08:00:00.000Z' },
    ])
    const back = apply(switched, [
      { type: 'teardown.setDashboard', id: 'd1', name: 'ANC', switched: false },
    ])
    expect(back.teardown.dashboards[0]).toMatchObject({ switched: false, by: null, at: null })
    expect(added.teardown.dashboards[0]!.name).toBe('ANC overview')
  })

  it('removes a dashboard; an absent id is NOT_FOUND with nothing changed', () => {
    ids = 0
    const doc = apply(sampleDocument(), [
      { type: 'teardown.setDashboard', name: 'A', switched: false },
      { type: 'teardown.setDashboard', name: 'B', switched: true },
    ])
    const removed = apply(doc, [{ type: 'teardown.removeDashboard', id: 'd1' }])
    expect(removed.teardown.dashboards.map((d) => d.name)).toEqual(['B'])
    expect(() => apply(doc, [{ type: 'teardown.removeDashboard', id: 'nope' }])).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
    expect(() =>
      apply(doc, [{ type: 'teardown.setDashboard', id: 'nope', name: 'C', switched: true }]),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })

  it('validates the result against the teardown settings schema', () => {
    const doc = sampleDocument()
    doc.teardown.dashboards = Array.from({ length: 500 }, (_, i) => ({
      id: `x${i}`,
      name: `D${i}`,
      switched: false,
      by: null,
      at: null,
    }))
    expect(() =>
      apply(doc, [{ type: 'teardown.setDashboard', name: 'one too many', switched: false }]),
    ).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }))
  })
})
