import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { FieldError } from './FieldError'

/**
 * Shows a value with a “Change” button that turns into a small form: a labelled text field with
 * Save and Cancel. Enter saves, Escape cancels. Used for the project name and the user's name.
 */
export function InlineEdit({
  label,
  value,
  display,
  editLabel,
  editAriaLabel,
  maxLength = 200,
  onSave,
}: {
  /** The field's label, e.g. “Project name”. */
  label: string
  value: string
  /** What is shown when not editing. */
  display: ReactNode
  /** The accessible name of the button that starts editing, e.g. “Rename project”. */
  editLabel: string
  /** A longer accessible name for the button when its visible label is short (“Rename”). */
  editAriaLabel?: string
  maxLength?: number
  /** Saves the new value; resolves to an error message to show, or null when saved. */
  onSave: (next: string) => Promise<string | null>
}) {
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(value)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const id = useId()
  const button = useRef<HTMLButtonElement>(null)
  const refocus = useRef(false)

  // Back on the button that started the edit, so keyboard users keep their place.
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false
      button.current?.focus()
    }
  }, [editing])

  const stop = () => {
    refocus.current = true
    setEditing(false)
  }

  const start = () => {
    setText(value)
    setError(null)
    setEditing(true)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const next = text.trim()
    if (next === '') {
      setError(`${label} cannot be empty.`)
      return
    }
    if (next === value) {
      stop()
      return
    }
    setBusy(true)
    const failure = await onSave(next)
    setBusy(false)
    if (failure) setError(failure)
    else stop()
  }

  if (!editing) {
    return (
      <span className="inline-edit">
        {display}
        <button
          ref={button}
          type="button"
          className="button button-small button-quiet"
          aria-label={editAriaLabel}
          onClick={start}
        >
          {editLabel}
        </button>
      </span>
    )
  }
  return (
    <form
      className="inline-edit inline-edit-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          stop()
        }
      }}
    >
      <label htmlFor={`${id}-input`} className="inline-edit-label">
        {label}
      </label>
      <input
        id={`${id}-input`}
        className="input input-small"
        value={text}
        maxLength={maxLength}
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      <button
        type="submit"
        className="button button-small button-primary"
        disabled={busy}
        aria-label={`Save ${label.toLowerCase()}`}
      >
        Save
      </button>
      <button type="button" className="button button-small" onClick={stop}>
        Cancel
      </button>
      <FieldError fieldId={id} error={error} as="span" />
    </form>
  )
}
