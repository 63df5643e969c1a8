import { STEP_IDS, type StepId } from '../../../shared/steps'
import type { Route } from '../store/ui-slice'

/**
 * The shell's route lives in the address's fragment (`#/step/parity`), so a reload or the back
 * button lands on the same page, in Electron and in browser mode alike.
 */
export function routeToHash(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '#/overview'
    case 'connections':
      return '#/connections'
    case 'settings':
      return '#/settings'
    case 'step':
      return `#/step/${route.stepId}`
  }
}

const isStepId = (value: string): value is StepId => (STEP_IDS as readonly string[]).includes(value)

/** The route of a fragment; anything unknown is the overview. */
export function hashToRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '')
  if (path === 'settings') return { name: 'settings' }
  if (path === 'connections') return { name: 'connections' }
  const step = /^step\/([a-z]+)$/.exec(path)?.[1]
  if (step && isStepId(step)) return { name: 'step', stepId: step }
  return { name: 'overview' }
}

export const sameRoute = (a: Route, b: Route): boolean => routeToHash(a) === routeToHash(b)
