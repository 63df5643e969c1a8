import { useId, useOptimistic, useState, useTransition, type FormEvent } from 'react'
import { PAGE } from '../../../../shared/checklist/doc-pages'
import type { Dashboard } from '../../../../shared/teardown/teardown-settings'
import { removeDashboard, saveDashboard } from '../../actions/teardown-actions'
import { DocLink } from '../common/DocLink'
import { FieldError } from '../common/FieldError'
import { TimeAgo } from '../common/TimeAgo'

function DashboardRow({
  dashboard,
  onFailure,
}: {
  dashboard: Dashboard
  onFailure: (message: string | null) => void
}) {
  const [pending, startTransition] = useTransition()
  // The box follows the click at once; the project's answer settles it (or puts it back).
  const [switchedShown, showSwitched] = useOptimistic(dashboard.switched)
  const { name } = dashboard
  const attest = (switched: boolean) =>
    startTransition(async () => {
      showSwitched(switched)
      onFailure(
        await saveDashboard(
          { id: dashboard.id, name, switched },
          switched
            ? `Attested that “${name}” reads the new models.`
            : `“${name}” is no longer attested as switched.`,
        ),
      )
    })
  const remove = () =>
    startTransition(async () => {
      onFailure(await removeDashboard(dashboard.id, name))
    })
  return (
    <li className="teardown-dashboard" data-dashboard={name} data-switched={dashboard.switched}>
      <span className="teardown-dashboard-name">{name}</span>
      <label className="teardown-check">
        <input
          type="checkbox"
          checked={switchedShown}
          disabled={pending}
          aria-label={`Switched to the new models: ${name}`}
          onChange={(e) => attest(e.target.checked)}
        />
        Switched to the new models
      </label>
      <span className="muted teardown-dashboard-by">
        {dashboard.switched && dashboard.by && dashboard.at ? (
          <>
            Attested by {dashboard.by} <TimeAgo iso={dashboard.at} />
          </>
        ) : (
          'Not attested yet'
        )}
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={pending}
        aria-label={`Remove ${name}`}
        onClick={remove}
      >
        Remove
      </button>
    </li>
  )
}

/**
 * “Dashboards”: the dashboards of the plan (those that read the couch2pg database), each
 * attested switched to the new models (who and when) or not, removable; and a field to add one
 * by name. The “dashboards” gate is met once every one listed is attested.
 */
export function DashboardsSection({ dashboards }: { dashboards: readonly Dashboard[] }) {
  const id = useId()
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) {
      setError('Give the dashboard’s name.')
      return
    }
    if (dashboards.some((d) => d.name === trimmed)) {
      setError(`“${trimmed}” is listed already.`)
      return
    }
    setError(null)
    startTransition(async () => {
      const failed = await saveDashboard(
        { name: trimmed, switched: false },
        `Added the dashboard “${trimmed}”.`,
      )
      if (failed) setError(failed)
      else setName('')
    })
  }

  return (
    <section
      className="card teardown-dashboards"
      aria-labelledby="teardown-dashboards-heading"
      data-testid="teardown-dashboards"
    >
      <h2 id="teardown-dashboards-heading">Dashboards</h2>
      <p className="muted">
        List every dashboard (or report, or script) that reads the couch2pg database, and tick it
        once it reads the new models instead.{' '}
        <DocLink href={PAGE.dashboards.docUrl}>
          Read the CHT guide: {PAGE.dashboards.docTitle}
        </DocLink>
      </p>
      {dashboards.length > 0 ? (
        <ul className="teardown-dashboard-list" aria-label="Dashboards of the plan">
          {dashboards.map((d) => (
            <DashboardRow key={d.id} dashboard={d} onFailure={setFailure} />
          ))}
        </ul>
      ) : (
        <p className="muted">No dashboard is listed yet.</p>
      )}
      {failure ? (
        <p className="field-error" role="alert">
          Could not record the change: {failure}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate className="teardown-inline-form">
        <div className="field">
          <label htmlFor={id}>Dashboard name</label>
          <input
            id={id}
            className="input"
            maxLength={200}
            value={name}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          <FieldError fieldId={id} error={error} />
        </div>
        <button type="submit" className="button" disabled={pending}>
          Add dashboard
        </button>
      </form>
    </section>
  )
}
