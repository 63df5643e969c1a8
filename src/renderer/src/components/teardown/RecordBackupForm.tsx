import { useId, useState, useTransition, type FormEvent } from 'react'
import { recordExistingBackup } from '../../actions/teardown-actions'
import { useStore } from '../../store'
import { FieldError } from '../common/FieldError'

/** The desktop app's “Record an existing backup”: the file comes from the system's dialog. */
function ChooseBackupFile() {
  const id = useId()
  const [error, setError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const choose = () => {
    setError(null)
    startTransition(async () => {
      const result = await recordExistingBackup()
      if (!result.ok && result.error.code !== 'CANCELLED') setError(result.error.message)
    })
  }
  return (
    <div className="teardown-inline-form" role="group" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Record an existing backup</h3>
      <p id={`${id}-hint`} className="hint">
        A dump made with <code>pg_dump -Fc</code> of the couch2pg database; the wizard verifies it
        before recording it.
      </p>
      <button
        type="button"
        className="button"
        disabled={pending}
        aria-describedby={`${id}-hint`}
        onClick={choose}
      >
        {pending ? 'Verifying…' : 'Choose the backup file…'}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/**
 * “Record an existing backup”: the path of a custom-format dump of the couch2pg database (typed
 * in browser mode, from the system's dialog in the desktop app); the engine verifies it
 * (`pg_restore --list`, sha256, the database it is of) before recording it.
 */
export function RecordBackupForm() {
  const native = useStore((s) => s.info?.nativeDialogs ?? false)
  return native ? <ChooseBackupFile /> : <TypedBackupPath />
}

function TypedBackupPath() {
  const id = useId()
  const [path, setPath] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = path.trim()
    if (!trimmed) {
      setError('Give the path of the backup file.')
      return
    }
    setError(null)
    startTransition(async () => {
      const result = await recordExistingBackup(trimmed)
      if (result.ok) setPath('')
      else setError(result.error.message)
    })
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="teardown-inline-form"
      aria-labelledby={`${id}-heading`}
    >
      <h3 id={`${id}-heading`}>Record an existing backup</h3>
      <div className="field">
        <label htmlFor={id}>Backup file</label>
        <p id={`${id}-hint`} className="hint">
          A dump made with <code>pg_dump -Fc</code> of the couch2pg database, on the machine running
          the wizard.
        </p>
        <input
          id={id}
          className="input input-mono"
          spellCheck={false}
          value={path}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => setPath(e.target.value)}
        />
        <FieldError fieldId={id} error={error} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Verifying…' : 'Record the backup'}
      </button>
    </form>
  )
}
