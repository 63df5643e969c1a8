import type { CheckStep } from '../../../../shared/checks/check-catalog'
import { startChecks } from '../../actions/check-actions'
import { JobRunButton } from '../jobs/JobRunButton'

/**
 * “Run all checks of this step”: starts `checks.run` for the step, then shows the running job's
 * progress (which check, how many of how many) with Cancel. Any checks run shows here, one
 * started from a single check's Run button or one a reloaded page found running; its outcome is
 * announced when it ends (`checksRunFinished`).
 */
export function RunStepChecks({ step }: { step: CheckStep }) {
  return (
    <JobRunButton
      kind="checks.run"
      label="Run all checks of this step"
      begin={() => startChecks({ step })}
      idPrefix="checks"
      className="gate-run"
    />
  )
}
