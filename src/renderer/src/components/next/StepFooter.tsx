import { STEPS } from '../../../../shared/steps-catalog'
import type { StepId } from '../../../../shared/steps'
import { navigate } from '../../actions/navigation'
import { routeToHash } from '../../lib/routes'

/** The end of a step page: the way to the previous and the next step. */
export function StepFooter({ stepId }: { stepId: StepId }) {
  const index = STEPS.findIndex((s) => s.id === stepId)
  const previous = STEPS[index - 1]
  const next = STEPS[index + 1]
  return (
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
        <a
          href={routeToHash({ name: 'step', stepId: next.id })}
          onClick={(e) => {
            e.preventDefault()
            navigate({ name: 'step', stepId: next.id })
          }}
        >
          Step {next.number}: {next.title} →
        </a>
      ) : null}
    </nav>
  )
}
