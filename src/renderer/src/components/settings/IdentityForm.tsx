import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { setIdentity } from '../../actions/project-actions'
import { FieldError } from '../common/FieldError'

/** What the name and the role are used for, said wherever they are asked for. */
export const IDENTITY_USE =
  'Your name is stamped on the changes and evidence you record in the project file, and your name and role are filled in when you record a sign-off. They are kept on this computer only.'

/**
 * “Your name” (required) and “Your role” (optional), saved together as who is using the wizard.
 * Used by the first-run dialog, the header's dialog and the settings page. Enter saves; an empty
 * name keeps the focus on its field with the reason; the engine's refusal shows below the form.
 */
export function IdentityForm({
  initialName,
  initialRole,
  nameHint,
  submitLabel,
  onSaved,
  inDialog = false,
  selectSuggestion = false,
  children,
}: {
  initialName: string
  initialRole: string
  /** Said under the name, e.g. where a suggested name came from. */
  nameHint?: string
  submitLabel: string
  /** Called once the engine has saved both. */
  onSaved?: () => void
  /** True inside a dialog: the buttons line up as a dialog's do. */
  inDialog?: boolean
  /** Selects the name when it first gets the focus, so typing replaces a suggested one. */
  selectSuggestion?: boolean
  /** More buttons after the submit button (Cancel, Not now). */
  children?: ReactNode
}) {
  const id = useId()
  const [name, setName] = useState(initialName)
  const [role, setRole] = useState(initialRole)
  const [error, setError] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // A name saved elsewhere (the header's dialog) shows here too, without remounting the form.
  const [seen, setSeen] = useState({ name: initialName, role: initialRole })
  if (seen.name !== initialName || seen.role !== initialRole) {
    setSeen({ name: initialName, role: initialRole })
    setName(initialName)
    setRole(initialRole)
  }
  const selected = useRef(!selectSuggestion)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    if (name.trim() === '') {
      setError('Give your name: it is what colleagues see on your changes.')
      document.getElementById(`${id}-name`)?.focus()
      return
    }
    setError(null)
    setFailure(null)
    setBusy(true)
    const failed = await setIdentity(name.trim(), role.trim())
    setBusy(false)
    if (failed) setFailure(failed.message)
    else onSaved?.()
  }

  const nameDescribed = [nameHint ? `${id}-name-hint` : '', error ? `${id}-name-error` : '']
    .filter(Boolean)
    .join(' ')

  return (
    <form className="identity-form" noValidate onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-name`}>Your name</label>
        <input
          id={`${id}-name`}
          className="input"
          maxLength={200}
          autoComplete="name"
          required
          value={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={nameDescribed || undefined}
          onChange={(e) => setName(e.target.value)}
          onFocus={(e) => {
            if (selected.current) return
            selected.current = true
            e.currentTarget.select()
          }}
        />
        {nameHint ? (
          <p id={`${id}-name-hint`} className="hint">
            {nameHint}
          </p>
        ) : null}
        <FieldError fieldId={`${id}-name`} error={error} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Your role (optional)</label>
        <input
          id={`${id}-role`}
          className="input"
          maxLength={200}
          autoComplete="organization-title"
          value={role}
          aria-describedby={`${id}-role-hint`}
          onChange={(e) => setRole(e.target.value)}
        />
        <p id={`${id}-role-hint`} className="hint">
          For example “Data engineer, Ministry of Health”.
        </p>
      </div>
      {failure ? (
        <p className="field-error" role="alert">
          Could not save your name: {failure}
        </p>
      ) : null}
      <div className={inDialog ? 'modal-actions' : 'form-actions'}>
        {/* Not disabled while saving: a disabled button would drop the keyboard focus. */}
        <button type="submit" className="button button-primary" aria-busy={busy || undefined}>
          {submitLabel}
        </button>
        {children}
      </div>
    </form>
  )
}
