import { useOptimistic, useTransition } from 'react'
import type { ItemStatus } from '../../../../shared/project-schema'
import { sendIntents } from '../../actions/project-actions'
import { STATUS_LABEL, STATUS_OPTIONS } from '../../lib/labels'

/**
 * The four statuses of an item as a radio group: Tab reaches the group, the arrow keys choose.
 * The choice shows at once and is sent to the engine; the engine's answer then confirms it.
 */
export function StatusControl({
  itemId,
  itemTitle,
  status,
}: {
  itemId: string
  itemTitle: string
  status: ItemStatus
}) {
  const [shown, showStatus] = useOptimistic(status)
  const [, startTransition] = useTransition()
  const name = `status-${itemId}`

  const choose = (next: ItemStatus) => {
    startTransition(async () => {
      showStatus(next)
      await sendIntents(
        [{ type: 'item.set', itemId, status: next }],
        `“${itemTitle}” is now ${STATUS_LABEL[next]}.`,
      )
    })
  }

  return (
    <fieldset className="status-control">
      <legend className="field-label">Status</legend>
      <div className="segmented">
        {STATUS_OPTIONS.map((option) => (
          <label key={option.value} className={`segment segment-${option.value}`}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={shown === option.value}
              onChange={() => choose(option.value)}
            />
            <span>
              {shown === option.value ? (
                <span className="segment-check" aria-hidden="true">
                  ✓{' '}
                </span>
              ) : null}
              {option.label}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
