import type { StepId } from '../../../shared/steps'
import { navigate } from './navigation'

/**
 * Goes to a step's checklist and brings one item into view, its heading focused. (The compact
 * step pages replace this with a version that also opens the item's details.)
 */
export function revealItem(stepId: StepId, itemId: string): void {
  navigate({ name: 'step', stepId })
  requestAnimationFrame(() => {
    const item = document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(itemId)}"]`)
    item?.scrollIntoView({ block: 'start' })
    item?.querySelector<HTMLElement>('h2, button')?.focus()
  })
}
