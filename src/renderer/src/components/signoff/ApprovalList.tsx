import { useState } from 'react'
import type { Signoff } from '../../../../shared/signoff'
import type { StepDef } from '../../../../shared/steps'
import { removeApproval } from '../../actions/signoff-actions'
import { dayInWords } from '../../lib/signoff-view'
import { TimeAgo } from '../common/TimeAgo'
import { ConfirmDialog } from '../dialogs/ConfirmDialog'

/** “Remove the approval by …?”: the approval stays unless Remove is pressed. */
function RemoveApprovalDialog({
  step,
  approval,
  onClose,
  onRemoved,
}: {
  step: StepDef
  approval: Signoff
  onClose: () => void
  onRemoved: () => void
}) {
  return (
    <ConfirmDialog
      title="Remove this approval?"
      message={`The approval of “${step.title}” by ${approval.name}, given on ${dayInWords(approval.at)}, is taken out of the project, and the plan no longer prints it.`}
      confirmLabel="Remove the approval"
      keepLabel="Keep it"
      failurePrefix="Could not remove the approval"
      onClose={onClose}
      onConfirm={async () => {
        const failed = await removeApproval(step.id, step.title, approval.id, approval.name)
        if (!failed) onRemoved()
        return failed
      }}
    />
  )
}

/** One recorded approval: who, in which role, on which day, the note, who recorded it when. */
function ApprovalEntry({ approval, onRemove }: { approval: Signoff; onRemove: () => void }) {
  const role = approval.role.trim()
  return (
    <li className="signoff-entry" data-testid="signoff-entry">
      <div className="signoff-entry-head">
        <p className="signoff-who">
          <strong>{approval.name}</strong>
          {role ? <span className="signoff-role">, {role}</span> : null}
        </p>
        <button
          type="button"
          className="button button-small button-quiet"
          aria-label={`Remove the approval by ${approval.name}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
      <p className="signoff-day">
        Approved on <time dateTime={approval.at}>{dayInWords(approval.at)}</time>
      </p>
      {approval.note.trim() ? <p className="signoff-note">{approval.note}</p> : null}
      <p className="muted signoff-recorded">
        Recorded by{' '}
        {approval.recordedBy?.trim() ? approval.recordedBy : 'someone without a name set'},{' '}
        <TimeAgo iso={approval.recordedAt} />
      </p>
    </li>
  )
}

/**
 * A step's recorded approvals, oldest first, each with Remove (asked again in a dialog). Once an
 * approval is removed the focus goes to `onRemoved`'s target (the region's heading), as its
 * button is gone.
 */
export function ApprovalList({
  step,
  approvals,
  onRemoved,
}: {
  step: StepDef
  approvals: readonly Signoff[]
  onRemoved: () => void
}) {
  const [removing, setRemoving] = useState<Signoff | null>(null)
  if (approvals.length === 0) {
    return <p className="muted signoff-none">Nobody approved this step yet.</p>
  }
  return (
    <>
      <ol className="signoff-list" aria-label={`Approvals of ${step.title}`}>
        {approvals.map((approval) => (
          <ApprovalEntry
            key={approval.id}
            approval={approval}
            onRemove={() => setRemoving(approval)}
          />
        ))}
      </ol>
      {removing ? (
        <RemoveApprovalDialog
          step={step}
          approval={removing}
          onClose={() => setRemoving(null)}
          onRemoved={() => {
            setRemoving(null)
            // After the dialog has given the focus back (to a button now gone).
            setTimeout(onRemoved, 0)
          }}
        />
      ) : null}
    </>
  )
}
