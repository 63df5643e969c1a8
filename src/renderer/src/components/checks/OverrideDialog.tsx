import { useId, useState, useTransition, type FormEvent } from 'react'
import type { StepId } from '../../../../shared/steps'
import { overrideGate } from '../../actions/check-actions'
import { useStore } from '../../store'
import { FieldError } from '../common/FieldError'
import { Modal } from '../dialogs/Modal'

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
  const id = useId()
  const userName = useStore((s) => s.preferences.userName)
  const [reason, setReason] = useState('')
  const [by, setBy] = useState(userName)
  const [errors, setErrors] = useState<{ reason?: string; by?: string }>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const found: { reason?: string; by?: string } = {}
    if (!reason.trim()) found.reason = 'Say why the gate may open although it is held.'
    if (!by.trim()) found.by = 'Give the name of who decided.'
    setErrors(found)
    if (found.reason || found.by) {
      document.getElementById(found.reason ? `${id}-reason` : `${id}-by`)?.focus()
      return
    }
    startTransition(async () => {
      const failed = await overrideGate(stepId, stepTitle, reason.trim(), by.trim())
      if (failed) setFailure(failed)
      else onClose()
    })
  }

  return (
    <Modal title="Override the gate" onCancel={onClose} describedBy={`${id}-about`}>
      {() => (
        <form onSubmit={submit} noValidate>
          <p id={`${id}-about`}>
            “{stepTitle}” is held by what its checks found or by open items. An override lets its
            items be marked done anyway; the reason and the name are kept in the project file.
          </p>
          <div className="field">
            <label htmlFor={`${id}-reason`}>Reason</label>
            <textarea
              id={`${id}-reason`}
              className="input textarea"
              rows={3}
              maxLength={2000}
              autoFocus
              value={reason}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            <FieldError fieldId={`${id}-reason`} error={errors.reason} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-by`}>Decided by</label>
            <input
              id={`${id}-by`}
              className="input"
              maxLength={200}
              autoComplete="name"
              value={by}
              aria-invalid={errors.by ? true : undefined}
              aria-describedby={errors.by ? `${id}-by-error` : undefined}
              onChange={(e) => setBy(e.target.value)}
            />
            <FieldError fieldId={`${id}-by`} error={errors.by} />
          </div>
          {failure ? (
            <p className="field-error" role="alert">
              Could not override the gate: {failure}
            </p>
          ) : null}
          <div className="modal-actions">
            <button type="submit" className="button button-primary" disabled={pending}>
              Override the gate
            </button>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Modal>
  )
}
