import type { StepId } from '../../../../shared/steps'
import { overrideGate } from '../../actions/check-actions'
import { ReasonDialog } from '../common/ReasonDialog'

/**
 * “Override the gate”: opens a held gate, recording why and who decided (prefilled with this
 * machine's user name). Items whose own checks failed may then be marked done.
 */
export function OverrideDialog({
  stepId,
  stepTitle,
  onClose,
}: {
  stepId: StepId
  stepTitle: string
  onClose: () => void
}) {
  return (
    <ReasonDialog
      title="Override the gate"
      about={
        <p>
          “{stepTitle}” is held by what its checks found or by open items. An override lets its
          items be marked done anyway; the reason and the name are kept in the project file.
        </p>
      }
      reasonMissing="Say why the gate may open although it is held."
      submitLabel="Override the gate"
      failurePrefix="Could not override the gate"
      onSubmit={(reason, by) => overrideGate(stepId, stepTitle, reason, by)}
      onClose={onClose}
    />
  )
}
