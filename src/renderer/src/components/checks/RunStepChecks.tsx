import type { CheckStep } from '../../../../shared/checks/check-catalog'
import { startChecks } from '../../actions/check-actions'
import { useJobControl } from '../../hooks/use-job-control'
import { JobProgressView } from '../jobs/JobProgressView'

/**
 * “Run all checks of this step”: starts `checks.run` for the step, then shows the running job's
 * progress (which check, how many of how many) with Cancel. Any checks run shows here, one
 * started from a single check's Run button or one a reloaded page found running; its outcome is
 * announced when it ends (`checksRunFinished`).
 */
export function RunStepChecks({ step }: { step: CheckStep }) {
  const { job, busy, cancelling, start, cancel } = useJobControl('checks.run')
  return (
    <div className="gate-run">
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void start(() => startChecks({ step }))}
        >
          Run all checks of this step
        </button>
        {busy ? (
          <button type="button" className="button" onClick={cancel} disabled={!job || cancelling}>
            Cancel
          </button>
        ) : null}
      </div>
      {busy ? (
        <JobProgressView job={job ?? null} cancelling={cancelling} idPrefix="checks" />
      ) : null}
    </div>
  )
}
