import { describe, expect, it } from 'vitest'
import {
  CHECKS,
  CHECK_STEPS,
  checksOfItem,
  findCheck,
} from '../../../../src/shared/checks/check-catalog'
import { findItem } from '../../../../src/shared/steps-catalog'

describe('the checks catalog', () => {
  it('has unique ids, each shown on an item of its own step', () => {
    const ids = CHECKS.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const check of CHECKS) {
      expect(CHECK_STEPS).toContain(check.step)
      expect(check.id.startsWith(`${check.step}.`)).toBe(true)
      const found = findItem(check.itemId)
      expect(found, check.id).toBeDefined()
      expect(found!.step.id, check.id).toBe(check.step)
      expect(check.why.length).toBeGreaterThan(20)
      expect(check.timeoutMs).toBeGreaterThan(0)
      expect(check.docUrl).toMatch(/^https:\/\//)
    }
  })

  it('lists every prerequisite before the checks that need it, so one pass in order runs them', () => {
    const seen = new Set<string>()
    for (const check of CHECKS) {
      for (const prerequisite of check.prerequisites) {
        expect(findCheck(prerequisite), `${check.id} needs ${prerequisite}`).toBeDefined()
        expect(seen.has(prerequisite), `${prerequisite} before ${check.id}`).toBe(true)
      }
      seen.add(check.id)
    }
  })

  it('finds the checks of an item', () => {
    expect(checksOfItem('setup.local-sync').map((c) => c.id)).toEqual([
      'setup.tables',
      'setup.arriving',
      'setup.backlog',
      'setup.dbt-fresh',
      'setup.dbt-results',
    ])
    expect(checksOfItem('plan.scope')).toEqual([])
  })
})
