import type { NextAction } from '../../../../shared/next-action'
import type { StepId } from '../../../../shared/steps'
import type { CheckStep } from '../../../../shared/checks/check-entry'
import { startChecks } from '../../actions/check-actions'
import { startInventory } from '../../actions/inventory-actions'
import { startParityRun } from '../../actions/parity-actions'
import { JobRunButton } from '../jobs/JobRunButton'

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

const LABEL: Record<RunKind, string> = {
  'run-checks': 'Run the checks',
  'run-inventory': 'Run the inventory',
  'run-parity': 'Run the comparisons',
}

/**
 * The button that starts the step's run (checks, inventory or comparisons) from its next-action
 * card, then the run's progress with Cancel; the outcome shows where the run's own panel shows it.
 */
export function RunActionButton({ kind, stepId }: { kind: RunKind; stepId: StepId }) {
  return (
    <JobRunButton
      kind={JOB_KIND[kind]}
      label={LABEL[kind]}
      begin={() => begin(kind, stepId)}
      idPrefix={`next-${kind}`}
      className="next-run"
    />
  )
}
