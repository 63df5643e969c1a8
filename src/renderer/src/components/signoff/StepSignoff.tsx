import { useId, useMemo, useState } from 'react'
import { SIGNOFF_LIMIT, type Signoff } from '../../../../shared/signoff'
import type { StepDef } from '../../../../shared/steps'
import { approvalsInOrder, changedAfterApproval, changedWarning } from '../../lib/signoff-view'
import { useStore } from '../../store'
import { selectItems } from '../../store/selectors'
import { ApprovalForm } from './ApprovalForm'
import { ApprovalList } from './ApprovalList'

const NO_SIGNOFF: Partial<Record<string, Signoff[]>> = {}

/**
 * The end of a step page: who approved the step (name, role, day, note, who recorded it), a
 * warning when its items changed after the latest approval, Remove, and “Record an approval”,
 * whose form opens on demand. The plan PDF prints these with a signature line each (blank lines
 * while nobody approved).
 */
export function StepSignoff({ step }: { step: StepDef }) {
  const id = useId()
  const items = useStore(selectItems)
  const signoff = useStore((s) => s.project?.document.signoff ?? NO_SIGNOFF)
  const openDialog = useStore((s) => s.openDialog)
  const [recording, setRecording] = useState(false)
  const approvals = useMemo(() => approvalsInOrder(signoff[step.id]), [signoff, step.id])
  const everyone = useMemo(() => Object.values(signoff).flatMap((list) => list ?? []), [signoff])
  const warning = changedWarning(
    changedAfterApproval(step, items, approvals),
    approvals[approvals.length - 1],
  )
  const headingId = `${id}-heading`
  const formId = `${id}-form`
  const full = approvals.length >= SIGNOFF_LIMIT
  return (
    <section className="signoff" aria-labelledby={headingId} data-testid="step-signoff">
      <div className="signoff-head">
        <h2 id={headingId} tabIndex={-1}>
          Sign-off
        </h2>
        {approvals.length === 0 ? (
          <p className="muted signoff-none">Nobody approved this step yet.</p>
        ) : null}
        {full ? null : (
          <button
            type="button"
            className="button button-small signoff-toggle"
            aria-expanded={recording}
            aria-controls={formId}
            onClick={() => setRecording((r) => !r)}
          >
            Record an approval…
          </button>
        )}
      </div>
      {warning ? (
        <p className="banner banner-warning signoff-warning" role="note">
          <strong>Changed since approved.</strong> {warning} Ask for the step to be approved again
          if the changes matter.
        </p>
      ) : null}
      {approvals.length > 0 ? (
        <ApprovalList
          step={step}
          approvals={approvals}
          onRemoved={() => document.getElementById(headingId)?.focus()}
        />
      ) : null}
      {full ? <ApprovalForm step={step} earlier={everyone} count={approvals.length} /> : null}
      <div id={formId} className="signoff-record" hidden={full || !recording}>
        {recording && !full ? (
          <>
            <p className="hint signoff-about">
              Record who approved this step, in a meeting or by mail. The plan PDF prints each
              approval with a signature line, and blank lines to sign by hand while nobody approved
              the step.{' '}
              <button
                type="button"
                className="button-link"
                onClick={() => openDialog({ kind: 'export', format: 'pdf' })}
              >
                Export the plan (PDF)…
              </button>
            </p>
            <ApprovalForm step={step} earlier={everyone} count={approvals.length} />
          </>
        ) : null}
      </div>
    </section>
  )
}
