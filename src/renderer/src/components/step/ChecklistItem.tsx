import { memo } from 'react'
import type { ChecklistItemDef, StepId } from '../../../../shared/steps'
import { useItemVerdict } from '../../hooks/use-item-verdict'
import { ITEM_SIDE_ID, itemDetailsId, itemHeadingId, itemToggleId } from '../../lib/item-ids'
import { isSettledStatus, itemSummary } from '../../lib/item-summary'
import { STATUS_LABEL } from '../../lib/labels'
import { useStore } from '../../store'
import { selectItem } from '../../store/selectors'
import { ItemDetails } from './ItemDetails'
import { VerdictBadge } from './VerdictBadge'

/** Where an opened item shows its details: under its row, or in the side column of a wide screen. */
export type DetailsPlace = 'inline' | 'side'

/**
 * One checklist item as a row: its title (a heading holding the button that opens its details),
 * its status, the verdict of what judges it, the key consideration badge and a one-line summary.
 * Its details open under the row, or, on a wide screen, in the column beside the checklist.
 * Done and not applicable items are drawn muted.
 */
export const ChecklistItem = memo(function ChecklistItem({
  stepId,
  item,
  place,
  printing,
}: {
  stepId: StepId
  item: ChecklistItemDef
  place: DetailsPlace
  /** The page is being printed: every item prints open. */
  printing: boolean
}) {
  const state = useStore(selectItem(item.id))
  const opened = useStore((s) =>
    place === 'side' ? s.lastOpenedItem[stepId] === item.id : s.openItems[item.id] === true,
  )
  const setItemOpen = useStore((s) => s.setItemOpen)
  const verdict = useItemVerdict(item)
  const status = state?.status ?? 'todo'
  const open = opened || printing
  const inlineOpen = open && place === 'inline'
  const headingId = itemHeadingId(item.id)
  const detailsId = itemDetailsId(item.id)

  return (
    <article
      className={`item item-${status}${isSettledStatus(status) ? ' item-settled' : ''}${
        open ? ' item-open' : ''
      }`}
      aria-labelledby={headingId}
      data-item-id={item.id}
      data-status={status}
    >
      <div className="item-row">
        <h2 id={headingId} className="item-title">
          <button
            id={itemToggleId(item.id)}
            type="button"
            className="item-toggle"
            aria-expanded={open}
            aria-controls={place === 'side' ? ITEM_SIDE_ID : detailsId}
            onClick={() => setItemOpen(stepId, item.id, !opened)}
          >
            <span className="item-chevron" aria-hidden="true" />
            {item.title}
          </button>
        </h2>
        <p className="item-facts">
          {item.source === 'consideration' ? (
            <span className="badge badge-consideration">Key consideration</span>
          ) : null}
          <span className={`badge item-status item-status-${status}`}>
            <span className="visually-hidden">Status: </span>
            {STATUS_LABEL[status]}
          </span>
          {verdict ? <VerdictBadge verdict={verdict} /> : null}
        </p>
        {inlineOpen ? null : (
          <p className="item-summary">{itemSummary(state?.note, item.detail)}</p>
        )}
      </div>
      {place === 'inline' ? (
        <div id={detailsId} className="item-details" hidden={!inlineOpen}>
          {inlineOpen ? <ItemDetails item={item} /> : null}
        </div>
      ) : null}
    </article>
  )
})
