import { describe, expect, it } from 'vitest'
import {
  hashToRoute,
  routeToHash,
  sameRoute,
  stepRoute,
  stepViewOf,
} from '../../../src/renderer/src/lib/routes'
import { hasStepTool, STEP_TOOL_LABEL } from '../../../src/renderer/src/lib/step-tools'
import type { Route } from '../../../src/renderer/src/store/ui-slice'
import { STEP_IDS } from '../../../src/shared/steps'

const TOOL_STEPS = STEP_IDS.filter(hasStepTool)

describe('routes in the address fragment', () => {
  it('round-trips every route, each step in its checklist and (where it has one) its tool', () => {
    const routes: Route[] = [
      { name: 'overview' },
      { name: 'settings' },
      { name: 'connections' },
      ...STEP_IDS.map((stepId) => ({ name: 'step', stepId }) as const),
      ...TOOL_STEPS.map((stepId) => ({ name: 'step', stepId, view: 'tool' }) as const),
    ]
    for (const route of routes) expect(hashToRoute(routeToHash(route))).toEqual(route)
  })

  it('names the four steps with a tool', () => {
    expect(TOOL_STEPS).toEqual(['plan', 'parity', 'optimize', 'teardown'])
    expect(STEP_TOOL_LABEL.plan).toBe('Inventory')
  })

  it('puts the tool view in the fragment and leaves the checklist the plain step address', () => {
    expect(routeToHash({ name: 'step', stepId: 'plan', view: 'tool' })).toBe('#/step/plan/tool')
    expect(routeToHash({ name: 'step', stepId: 'plan', view: 'checklist' })).toBe('#/step/plan')
    expect(routeToHash({ name: 'step', stepId: 'plan' })).toBe('#/step/plan')
    // A step without a tool has only its checklist.
    expect(routeToHash({ name: 'step', stepId: 'setup', view: 'tool' })).toBe('#/step/setup')
  })

  it('reads the old step addresses and the explicit checklist as the checklist', () => {
    expect(hashToRoute('#/step/parity')).toEqual({ name: 'step', stepId: 'parity' })
    expect(hashToRoute('#/step/parity/')).toEqual({ name: 'step', stepId: 'parity' })
    expect(hashToRoute('#/step/parity/checklist')).toEqual({ name: 'step', stepId: 'parity' })
    expect(hashToRoute('#step/parity/tool')).toEqual({
      name: 'step',
      stepId: 'parity',
      view: 'tool',
    })
    expect(hashToRoute('#/step/setup/tool')).toEqual({ name: 'step', stepId: 'setup' })
  })

  it('falls back to the overview for anything unknown', () => {
    expect(hashToRoute('')).toEqual({ name: 'overview' })
    expect(hashToRoute('#/step/nowhere')).toEqual({ name: 'overview' })
    expect(hashToRoute('#/step/plan/elsewhere')).toEqual({ name: 'overview' })
    expect(hashToRoute('#main')).toEqual({ name: 'overview' })
  })

  it('builds a step route in a view, and reads the view of one', () => {
    expect(stepRoute('teardown', 'tool')).toEqual({
      name: 'step',
      stepId: 'teardown',
      view: 'tool',
    })
    expect(stepRoute('teardown')).toEqual({ name: 'step', stepId: 'teardown' })
    expect(stepRoute('monitor', 'tool')).toEqual({ name: 'step', stepId: 'monitor' })
    expect(stepViewOf({ name: 'step', stepId: 'plan', view: 'tool' })).toBe('tool')
    expect(stepViewOf({ name: 'step', stepId: 'plan' })).toBe('checklist')
    expect(stepViewOf({ name: 'step', stepId: 'setup', view: 'tool' })).toBe('checklist')
  })

  it('compares routes by the page they show, a step in either view being one page', () => {
    expect(sameRoute({ name: 'step', stepId: 'plan' }, { name: 'step', stepId: 'plan' })).toBe(true)
    expect(
      sameRoute({ name: 'step', stepId: 'plan' }, { name: 'step', stepId: 'plan', view: 'tool' }),
    ).toBe(true)
    expect(sameRoute({ name: 'step', stepId: 'plan' }, { name: 'step', stepId: 'setup' })).toBe(
      false,
    )
    expect(sameRoute({ name: 'overview' }, { name: 'overview' })).toBe(true)
    expect(sameRoute({ name: 'overview' }, { name: 'settings' })).toBe(false)
  })
})
