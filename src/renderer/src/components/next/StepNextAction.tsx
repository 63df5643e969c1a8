import type { StepId } from '../../../../shared/steps'
import { goToAction, showSignoff } from '../../actions/next-actions'
import { useNextAction } from '../../hooks/use-next-action'
import { isRunAction, RunActionButton } from './RunActionButton'

/**
 * The step's next action, under its heading: the run the step still needs, the failed check to
 * fix, the next item, or the approval to record, with the button that does it or goes there.
 */
export function StepNextAction({ stepId }: { stepId: StepId }) {
  const action = useNextAction(stepId)
  if (!action) return null
  if (action.kind === 'next-step' || action.kind === 'finished') {
    return (
      <p className="next-action next-action-done" data-testid="step-next-action">
        <strong>Nothing left on this step.</strong> {action.why}
      </p>
    )
  }
  return (
    <section
      className={`next-action next-action-${action.kind}`}
      aria-labelledby="step-next-heading"
      data-testid="step-next-action"
      data-kind={action.kind}
    >
      <h2 id="step-next-heading" className="next-action-heading">
        <span className="next-action-eyebrow">Next on this step</span> {action.label}
      </h2>
      <p className="next-action-why">{action.why}</p>
      {isRunAction(action) ? (
        <RunActionButton kind={action.kind} stepId={stepId} />
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => (action.kind === 'sign-off' ? showSignoff() : goToAction(action))}
          >
            {action.kind === 'connect'
              ? 'Open the connections'
              : action.kind === 'sign-off'
                ? 'Go to the sign-off'
                : 'Open the item'}
          </button>
        </div>
      )}
    </section>
  )
}
