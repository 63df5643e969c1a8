import type { GateBlocker } from '../../../../shared/checks/gate'
import type { StepId } from '../../../../shared/steps'
import { revealItem } from '../../actions/item-actions'
import { checkHeadingId } from '../../lib/check-view'
import { routeToHash, stepRoute } from '../../lib/routes'

/**
 * What holds a gate, or is worth a look: each check or item as a link that opens its item in the
 * checklist and puts focus on it (the item's button, or the check's title), and why in words.
 */
export function GateList({
  stepId,
  entries,
  label,
  notes = false,
}: {
  stepId: StepId
  entries: readonly GateBlocker[]
  label: string
  /** Entries to look at rather than blockers: their reasons are not drawn as failures. */
  notes?: boolean
}) {
  const href = routeToHash(stepRoute(stepId))
  if (entries.length === 0) return null
  const labelId = `gate-list-${label.replace(/\W+/g, '-').toLowerCase()}`
  return (
    <div className={notes ? 'gate-group gate-group-notes' : 'gate-group'}>
      <p id={labelId} className="field-label">
        {label} ({entries.length})
      </p>
      <ul
        className={`gate-list${entries.length > 6 ? ' gate-list-long' : ''}`}
        aria-labelledby={labelId}
      >
        {entries.map((entry) => (
          <li key={`${entry.kind}-${entry.id}-${entry.why}`}>
            <a
              href={href}
              onClick={(e) => {
                e.preventDefault()
                revealItem(
                  stepId,
                  entry.itemId,
                  entry.kind === 'check' ? checkHeadingId(entry.id) : undefined,
                )
              }}
            >
              {entry.title}
            </a>{' '}
            <span className={`gate-why gate-why-${entry.kind}`}>({entry.why})</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
