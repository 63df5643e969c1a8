import type { StepId } from '../../../shared/steps'
import { isSettledStatus } from '../lib/item-summary'
import { itemToggleId } from '../lib/item-ids'
import { stepRoute, stepViewOf } from '../lib/routes'
import { useStore } from '../store'
import { navigate } from './navigation'

/** How many frames to wait for a page to render what was asked before giving up. */
const MAX_FRAMES = 60

/**
 * Calls `then` with the element of an id once the page shows it (on the next frames, after the
 * store's change has rendered), or never if it does not appear within about a second.
 */
function whenShown(id: string, then: (element: HTMLElement) => void): void {
  let frames = 0
  const look = () => {
    const element = document.getElementById(id)
    if (element) then(element)
    else if (++frames < MAX_FRAMES) requestAnimationFrame(look)
  }
  requestAnimationFrame(look)
}

/** Scrolls an element into the middle of the view and puts focus on it. */
export function focusElement(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex') && !element.matches('a, button, input, select, textarea')) {
    element.setAttribute('tabindex', '-1')
  }
  element.scrollIntoView({ block: 'center' })
  element.focus({ preventScroll: true })
}

/**
 * Shows a checklist item: moves to its step's checklist (from another page or the step's tool),
 * shows it even when the open-items filter hid it, opens its details, scrolls it into view and
 * puts focus on its disclosure button, or on the element `focusId` names inside its details (a
 * check's title).
 */
export function revealItem(stepId: StepId, itemId: string, focusId?: string): void {
  const state = useStore.getState()
  const { route } = state
  const here = route.name === 'step' && route.stepId === stepId && stepViewOf(route) === 'checklist'
  if (!here) navigate(stepRoute(stepId), { focusHeading: false })
  const status = state.project?.document.items[itemId]?.status
  if (state.onlyOpenItems && isSettledStatus(status)) state.setOnlyOpenItems(false)
  state.setItemOpen(stepId, itemId, true)
  whenShown(focusId ?? itemToggleId(itemId), focusElement)
}
