import type { NextAction } from '../../../../shared/next-action'
import type { StepId } from '../../../../shared/steps'
import type { CheckStep } from '../../../../shared/checks/check-entry'
import { startChecks } from '../../actions/check-actions'
import { startInventory } from '../../actions/inventory-actions'
import { startParityRun } from '../../actions/parity-actions'
import { useJobControl } from '../../hooks/use-job-control'
import { JobProgressView } from '../jobs/JobProgressView'

type RunKind = 'run-checks' | 'run-inventory' | 'run-parity'

const JOB_KIND: Record<RunKind, string> = {
  'run-checks': 'checks.run',
  'run-inventory': 'inventory.run',
  'run-parity': 'parity.run',
}

/** Whether a next action is a run the card can start itself. */
export const isRunAction = (action: NextAction): action is NextAction & { kind: RunKind } =>
  action.kind in JOB_KIND

function begin(kind: RunKind, stepId: StepId): Promise<string | null> {
  if (kind === 'run-inventory') return startInventory()
  if (kind === 'run-parity') return startParityRun()
  return startChecks({ step: stepId as CheckStep })
}

/**
 * The button that starts the step's run (checks, inventory or comparisons) from its next-action
 * card, then the run's progress with Cancel; the outcome shows where the run's own panel shows it.
 */
export function RunActionButton({ kind, stepId }: { kind: RunKind; stepId: StepId }) {
  const { job, busy, cancelling, start, cancel } = useJobControl(JOB_KIND[kind])
  return (
    <div className="next-run">
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void start(() => begin(kind, stepId))}
        >
          {kind === 'run-checks'
            ? 'Run the checks'
            : kind === 'run-inventory'
              ? 'Run the inventory'
              : 'Run the comparisons'}
        </button>
        {busy ? (
          <button type="button" className="button" onClick={cancel} disabled={!job || cancelling}>
            Cancel
          </button>
        ) : null}
      </div>
      {busy ? (
        <JobProgressView job={job ?? null} cancelling={cancelling} idPrefix={`next-${kind}`} />
      ) : null}
    </div>
  )
}
