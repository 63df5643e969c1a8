import { useEffect, useId, useRef, useState, useTransition, type ReactNode } from 'react'
import { Modal } from './Modal'

/** What a confirmation asks, and what each answer does. */
export interface ConfirmDialogProps {
  title: string
  /** The question's details: what happens if the person confirms. */
  message: ReactNode
  /** The label of the button that does it (shown in the danger style). */
  confirmLabel: string
  /** The label of the safe answer, which has the focus. */
  keepLabel: string
  /** Starts the message shown when the action fails, e.g. “Could not remove the approval”. */
  failurePrefix: string
  /** Does it; resolves with the failure's message, or null when it was done. */
  onConfirm(): Promise<string | null>
  onClose(): void
}

/**
 * “Remove …?” and the like: nothing happens unless the person confirms. The safe answer takes the
 * focus once the dialog has opened, the confirm button is disabled while the action runs, and a
 * failure is said in the dialog (an alert), which stays open.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const [failure, setFailure] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const keep = useRef<HTMLButtonElement>(null)
  const describedBy = useId()
  // The Modal focuses its first button when it opens; the safe answer takes the focus after.
  useEffect(() => {
    const timer = setTimeout(() => keep.current?.focus(), 0)
    return () => clearTimeout(timer)
  }, [])
  const confirm = () =>
    startTransition(async () => {
      setFailure(await props.onConfirm())
    })
  return (
    <Modal title={props.title} onCancel={props.onClose} describedBy={describedBy}>
      {() => (
        <>
          <p id={describedBy}>{props.message}</p>
          {failure ? (
            <p className="field-error" role="alert">
              {props.failurePrefix}: {failure}
            </p>
          ) : null}
          <div className="modal-actions">
            <button
              type="button"
              className="button button-danger"
              disabled={pending}
              onClick={confirm}
            >
              {props.confirmLabel}
            </button>
            <button ref={keep} type="button" className="button" onClick={props.onClose}>
              {props.keepLabel}
            </button>
          </div>
        </>
      )}
    </Modal>
  )
}
