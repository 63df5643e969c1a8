import { FieldError } from '../common/FieldError'

/**
 * The privileged user, its password and the maintenance database of a stage run. The values
 * live in the form that owns them only: nothing here is remembered (autocomplete off).
 */
export function CredentialFields({
  id,
  user,
  password,
  maintenance,
  errors,
  onUser,
  onPassword,
  onMaintenance,
}: {
  id: string
  user: string
  password: string
  maintenance: string
  errors: { user?: string; maintenance?: string }
  onUser: (value: string) => void
  onPassword: (value: string) => void
  onMaintenance: (value: string) => void
}) {
  return (
    <>
      <p id={`${id}-user-hint`} className="hint teardown-credential-hint">
        The privileged user is a superuser or the database's owner; a dry run may go without one.
      </p>
      <div className="teardown-credential">
        <div className="field">
          <label htmlFor={`${id}-user`}>Privileged user</label>
          <input
            id={`${id}-user`}
            className="input"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            value={user}
            aria-invalid={errors.user ? true : undefined}
            aria-describedby={`${id}-user-hint${errors.user ? ` ${id}-user-error` : ''}`}
            onChange={(e) => onUser(e.target.value)}
          />
          <FieldError fieldId={`${id}-user`} error={errors.user} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            type="password"
            className="input"
            autoComplete="off"
            maxLength={1000}
            value={password}
            onChange={(e) => onPassword(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-maintenance`}>Maintenance database</label>
          <input
            id={`${id}-maintenance`}
            className="input input-mono"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            value={maintenance}
            aria-invalid={errors.maintenance ? true : undefined}
            aria-describedby={errors.maintenance ? `${id}-maintenance-error` : undefined}
            onChange={(e) => onMaintenance(e.target.value)}
          />
          <FieldError fieldId={`${id}-maintenance`} error={errors.maintenance} />
        </div>
      </div>
    </>
  )
}
