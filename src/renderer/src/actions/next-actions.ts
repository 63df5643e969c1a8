import type { NextAction } from '../../../shared/next-action'
import { revealItem } from './item-actions'
import { navigate } from './navigation'

/**
 * Takes the user to where a next action is done: the Connections page, the item to work on, the
 * step's sign-off or the step itself (whose next-action card then offers the run).
 */
export function goToAction(action: NextAction): void {
  if (action.kind === 'connect') {
    navigate({ name: 'connections' })
    return
  }
  if (action.stepId === null) {
    navigate({ name: 'overview' })
    return
  }
  if (action.itemId && (action.kind === 'do-item' || action.kind === 'fix-check')) {
    revealItem(action.stepId, action.itemId)
    return
  }
  navigate({ name: 'step', stepId: action.stepId })
  if (action.kind === 'sign-off') showSignoff()
}

/** Scrolls the current step's sign-off into view and focuses its heading. */
export function showSignoff(): void {
  requestAnimationFrame(() => {
    const heading = document.querySelector<HTMLElement>('[data-testid="step-signoff"] h2')
    heading?.scrollIntoView({ block: 'center' })
    heading?.focus()
  })
}
