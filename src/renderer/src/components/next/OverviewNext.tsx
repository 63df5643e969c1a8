import { stepLabel } from '../../../../shared/next-action'
import { goToAction } from '../../actions/next-actions'
import { useNextAction } from '../../hooks/use-next-action'
import { useStore } from '../../store'

/**
 * What to do next, at the top of the overview: the first step in the guide's order with
 * something left, what that is and why, and Continue, which goes where it is done.
 */
export function OverviewNext() {
  const action = useNextAction()
  const openDialog = useStore((s) => s.openDialog)
  if (!action) return null
  const finished = action.kind === 'finished'
  return (
    <section
      className={`card next-card${finished ? ' next-card-finished' : ''}`}
      aria-labelledby="ov-next"
      data-testid="overview-next"
      data-kind={action.kind}
    >
      <h2 id="ov-next" className="next-card-title">
        {finished ? 'The migration is complete' : 'What to do next'}
      </h2>
      {action.stepId && !finished ? (
        <p className="next-card-step">{stepLabel(action.stepId)}</p>
      ) : null}
      {finished ? null : <p className="next-card-action">{action.label}</p>}
      <p className="next-card-why">{action.why}</p>
      <div className="form-actions">
        {finished ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => openDialog({ kind: 'export', format: 'pdf' })}
          >
            Export the plan (PDF)…
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary"
            onClick={() => goToAction(action)}
          >
            Continue
          </button>
        )}
      </div>
    </section>
  )
}
