import { describe, expect, it } from 'vitest'
import {
  demoVariantOf,
  describePipelines,
  syncPlan,
} from '../../../../src/main/engine/demo/pipelines'

describe('what the demo’s pipelines sync', () => {
  it('by default: couch2pg 3.7 without _users, CHT Sync without _users, a stale medic_sentinel row', () => {
    const plan = syncPlan()
    expect([...plan.couch2pg]).toEqual([
      'medic',
      'medic-sentinel',
      'medic-users-meta',
      'medic-logs',
    ])
    expect([...plan.chtSync]).toEqual(['medic', 'medic-sentinel', 'medic-users-meta', 'medic-logs'])
    expect(plan.staleChtSyncSources).toEqual(['cht-demo.example.org/medic_sentinel'])
    const { couch2pg, chtSync } = describePipelines(plan)
    expect(couch2pg.sources.medic).toBe('192.168.20.4:5984/medic')
    expect(chtSync.sources.medic).toBe('cht-demo.example.org/medic')
    expect(chtSync.sources.medic_sentinel).toBe('cht-demo.example.org/medic_sentinel')
  })

  it('couch2pg copies _users only with SYNC_DB_USERS, and nothing from 3.6 on before 3.6', () => {
    const users = syncPlan({ discrepancies: 'none', couch2pgRelease: '3.7', syncUsers: true })
    expect(users.couch2pg.has('_users')).toBe(true)
    expect(users.staleChtSyncSources).toEqual([])
    const old = syncPlan({ discrepancies: 'injected', couch2pgRelease: '3.5', syncUsers: false })
    expect([...old.couch2pg]).toEqual(['medic', 'medic-sentinel', 'medic-users-meta'])
  })

  it('fills in the defaults and refuses _users on a release before 3.6', () => {
    expect(demoVariantOf({})).toEqual({
      discrepancies: 'injected',
      couch2pgRelease: '3.7',
      syncUsers: false,
    })
    expect(() => demoVariantOf({ couch2pgRelease: '3.5', syncUsers: true })).toThrow(
      /from release 3.6 on/,
    )
  })
})
