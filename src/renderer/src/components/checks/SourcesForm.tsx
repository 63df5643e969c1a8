import { useId, useState, useTransition, type FormEvent } from 'react'
import { watchdogUrlSchema } from '../../../../shared/checks/check-settings'
import { chooseSource, saveSources } from '../../actions/check-actions'
import { useStore } from '../../store'
import { FieldError } from '../common/FieldError'

type Which = 'config' | 'watchdog'

interface Field {
  key: 'envPath' | 'valuesPath' | 'watchdogUrl'
  label: string
  placeholder: string
  /** A file the native dialog can choose (Electron). */
  file?: 'env' | 'values'
}

const FIELDS: Record<Which, readonly Field[]> = {
  config: [
    {
      key: 'envPath',
      label: 'CHT Sync .env file (Docker Compose)',
      placeholder: '/srv/cht-sync/.env',
      file: 'env',
    },
    {
      key: 'valuesPath',
      label: 'CHT Sync values.yaml file (Helm)',
      placeholder: '/srv/cht-sync/values.yaml',
      file: 'values',
    },
  ],
  watchdog: [
    {
      key: 'watchdogUrl',
      label: 'CHT Watchdog Prometheus address',
      placeholder: 'http://watchdog.example.org:9090',
    },
  ],
}

const HINT: Record<Which, string> = {
  config:
    'A path on this computer, for either or both. The checks read the file at each run; its passwords are never stored. Leave a field empty to stop reading it.',
  watchdog:
    'http or https, host and port (9090 by default), without a user name or password. Leave it empty to skip the Prometheus checks.',
}

/** Why a value cannot be saved, or null. */
function invalid(key: Field['key'], value: string): string | null {
  if (value === '') return null
  if (key === 'watchdogUrl') {
    const parsed = watchdogUrlSchema.safeParse(value)
    return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Not a valid address')
  }
  return value.length > 4096 ? 'The path is too long (at most 4,096 characters).' : null
}

/**
 * What the checks read besides the connections: the CHT Sync configuration file(s) on the Set up
 * step, CHT Watchdog's Prometheus on the Monitor step. Saved with `checks.setSources`; an empty
 * field clears its value. A change saved elsewhere becomes the fields' values.
 */
export function SourcesForm({ which }: { which: Which }) {
  const id = useId()
  const checks = useStore((s) => s.project?.document.checks)
  const native = useStore((s) => s.info?.nativeDialogs ?? false)
  const current = Object.fromEntries(FIELDS[which].map((f) => [f.key, checks?.[f.key] ?? '']))
  const currentKey = JSON.stringify(current)
  const [shown, setShown] = useState(currentKey)
  const [values, setValues] = useState<Record<string, string>>(current)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [status, setStatus] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  if (shown !== currentKey) {
    setShown(currentKey)
    setValues(current)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setStatus(null)
    setFailure(null)
    const next: Record<string, string | null> = {}
    const found: Record<string, string> = {}
    for (const field of FIELDS[which]) {
      const value = (values[field.key] ?? '').trim()
      const problem = invalid(field.key, value)
      if (problem) found[field.key] = problem
      next[field.key] = value === '' ? null : value
    }
    setErrors(found)
    const first = FIELDS[which].find((f) => found[f.key])
    if (first) {
      document.getElementById(`${id}-${first.key}`)?.focus()
      return
    }
    startTransition(async () => {
      const what = which === 'config' ? 'the configuration paths' : 'the Prometheus address'
      const failed = await saveSources(next, `Saved ${what}.`)
      if (failed) setFailure(failed)
      else setStatus(`Saved ${what}.`)
    })
  }

  return (
    <form className="sources-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="field-label">
        {which === 'config'
          ? 'What the configuration checks read'
          : 'What the Prometheus checks read'}
      </p>
      <p id={`${id}-hint`} className="hint">
        {HINT[which]}
      </p>
      {FIELDS[which].map((field) => {
        const fieldId = `${id}-${field.key}`
        const error = errors[field.key]
        return (
          <div className="field" key={field.key}>
            <label htmlFor={fieldId}>{field.label}</label>
            <div className="sources-input">
              <input
                id={fieldId}
                className="input input-mono"
                value={values[field.key] ?? ''}
                placeholder={field.placeholder}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={error ? true : undefined}
                aria-describedby={`${id}-hint${error ? ` ${fieldId}-error` : ''}`}
                onChange={(e) => setValues((v) => ({ ...v, [field.key]: e.target.value }))}
              />
              {native && field.file ? (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Choose the ${field.label}…`}
                  disabled={pending}
                  onClick={() => {
                    const kind = field.file
                    if (!kind) return
                    startTransition(async () => {
                      setFailure(await chooseSource(kind))
                    })
                  }}
                >
                  Choose…
                </button>
              ) : null}
            </div>
            <FieldError fieldId={fieldId} error={error} />
          </div>
        )
      })}
      <div className="form-actions">
        <button type="submit" className="button button-small" disabled={pending}>
          {which === 'config' ? 'Save the paths' : 'Save the address'}
        </button>
        <span className="muted" aria-live="polite">
          {pending ? 'Saving…' : status}
        </span>
      </div>
      {failure ? (
        <p className="field-error" role="alert">
          Could not save: {failure}
        </p>
      ) : null}
    </form>
  )
}
