import { useId, useState, useTransition, type FormEvent } from 'react'
import { sendIntents } from '../../actions/project-actions'
import { useStore } from '../../store'
import { selectSettings } from '../../store/selectors'
import { PageHeading } from '../common/PageHeading'
import { FieldError } from '../common/FieldError'
import { IDENTITY_USE, IdentityForm } from './IdentityForm'
import { SavedPasswords } from './SavedPasswords'

function StaleAgeForm() {
  const staleAfterDays = useStore((s) => selectSettings(s).staleAfterDays)
  const [text, setText] = useState(String(staleAfterDays))
  const [seen, setSeen] = useState(staleAfterDays)
  const [error, setError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const id = useId()
  if (seen !== staleAfterDays) {
    setSeen(staleAfterDays)
    setText(String(staleAfterDays))
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const days = Number(text)
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      setError('Give a whole number of days from 1 to 365.')
      return
    }
    setError(null)
    startTransition(async () => {
      await sendIntents(
        [{ type: 'settings.set', settings: { staleAfterDays: days } }],
        `Results older than ${days} days are now marked stale.`,
      )
    })
  }

  return (
    <form className="settings-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>Mark check results as stale after (days)</label>
        <input
          id={id}
          className="input input-number"
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          step={1}
          required
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => setText(e.target.value)}
        />
        <p id={`${id}-hint`} className="hint">
          A result older than this is flagged “Stale” so nobody relies on an old measurement. Stored
          in the project file, so the whole team sees the same.
        </p>
        <FieldError fieldId={id} error={error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          Save stale age
        </button>
      </div>
    </form>
  )
}

/** Project settings and the user's own preferences. */
export function SettingsPage() {
  const info = useStore((s) => s.info)
  const prefs = useStore((s) => s.preferences)
  return (
    <div className="page settings-page">
      <PageHeading>Settings</PageHeading>
      <section className="card" aria-labelledby="settings-project">
        <h2 id="settings-project">This project</h2>
        <StaleAgeForm />
      </section>
      <SavedPasswords />
      <section className="card" aria-labelledby="settings-you">
        <h2 id="settings-you">You</h2>
        <p>{IDENTITY_USE}</p>
        <IdentityForm
          initialName={prefs.userName || prefs.suggestedUserName}
          initialRole={prefs.userRole}
          nameHint={
            prefs.identityConfirmed
              ? undefined
              : 'Not saved yet: changes are recorded without a name.'
          }
          submitLabel="Save your name and role"
        />
      </section>
      {info ? (
        <section className="card" aria-labelledby="settings-about">
          <h2 id="settings-about">About</h2>
          <p>
            {info.name} {info.version}, {info.face === 'electron' ? 'desktop app' : 'browser mode'}.
          </p>
          <p>
            When something goes wrong inside the wizard, the details are in its log:{' '}
            <code data-testid="log-path">{info.logPath}</code>. It holds no passwords; attach it
            when you report a problem.
          </p>
        </section>
      ) : null}
    </div>
  )
}
