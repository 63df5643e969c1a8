import { useId, useState, useTransition, type FormEvent } from 'react'
import type { TeardownGate } from '../../../../shared/teardown/gates'
import { overrideTeardownGates } from '../../actions/teardown-actions'
import { useStore } from '../../store'
import { FieldError } from '../common/FieldError'
import { Modal } from '../dialogs/Modal'

/**
 * “Record an override” of the teardown gates: why the database stages may run although the
 * gates listed are not met, and who decided (prefilled with this machine's user name). The
 * engine records the gates not met at that moment; one that becomes unmet later is not covered.
 */
export function TeardownOverrideDialog({
  notMet,
  onClose,
}: {
  notMet: readonly TeardownGate[]
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
    if (!reason.trim())
      found.reason = 'Say why couch2pg may be removed although these gates are not met.'
    if (!by.trim()) found.by = 'Give the name of who decided.'
    setErrors(found)
    if (found.reason || found.by) {
      document.getElementById(found.reason ? `${id}-reason` : `${id}-by`)?.focus()
      return
    }
    startTransition(async () => {
      const failed = await overrideTeardownGates(reason.trim(), by.trim())
      if (failed) setFailure(failed)
      else onClose()
    })
  }

  return (
    <Modal title="Override the teardown gates" onCancel={onClose} describedBy={`${id}-about`}>
      {() => (
        <form onSubmit={submit} noValidate>
          <div id={`${id}-about`}>
            <p>
              The database stages may then run although these gates are not met; the reason, the
              name and the gates are kept in the project file:
            </p>
            <ul>
              {notMet.map((g) => (
                <li key={g.id}>{g.title}</li>
              ))}
            </ul>
          </div>
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
              Could not record the override: {failure}
            </p>
          ) : null}
          <div className="modal-actions">
            <button type="submit" className="button button-primary" disabled={pending}>
              Record the override
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
