import type { StepId } from '../../../shared/steps'
import { routeToHash, stepRoute } from '../lib/routes'
import { useStore } from '../store'
import type { Route, StepView } from '../store/ui-slice'

/**
 * Moves the shell to a page and records it in the history (the fragment of the address), so the
 * back button and a reload come back to it. Focus moves to the new page's heading, unless the
 * caller puts it somewhere itself (`focusHeading: false`).
 */
export function navigate(route: Route, { focusHeading = true } = {}): void {
  const hash = routeToHash(route)
  if (window.location.hash !== hash) window.history.pushState(null, '', hash)
  useStore.getState().setRoute(route, focusHeading)
}

/** Shows the overview without adding a history entry (after opening or creating a project). */
export function showOverview(): void {
  const overview: Route = { name: 'overview' }
  window.history.replaceState(null, '', routeToHash(overview))
  useStore.getState().setRoute(overview, false)
}

/** Opens a step's page on its tool (the Plan step's inventory, the Parity step's comparisons…). */
export function openStepTool(stepId: StepId): void {
  navigate(stepRoute(stepId, 'tool'))
}

/**
 * Switches the current step page between its checklist and its tool, as its tabs do: the
 * address follows (a reload lands on the same view) without a history entry per switch, and
 * the focus stays where the user is.
 */
export function showStepView(stepId: StepId, view: StepView): void {
  const route = stepRoute(stepId, view)
  window.history.replaceState(null, '', routeToHash(route))
  useStore.getState().setRoute(route, false)
}
