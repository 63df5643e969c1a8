import { STEP_IDS, type StepId } from '../../../shared/steps'
import type { Route, StepView } from '../store/ui-slice'
import { hasStepTool } from './step-tools'

/**
 * The shell's route lives in the address's fragment (`#/step/parity`, `#/step/parity/tool`), so a
 * reload or the back button lands on the same page and view, in Electron and in browser mode
 * alike.
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
      return stepViewOf(route) === 'tool' ? `#/step/${route.stepId}/tool` : `#/step/${route.stepId}`
  }
}

const isStepId = (value: string): value is StepId => (STEP_IDS as readonly string[]).includes(value)

/**
 * The route of a fragment; anything unknown is the overview. A step's tool view on a step
 * without a tool is its checklist.
 */
export function hashToRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '')
  if (path === 'settings') return { name: 'settings' }
  if (path === 'connections') return { name: 'connections' }
  const match = /^step\/([a-z]+)(?:\/(checklist|tool))?\/?$/.exec(path)
  const step = match?.[1]
  if (step && isStepId(step)) {
    return match[2] === 'tool' && hasStepTool(step)
      ? { name: 'step', stepId: step, view: 'tool' }
      : { name: 'step', stepId: step }
  }
  return { name: 'overview' }
}

/** The view a step route shows: its checklist unless it asks for the step's tool (and has one). */
export const stepViewOf = (route: Extract<Route, { name: 'step' }>): StepView =>
  route.view === 'tool' && hasStepTool(route.stepId) ? 'tool' : 'checklist'

/** The route of a step's page in one view: `stepRoute('plan', 'tool')` is the inventory. */
export const stepRoute = (stepId: StepId, view: StepView = 'checklist'): Route =>
  view === 'tool' && hasStepTool(stepId)
    ? { name: 'step', stepId, view: 'tool' }
    : { name: 'step', stepId }

/**
 * True when two routes show the same page; a step's checklist and its tool are one page (the
 * rail marks the step as current in either view).
 */
export const sameRoute = (a: Route, b: Route): boolean =>
  a.name === 'step' && b.name === 'step' ? a.stepId === b.stepId : a.name === b.name
