import { describe, expect, it } from 'vitest'
import { hashToRoute, routeToHash, sameRoute } from '../../../src/renderer/src/lib/routes'
import { STEP_IDS } from '../../../src/shared/steps'

describe('routes in the address fragment', () => {
  it('round-trips every route', () => {
    const routes = [
      { name: 'overview' } as const,
      { name: 'settings' } as const,
      { name: 'connections' } as const,
      ...STEP_IDS.map((stepId) => ({ name: 'step', stepId }) as const),
    ]
    for (const route of routes) expect(hashToRoute(routeToHash(route))).toEqual(route)
  })

  it('falls back to the overview for anything unknown', () => {
    expect(hashToRoute('')).toEqual({ name: 'overview' })
    expect(hashToRoute('#/step/nowhere')).toEqual({ name: 'overview' })
    expect(hashToRoute('#main')).toEqual({ name: 'overview' })
  })

  it('compares routes by where they lead', () => {
    expect(sameRoute({ name: 'step', stepId: 'plan' }, { name: 'step', stepId: 'plan' })).toBe(true)
    expect(sameRoute({ name: 'step', stepId: 'plan' }, { name: 'step', stepId: 'setup' })).toBe(
      false,
    )
  })
})
