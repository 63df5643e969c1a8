import { describe, expect, it } from 'vitest'
import {
  CHECK_REGISTRY,
  uncataloguedChecks,
  unimplementedChecks,
} from '../../../../src/main/engine/checks/registry'
import { CHECKS } from '../../../../src/shared/checks/check-catalog'

describe('the check registry', () => {
  it('implements every catalog entry and nothing else, in catalog order', () => {
    expect(unimplementedChecks()).toEqual([])
    expect(uncataloguedChecks()).toEqual([])
    expect(CHECK_REGISTRY.map((c) => c.id)).toEqual(CHECKS.map((c) => c.id))
    for (const check of CHECK_REGISTRY) expect(typeof check.run).toBe('function')
  })
})
