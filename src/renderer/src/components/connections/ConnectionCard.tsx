import { useActionState, useState } from 'react'
import { PASSWORD_ENV_VARS } from '../../../../shared/connections'
import { CONNECTION_CHECK_IDS, ENDPOINT_LABELS } from '../../../../shared/connection-targets'
import type { EndpointId } from '../../../../shared/project-schema'
import { keepPassword, saveProfile, testConnection } from '../../actions/connection-actions'
import {
  FIELDS,
  parseProfile,
  passwordNote,
  sameProfile,
  TLS_FIELDS,
  valuesOf,
  type AnyProfile,
  type FieldErrors,
  type FieldName,
  type FieldValues,
} from '../../lib/connection-form'
import { useStore } from '../../store'
import { selectSettings } from '../../store/selectors'
import { ConnectionResult, connectionDetailsOf } from './ConnectionResult'
import { PasswordField } from './PasswordField'
import { ProfileFields } from './ProfileFields'

interface FormState {
  errors: FieldErrors
  /** What the last action did, for the card's live region. */
  message: string | null
  tone: 'success' | 'error' | null
}

const INITIAL: FormState = { errors: {}, message: null, tone: null }

function readValues(endpoint: EndpointId, data: FormData): FieldValues {
  const values: FieldValues = {}
  const fields = endpoint === 'couchdb' ? FIELDS.couchdb : [...FIELDS[endpoint], ...TLS_FIELDS]
  for (const { name } of fields) values[name] = String(data.get(name) ?? '')
  return values
}

/**
 * One endpoint: its profile (edited here and sent as an intent), a password field, “Test
 * connection” and the stored result of the last test.
 *
 * The profile fields are controlled, so a refused value stays on screen with its reason; the
 * password is read from the form when it is submitted and never kept in any state (SEC-09), and
 * React clears it with the rest of the uncontrolled fields once the action finishes. The card's
 * own live region says what happened; the stored result below says what was found.
 */
export function ConnectionCard({ endpoint }: { endpoint: EndpointId }) {
  const profile = useStore(
    (s) => s.project?.document.connections[endpoint] ?? null,
  ) as AnyProfile | null
  const result = useStore((s) => s.project?.document.results[CONNECTION_CHECK_IDS[endpoint]])
  const staleAfterDays = useStore((s) => selectSettings(s).staleAfterDays)
  const saved = JSON.stringify(profile)
  const [values, setValues] = useState(() => valuesOf(endpoint, profile))
  const [seen, setSeen] = useState(saved)
  if (seen !== saved) {
    // The saved profile changed (our save, or another window): show it.
    setSeen(saved)
    setValues(valuesOf(endpoint, profile))
  }

  const [state, formAction, pending] = useActionState(
    async (_previous: FormState, data: FormData): Promise<FormState> => {
      const parsed = parseProfile(endpoint, readValues(endpoint, data))
      if (!parsed.ok) {
        return { errors: parsed.errors, message: 'Correct the marked fields first.', tone: 'error' }
      }
      if (!sameProfile(profile, parsed.profile)) {
        const refused = await saveProfile(endpoint, parsed.profile)
        if (refused) return { errors: {}, message: refused.message, tone: 'error' }
      }
      const password = String(data.get('password') ?? '')
      const remember = data.get('remember') === 'on'
      if (data.get('intent') === 'save') {
        const failed = password === '' ? null : await keepPassword(endpoint, password, remember)
        if (failed) return { errors: {}, message: failed.message, tone: 'error' }
        return { errors: {}, message: 'Saved.', tone: 'success' }
      }
      const outcome = await testConnection(endpoint, password, remember)
      if ('error' in outcome) {
        return { errors: {}, message: outcome.error.message, tone: 'error' }
      }
      const details = connectionDetailsOf(outcome.result)
      const target = outcome.result.endpoints[0]?.target ?? ''
      return details?.ok
        ? {
            errors: {},
            message: `Connected to ${details.serverLabel ?? target}.`,
            tone: 'success',
          }
        : { errors: {}, message: `Not connected: ${details?.error?.message ?? ''}`, tone: 'error' }
    },
    INITIAL,
  )

  const onChange = (name: FieldName, value: string) => setValues((v) => ({ ...v, [name]: value }))
  const headingId = `connection-${endpoint}-heading`
  const optional = passwordNote(endpoint, values)
  return (
    <section className="card connection-card" aria-labelledby={headingId} data-endpoint={endpoint}>
      <h2 id={headingId}>{ENDPOINT_LABELS[endpoint]}</h2>
      <form action={formAction} noValidate className="connection-form">
        <ProfileFields
          endpoint={endpoint}
          values={values}
          errors={state.errors}
          onChange={onChange}
        />
        <PasswordField
          endpoint={endpoint}
          optional={optional}
          envVar={PASSWORD_ENV_VARS[endpoint]}
        />
        <div className="form-actions">
          <button
            type="submit"
            name="intent"
            value="test"
            className="button button-primary"
            disabled={pending}
          >
            Test connection
          </button>
          <button type="submit" name="intent" value="save" className="button" disabled={pending}>
            Save
          </button>
        </div>
        <p
          role="status"
          className={`connection-status${state.tone ? ` connection-status-${state.tone}` : ''}`}
        >
          {pending ? 'Working…' : state.message}
        </p>
      </form>
      <h3 className="connection-result-title">Last test</h3>
      <ConnectionResult result={result} staleAfterDays={staleAfterDays} />
    </section>
  )
}
