import { useId, useState, useTransition, type FormEvent, type ReactNode } from 'react'
import { useStore } from '../../store'
import { Modal } from '../dialogs/Modal'
import { FieldError } from './FieldError'

/** What an override dialog says and does; the reason and the name are its fields. */
export interface ReasonDialogProps {
  title: string
  /** What the override lets happen and what is kept (the dialog's description). */
  about: ReactNode
  /** The error when no reason is given. */
  reasonMissing: string
  submitLabel: string
  /** `Could not …` before the engine's message when recording fails. */
  failurePrefix: string
  /** Records the override; resolves to an error message, or null when it was recorded. */
  onSubmit: (reason: string, by: string) => Promise<string | null>
  onClose: () => void
}

/**
 * A modal that records a decision against a held gate: why, and who decided (prefilled with
 * this machine's user name), both required, the first missing field focused. The gate
 * overrides of the check steps and of the teardown use it.
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const { onClose } = props
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
    if (!reason.trim()) found.reason = props.reasonMissing
    if (!by.trim()) found.by = 'Give the name of who decided.'
    setErrors(found)
    if (found.reason || found.by) {
      document.getElementById(found.reason ? `${id}-reason` : `${id}-by`)?.focus()
      return
    }
    startTransition(async () => {
      const failed = await props.onSubmit(reason.trim(), by.trim())
      if (failed) setFailure(failed)
      else onClose()
    })
  }

  return (
    <Modal title={props.title} onCancel={onClose} describedBy={`${id}-about`}>
      {() => (
        <form onSubmit={submit} noValidate>
          <div id={`${id}-about`}>{props.about}</div>
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
              {props.failurePrefix}: {failure}
            </p>
          ) : null}
          <div className="modal-actions">
            <button type="submit" className="button button-primary" disabled={pending}>
              {props.submitLabel}
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
