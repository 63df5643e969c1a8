import { useMemo } from 'react'
import { stepGate } from '../../../../shared/checks/gate'
import { STEPS } from '../../../../shared/steps-catalog'
import type { StepId } from '../../../../shared/steps'
import { revealItem } from '../../actions/item-actions'
import { navigate } from '../../actions/navigation'
import { useNow } from '../../hooks/use-now'
import { routeToHash } from '../../lib/routes'
import { useStore } from '../../store'

/** How many of a held step's blockers the footer names before saying how many more. */
const NAMED_BLOCKERS = 3

/** What still holds the step, in a sentence with the first few things as links. */
function StillOpen({ stepId }: { stepId: StepId }) {
  const document = useStore((s) => s.project?.document ?? null)
  const now = useNow()
  const gate = useMemo(
    () => (document ? stepGate(document, stepId, now) : null),
    [document, stepId, now],
  )
  if (!gate || gate.blockers.length === 0) {
    return (
      <p className="step-footer-standing">
        {gate?.state === 'open' ? 'Nothing holds this step.' : null}
      </p>
    )
  }
  const named = gate.blockers.slice(0, NAMED_BLOCKERS)
  const more = gate.blockers.length - named.length
  return (
    <div className="step-footer-standing">
      <p>
        <strong>
          Still open on this step ({gate.blockers.length}
          {gate.state === 'overridden' ? ', gate overridden' : ''}):
        </strong>
      </p>
      <ul>
        {named.map((b) => (
          <li key={`${b.kind}-${b.id}`}>
            <a
              href={routeToHash({ name: 'step', stepId })}
              onClick={(e) => {
                e.preventDefault()
                revealItem(stepId, b.itemId)
              }}
            >
              {b.title}
            </a>{' '}
            <span className="muted">({b.why})</span>
          </li>
        ))}
        {more > 0 ? <li className="muted">and {more} more</li> : null}
      </ul>
    </div>
  )
}

/**
 * The end of a step page: what still holds the step, Continue to the next step (the guide lets
 * you look ahead while a step is open) and the way back to the previous one.
 */
export function StepFooter({ stepId }: { stepId: StepId }) {
  const index = STEPS.findIndex((s) => s.id === stepId)
  const previous = STEPS[index - 1]
  const next = STEPS[index + 1]
  return (
    <footer className="step-footer" aria-label="After this step">
      <StillOpen stepId={stepId} />
      <nav className="step-neighbours" aria-label="Previous and next step">
        {previous ? (
          <a
            href={routeToHash({ name: 'step', stepId: previous.id })}
            onClick={(e) => {
              e.preventDefault()
              navigate({ name: 'step', stepId: previous.id })
            }}
          >
            ← Step {previous.number}: {previous.title}
          </a>
        ) : (
          <span />
        )}
        {next ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => navigate({ name: 'step', stepId: next.id })}
          >
            Continue to step {next.number}: {next.title}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => navigate({ name: 'overview' })}>
            Back to the overview
          </button>
        )}
      </nav>
    </footer>
  )
}
