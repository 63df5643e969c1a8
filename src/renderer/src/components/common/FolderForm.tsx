import { useId, type FormEvent, type ReactNode } from 'react'
import { WrappedPath } from '../teardown/WrappedPath'
import { FieldError } from './FieldError'

/** What a typed-folder form shows and where its answers go. */
export interface FolderFormProps {
  label: string
  hint: ReactNode
  value: string
  onChange: (value: string) => void
  /** The engine's refusal, or the form's own when the field is empty. */
  error: string | null
  onError: (message: string) => void
  pending: boolean
  submitLabel: string
  /** The folder typed, trimmed and not empty. */
  onSubmit: (dir: string) => void
  onCancel: () => void
  /** The full path a relative typed folder stands for (browser mode), shown under the field. */
  resolved?: string | null
  /** Shown after the field: browser mode's file browser. */
  children?: ReactNode
}

/**
 * Browser mode's stand-in for the system's folder dialog inside a modal: one labelled path field
 * with its hint and error, the action and Cancel. The desktop app shows its native dialog
 * instead (SEC-10).
 */
export function FolderForm(props: FolderFormProps) {
  const id = useId()
  const { error } = props
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = props.value.trim()
    if (!trimmed) props.onError('Give the path of a folder.')
    else props.onSubmit(trimmed)
  }
  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>{props.label}</label>
        <input
          id={id}
          className="input input-mono"
          value={props.value}
          required
          autoFocus
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${props.resolved ? ` ${id}-resolves` : ''}${error ? ` ${id}-error` : ''}`}
          onChange={(e) => props.onChange(e.target.value)}
        />
        {props.resolved ? (
          <p id={`${id}-resolves`} className="hint file-resolves" data-testid="path-resolves">
            Resolves to <WrappedPath path={props.resolved} />
          </p>
        ) : null}
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
        <FieldError fieldId={id} error={error} />
      </div>
      {props.children}
      <div className="modal-actions">
        <button type="submit" className="button button-primary" disabled={props.pending}>
          {props.submitLabel}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
