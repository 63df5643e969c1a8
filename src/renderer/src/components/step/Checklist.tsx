import { useId, useLayoutEffect, useRef } from 'react'
import type { ItemStatus } from '../../../../shared/project-schema'
import type { StepDef } from '../../../../shared/steps'
import { ITEM_SIDE_ID, itemDetailsId, itemToggleId } from '../../lib/item-ids'
import { isSettledStatus } from '../../lib/item-summary'
import { useStore } from '../../store'
import { selectItems } from '../../store/selectors'
import { ChecklistItem, type DetailsPlace } from './ChecklistItem'
import { ItemSidePanel } from './ItemSidePanel'

/** True when the focus is in the opened details of an item (under its row or beside the list). */
function focusIsInDetails(active: Element, itemId: string): boolean {
  if (document.getElementById(itemDetailsId(itemId))?.contains(active)) return true
  const side = document.getElementById(ITEM_SIDE_ID)
  return side?.dataset.sideItem === itemId && side.contains(active)
}

/**
 * After an item was settled from its details: the focus on its button, or (when the open-items
 * filter hid it) on the next item's, the previous one's, or the filter.
 */
function focusNear(step: StepDef, itemId: string, filterId: string): void {
  const index = step.items.findIndex((i) => i.id === itemId)
  const order = [...step.items.slice(index), ...step.items.slice(0, Math.max(0, index)).reverse()]
  for (const candidate of order) {
    const button = document.getElementById(itemToggleId(candidate.id))
    if (button) return button.focus()
  }
  document.getElementById(filterId)?.focus()
}

/**
 * Closes an item when it becomes done or not applicable. If the focus was in its details (on
 * the status just chosen) it goes to the item's button, or nearby when the item left the list.
 */
function useCloseWhenSettled(step: StepDef, statuses: readonly ItemStatus[], filterId: string) {
  const key = statuses.join(' ')
  const previous = useRef(key)
  useLayoutEffect(() => {
    const before = previous.current.split(' ')
    previous.current = key
    const now = key.split(' ')
    step.items.forEach((item, k) => {
      if (isSettledStatus(before[k] as ItemStatus) || !isSettledStatus(now[k] as ItemStatus)) {
        return
      }
      const active = document.activeElement
      const lost = active === null || active === document.body
      const inside = !lost && focusIsInDetails(active, item.id)
      useStore.getState().setItemOpen(step.id, item.id, false)
      if (lost || inside) focusNear(step, item.id, filterId)
    })
  }, [key, step, filterId])
}

/**
 * A step's checklist: the “Only open items” filter, then one row per item; on a wide screen the
 * opened item's details in a column beside the list.
 */
export function Checklist({
  step,
  place,
  printing,
}: {
  step: StepDef
  place: DetailsPlace
  printing: boolean
}) {
  const id = useId()
  const filterId = `${id}-only-open`
  const items = useStore(selectItems)
  const onlyOpen = useStore((s) => s.onlyOpenItems)
  const setOnlyOpen = useStore((s) => s.setOnlyOpenItems)
  const lastOpened = useStore((s) => s.lastOpenedItem[step.id])
  const statuses = step.items.map((i) => items[i.id]?.status ?? 'todo')
  useCloseWhenSettled(step, statuses, filterId)
  const settled = statuses.filter(isSettledStatus).length
  const hiding = onlyOpen && !printing
  const shown = hiding ? step.items.filter((_, k) => !isSettledStatus(statuses[k])) : step.items
  const sideItem = place === 'side' ? step.items.find((i) => i.id === lastOpened) : undefined

  return (
    <div className={`checklist-layout${place === 'side' ? ' checklist-layout-columns' : ''}`}>
      <div className="checklist-main">
        <div className="checklist-toolbar">
          <label className="checklist-filter">
            <input
              id={filterId}
              type="checkbox"
              checked={onlyOpen}
              aria-describedby={`${id}-hidden`}
              onChange={(e) => setOnlyOpen(e.target.checked)}
            />{' '}
            Only open items
          </label>
          <span id={`${id}-hidden`} className="muted checklist-hidden" data-testid="hidden-count">
            {hiddenText(settled, hiding)}
          </span>
        </div>
        <ol className="checklist" aria-label={`Checklist for ${step.title}`}>
          {shown.map((item) => (
            <li key={item.id}>
              <ChecklistItem stepId={step.id} item={item} place={place} printing={printing} />
            </li>
          ))}
        </ol>
        {shown.length === 0 ? (
          <p className="muted checklist-empty">
            Every item of this step is done or not applicable. Untick “Only open items” to see them.
          </p>
        ) : null}
      </div>
      {place === 'side' ? <ItemSidePanel stepId={step.id} item={sideItem} /> : null}
    </div>
  )
}

/** `3 done or not applicable hidden`, or how many the filter would hide. */
function hiddenText(settled: number, hiding: boolean): string {
  if (settled === 0) return 'No item is done or not applicable yet.'
  const items = settled === 1 ? 'item' : 'items'
  return hiding
    ? `${settled} done or not applicable ${items} hidden.`
    : `${settled} ${items} done or not applicable.`
}
