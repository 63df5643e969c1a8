import { useEffect, useRef } from 'react'
import type { ChecklistItemDef, StepId } from '../../../../shared/steps'
import { ITEM_SIDE_ID, itemToggleId } from '../../lib/item-ids'
import { useStore } from '../../store'
import { ItemDetails } from './ItemDetails'

/** Space kept between the sticky header and the column; the header's height is `--header-h`. */
const TOP = 'calc(var(--header-h, 4rem) + 1rem)'

/**
 * On a wide screen, the column beside the checklist with the details of the item opened last
 * (or a line saying how to open one). It stays in view while the list scrolls and scrolls on its
 * own. Close puts the focus back on the item's button in the list.
 */
export function ItemSidePanel({
  stepId,
  item,
}: {
  stepId: StepId
  item: ChecklistItemDef | undefined
}) {
  const setItemOpen = useStore((s) => s.setItemOpen)
  const ref = useRef<HTMLElement>(null)
  // Another item's details start at their top.
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = 0
  }, [item?.id])
  return (
    <section
      ref={ref}
      id={ITEM_SIDE_ID}
      className="item-side"
      aria-label={item ? `Details of “${item.title}”` : 'Item details'}
      data-side-item={item?.id}
      style={{ top: TOP, maxHeight: 'calc(100vh - var(--header-h, 4rem) - 2rem)' }}
    >
      {item ? (
        <>
          <div className="item-side-head">
            <p className="item-side-title">{item.title}</p>
            <button
              type="button"
              className="button button-small"
              aria-label={`Close the details of “${item.title}”`}
              onClick={() => {
                setItemOpen(stepId, item.id, false)
                document.getElementById(itemToggleId(item.id))?.focus()
              }}
            >
              Close
            </button>
          </div>
          <ItemDetails key={item.id} item={item} />
        </>
      ) : (
        <p className="muted item-side-empty">
          Open an item of the checklist to see its details here.
        </p>
      )}
    </section>
  )
}
