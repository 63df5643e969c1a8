import { useId, useState, useTransition, type FormEvent } from 'react'
import {
  DEPLOYMENT_LABELS,
  DEPLOYMENT_TYPES,
  type DeploymentType,
  type TeardownSettings,
} from '../../../../shared/teardown/teardown-settings'
import { saveTeardownSettings } from '../../actions/teardown-actions'
import { daysText, parseDays } from '../../lib/teardown-view'
import { FieldError } from '../common/FieldError'

type Shown = Pick<TeardownSettings, 'deployment' | 'graceDays' | 'quietDays'>
type Errors = { graceDays?: string; quietDays?: string }

const DAYS_ERROR = 'Give a whole number of days from 1 to 365.'

function DaysField({
  id,
  label,
  hint,
  value,
  error,
  onChange,
}: {
  id: string
  label: string
  hint: string
  value: string
  error: string | undefined
  onChange: (value: string) => void
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <input
        id={id}
        type="number"
        min={1}
        max={365}
        step={1}
        className="input input-number"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError fieldId={id} error={error} />
    </div>
  )
}

/**
 * “Settings” of the decommission: how couch2pg is deployed (the plan's stop and start commands
 * follow it), the grace days between the rename and the drop, and the days without reads the
 * “no reads” gate asks for (each 1–365). A change saved elsewhere becomes the form's values.
 */
export function SettingsSection({ teardown }: { teardown: Shown }) {
  const id = useId()
  const current: Shown = {
    deployment: teardown.deployment,
    graceDays: teardown.graceDays,
    quietDays: teardown.quietDays,
  }
  const [shown, setShown] = useState(current)
  const [deployment, setDeployment] = useState<DeploymentType | ''>(current.deployment ?? '')
  const [grace, setGrace] = useState(String(current.graceDays))
  const [quiet, setQuiet] = useState(String(current.quietDays))
  const [errors, setErrors] = useState<Errors>({})
  const [status, setStatus] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  if (
    shown.deployment !== current.deployment ||
    shown.graceDays !== current.graceDays ||
    shown.quietDays !== current.quietDays
  ) {
    setShown(current)
    setDeployment(current.deployment ?? '')
    setGrace(String(current.graceDays))
    setQuiet(String(current.quietDays))
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setStatus(null)
    setFailure(null)
    const graceDays = parseDays(grace)
    const quietDays = parseDays(quiet)
    const found: Errors = {}
    if (graceDays === null) found.graceDays = DAYS_ERROR
    if (quietDays === null) found.quietDays = DAYS_ERROR
    setErrors(found)
    if (graceDays === null || quietDays === null) {
      document.getElementById(graceDays === null ? `${id}-grace` : `${id}-quiet`)?.focus()
      return
    }
    const next = { deployment: deployment === '' ? null : deployment, graceDays, quietDays }
    const changed = Object.fromEntries(
      Object.entries(next).filter(([k, v]) => current[k as keyof Shown] !== v),
    )
    if (Object.keys(changed).length === 0) {
      setStatus('Unchanged.')
      return
    }
    startTransition(async () => {
      const failed = await saveTeardownSettings(changed, 'Saved the teardown settings.')
      setFailure(failed)
      setStatus(failed ? null : 'Saved.')
    })
  }

  return (
    <section className="card teardown-settings" aria-labelledby="teardown-settings-heading">
      <h2 id="teardown-settings-heading">Settings</h2>
      <form onSubmit={submit} noValidate aria-labelledby="teardown-settings-heading">
        <div className="teardown-settings-fields">
          <div className="field">
            <label htmlFor={`${id}-deployment`}>How couch2pg is deployed</label>
            <p id={`${id}-deployment-hint`} className="hint">
              The plan's commands to stop (and start again) couch2pg follow it.
            </p>
            <select
              id={`${id}-deployment`}
              className="input teardown-select"
              value={deployment}
              aria-describedby={`${id}-deployment-hint`}
              onChange={(e) => setDeployment(e.target.value as DeploymentType | '')}
            >
              <option value="">Not set (list the commands of each)</option>
              {DEPLOYMENT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {DEPLOYMENT_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <DaysField
            id={`${id}-grace`}
            label="Grace days"
            hint={`Between the rename and the drop; now ${daysText(current.graceDays)}.`}
            value={grace}
            error={errors.graceDays}
            onChange={(value) => {
              setGrace(value)
              setErrors((e) => ({ ...e, graceDays: undefined }))
            }}
          />
          <DaysField
            id={`${id}-quiet`}
            label="Quiet days"
            hint={`Without reads of the couch2pg database before teardown; now ${daysText(current.quietDays)}.`}
            value={quiet}
            error={errors.quietDays}
            onChange={(value) => {
              setQuiet(value)
              setErrors((e) => ({ ...e, quietDays: undefined }))
            }}
          />
        </div>
        {failure ? (
          <p className="field-error" role="alert">
            Could not save the settings: {failure}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={pending}>
            Save settings
          </button>
          <p aria-live="polite" className="muted teardown-status">
            {pending ? 'Saving…' : status}
          </p>
        </div>
      </form>
    </section>
  )
}
