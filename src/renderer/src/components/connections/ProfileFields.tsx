import { useState, type ReactNode } from 'react'
import type { EndpointId } from '../../../../shared/project-schema'
import {
  FIELDS,
  SSL_OPTIONS,
  TLS_FIELDS,
  type FieldDef,
  type FieldErrors,
  type FieldName,
  type FieldValues,
} from '../../lib/connection-form'

/** The id of a field of an endpoint's form, for labels and `aria-describedby`. */
export const fieldId = (endpoint: EndpointId, name: FieldName | 'password' | 'remember') =>
  `connection-${endpoint}-${name}`

function Field({
  endpoint,
  def,
  value,
  error,
  onChange,
}: {
  endpoint: EndpointId
  def: FieldDef
  value: string
  error: string | undefined
  onChange: (name: FieldName, value: string) => void
}) {
  const id = fieldId(endpoint, def.name)
  const describedBy = [def.hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ')
  const common = {
    id,
    name: def.name,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    onChange: (e: { target: { value: string } }) => onChange(def.name, e.target.value),
  }
  return (
    <div className={`field connection-field connection-field-${def.name}`}>
      <label htmlFor={id}>{def.label}</label>
      {def.kind === 'select' ? (
        <select className="input" {...common}>
          {SSL_OPTIONS.map((mode) => (
            <option key={mode} value={mode}>
              {mode}
            </option>
          ))}
        </select>
      ) : (
        <input
          className={`input${def.mono ? ' input-mono' : ''}`}
          type={def.kind === 'number' ? 'text' : def.kind}
          inputMode={def.kind === 'number' ? 'numeric' : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={def.placeholder}
          {...common}
        />
      )}
      {def.hint ? (
        <p id={`${id}-hint`} className="hint">
          {def.hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

/**
 * The “Client certificates” disclosure: a native `<details>` (keyboard-reachable, announced as
 * expandable), open at first when a file is set, and opened when one of its fields is refused so
 * the reason is seen. Otherwise it stays as the person left it.
 */
function ClientCertificates({
  values,
  errors,
  children,
}: {
  values: FieldValues
  errors: FieldErrors
  children: ReactNode
}) {
  const [open, setOpen] = useState(() => TLS_FIELDS.some((def) => (values[def.name] ?? '') !== ''))
  const refused = TLS_FIELDS.some((def) => errors[def.name] !== undefined)
  if (refused && !open) setOpen(true)
  return (
    <details
      className="connection-tls"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="client-certificates"
    >
      <summary>Client certificates</summary>
      <p className="hint">
        Only for servers that need them: paths to PEM files on the machine running the wizard. Leave
        them empty otherwise.
      </p>
      {children}
    </details>
  )
}

/**
 * The editable fields of one endpoint's profile, each labelled, with its hint and, when the typed
 * value is refused, the reason tied to the field with `aria-describedby`. A PostgreSQL profile's
 * TLS files (CA, client certificate, client key) sit under a “Client certificates” disclosure.
 */
export function ProfileFields({
  endpoint,
  values,
  errors,
  onChange,
}: {
  endpoint: EndpointId
  values: FieldValues
  errors: FieldErrors
  onChange: (name: FieldName, value: string) => void
}) {
  const field = (def: FieldDef) => (
    <Field
      key={def.name}
      endpoint={endpoint}
      def={def}
      value={values[def.name] ?? ''}
      error={errors[def.name]}
      onChange={onChange}
    />
  )
  return (
    <div className={`connection-fields connection-fields-${endpoint}`}>
      {FIELDS[endpoint].map(field)}
      {endpoint === 'couchdb' ? null : (
        <ClientCertificates values={values} errors={errors}>
          {TLS_FIELDS.map(field)}
        </ClientCertificates>
      )}
    </div>
  )
}
