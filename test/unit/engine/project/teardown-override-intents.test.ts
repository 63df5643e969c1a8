import { describe, expect, it } from 'vitest'
import { applyIntents } from '../../../../src/main/engine/project/apply-intents'
import type { Intent } from '../../../../src/shared/intents'
import type { ProjectDocument } from '../../../../src/shared/project-schema'
import { sampleDocument } from '../../../support/project-fixtures'
import { backupRecord } from '../../../support/teardown-fixtures'

const ctx = (who = 'amina', iso = '2026-12-01T10:00:00Z') => ({
  who,
  now: new Date(iso),
  isKnownItem: () => true,
  newId: () => 'd1',
})
const apply = (doc: ProjectDocument, intents: Intent[], c = ctx()) => applyIntents(doc, intents, c)

const withBackup = (): ProjectDocument => {
  const doc = sampleDocument()
  return { ...doc, teardown: { ...doc.teardown, backup: backupRecord('couch2pg') } }
}

describe('teardown.override', () => {
  it('records the reason, who (the user by default), when, and every gate not met then', () => {
    const doc = apply(sampleDocument(), [
      { type: 'teardown.override', reason: 'Monitoring runs in Grafana, not here.' },
    ])
    expect(doc.teardown.override).toEqual({
      reason: 'Monitoring runs in Grafana, not here.',
      by: 'amina',
      at: '2026-12-01T10:00:00.000Z',
      gates: ['decisions', 'parity-days', 'monitoring', 'no-reads', 'dashboards', 'backup'],
    })
  })

  it('leaves out the gates met at that moment, judged after earlier intents of the batch', () => {
    const doc = apply(withBackup(), [
      { type: 'teardown.setDashboard', name: 'ANC', switched: true },
      { type: 'teardown.override', reason: 'Agreed with the MoH.', by: 'Dr. Otieno' },
    ])
    expect(doc.teardown.override).toMatchObject({
      by: 'Dr. Otieno',
      gates: ['decisions', 'parity-days', 'monitoring', 'no-reads'],
    })
  })

  it('masks a credential pasted into the reason', () => {
    const doc = apply(sampleDocument(), [
      { type: 'teardown.override', reason: 'ok per ops, PGPASSWORD=hunter2 works' },
    ])
    expect(doc.teardown.override?.reason).not.toContain('hunter2')
  })

  it('replaces an earlier override with a new judgement of the gates', () => {
    const first = apply(sampleDocument(), [{ type: 'teardown.override', reason: 'first' }])
    const second = apply(
      { ...first, teardown: { ...first.teardown, backup: backupRecord('couch2pg') } },
      [{ type: 'teardown.override', reason: 'second' }],
      ctx('baraka', '2026-12-03T09:00:00Z'),
    )
    expect(second.teardown.override).toMatchObject({
      reason: 'second',
      by: 'baraka',
      at: '2026-12-03T09:00:00.000Z',
    })
    expect(second.teardown.override?.gates).not.toContain('backup')
  })
})

describe('teardown.clearOverride', () => {
  it('removes the override and leaves the rest of the teardown settings', () => {
    const doc = apply(withBackup(), [{ type: 'teardown.override', reason: 'r' }])
    const cleared = apply(doc, [{ type: 'teardown.clearOverride' }])
    expect(cleared.teardown.override).toBeNull()
    expect(cleared.teardown.backup).toEqual(doc.teardown.backup)
    expect(doc.teardown.override).not.toBeNull()
  })

  it('is harmless without an override', () => {
    expect(
      apply(sampleDocument(), [{ type: 'teardown.clearOverride' }]).teardown.override,
    ).toBeNull()
  })
})
