import type { GateBlocker } from '../../../../shared/checks/gate'
import type { StepId } from '../../../../shared/steps'
import { checkHeadingId, itemHeadingId } from '../../lib/check-view'
import { routeToHash } from '../../lib/routes'

/** Scrolls to a check or an item on this page and puts focus on its title. */
function focusOnPage(domId: string): void {
  const target = document.getElementById(domId)
  if (!target) return
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.scrollIntoView({ block: 'center' })
  target.focus({ preventScroll: true })
}

/**
 * What holds a gate, or is worth a look: each check or item as a link that moves to it on this
 * page, and why in words.
 */
export function GateList({
  stepId,
  entries,
  label,
  showLabel = true,
}: {
  stepId: StepId
  entries: readonly GateBlocker[]
  label: string
  /** False where something else shows what the list is (a disclosure's summary). */
  showLabel?: boolean
}) {
  const href = routeToHash({ name: 'step', stepId })
  if (entries.length === 0) return null
  const labelId = `gate-list-${label.replace(/\W+/g, '-').toLowerCase()}`
  return (
    <div className="gate-group">
      {showLabel ? (
        <p id={labelId} className="field-label">
          {label} ({entries.length})
        </p>
      ) : null}
      <ul
        className={`gate-list${entries.length > 6 ? ' gate-list-long' : ''}`}
        aria-labelledby={showLabel ? labelId : undefined}
        aria-label={showLabel ? undefined : label}
      >
        {entries.map((entry) => (
          <li key={`${entry.kind}-${entry.id}-${entry.why}`}>
            <a
              href={href}
              onClick={(e) => {
                e.preventDefault()
                focusOnPage(
                  entry.kind === 'check' ? checkHeadingId(entry.id) : itemHeadingId(entry.id),
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
