import { useState } from 'react'
import type { PasswordSource } from '../../../../shared/connections'
import type { EndpointId } from '../../../../shared/project-schema'
import { forgetPassword } from '../../actions/connection-actions'
import { useStore } from '../../store'
import { fieldId } from './ProfileFields'

function sourceText(source: PasswordSource, envVar: string, canRemember: boolean): string {
  switch (source) {
    case 'keychain':
      return 'A password is remembered in this computer’s keychain. Type another one to replace it.'
    case 'session':
      return 'A password is kept until the wizard closes. Type another one to replace it.'
    case 'environment':
      return `The password comes from ${envVar}. A password typed here is used for this test only.`
    case 'none':
      return canRemember
        ? 'No password is kept yet. Type it; tick “Remember” to keep it in the keychain.'
        : `No password is kept yet. Type it: it is kept until the wizard closes, never in the project file. Browser mode and the command line also read ${envVar}.`
  }
}

/**
 * The password of an endpoint (SEC-09): an uncontrolled field with autocomplete off, read only
 * when the form is submitted. Its label says when it may be left empty (`optional`, see
 * `passwordNote`). It says where the current password comes from, offers “Remember in the
 * keychain” only where a keychain can keep it, and can forget a kept password.
 */
export function PasswordField({
  endpoint,
  optional,
  envVar,
}: {
  endpoint: EndpointId
  /** Why the password may be left empty, or null when it is needed. */
  optional: string | null
  envVar: string
}) {
  const sources = useStore((s) => s.passwordSources)
  const [forgetting, setForgetting] = useState(false)
  const source = sources?.[endpoint] ?? 'none'
  const canRemember = sources?.canRemember ?? false
  const id = fieldId(endpoint, 'password')
  return (
    <div className="connection-password">
      <div className="field">
        <label htmlFor={id}>Password{optional ? ` (${optional})` : ''}</label>
        <input
          id={id}
          name="password"
          type="password"
          className="input input-mono"
          autoComplete="off"
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="hint" data-testid="password-source">
          {sourceText(source, envVar, canRemember)}
        </p>
      </div>
      <div className="connection-password-actions">
        {canRemember ? (
          <label className="checkbox" htmlFor={fieldId(endpoint, 'remember')}>
            <input id={fieldId(endpoint, 'remember')} name="remember" type="checkbox" />
            Remember in the keychain
          </label>
        ) : null}
        {source === 'keychain' || source === 'session' ? (
          <button
            type="button"
            className="button button-small button-quiet"
            disabled={forgetting}
            onClick={() => {
              setForgetting(true)
              void forgetPassword(endpoint).finally(() => setForgetting(false))
            }}
          >
            Forget the password
          </button>
        ) : null}
      </div>
    </div>
  )
}
