import { useState } from 'react'
import { useStore } from '../../store'
import { IdentityDialog } from './IdentityDialog'

/** A role longer than this is cut in the header (the settings page shows it whole). */
const ROLE_SHOWN = 40

/**
 * “Your name” and role: the name the engine stamps on every change (“Updated by …”) and the role
 * filled in on sign-offs. Kept in the preferences on this machine, not in the project file; the
 * button opens a dialog that edits both.
 */
export function UserNameControl() {
  const userName = useStore((s) => s.preferences.userName)
  const userRole = useStore((s) => s.preferences.userRole)
  const [editing, setEditing] = useState(false)
  const role =
    userRole.length > ROLE_SHOWN ? `${userRole.slice(0, ROLE_SHOWN - 1).trimEnd()}…` : userRole
  // The dialog sits beside the control, not in it, so it keeps the page's font size.
  return (
    <>
      <div className="user-name">
        <span className="inline-edit">
          <span>
            <span className="muted">Your name: </span>
            {userName ? <strong>{userName}</strong> : <em>not set</em>}
            {userName && role ? (
              <span className="muted" title={role === userRole ? undefined : userRole}>
                {' '}
                ({role})
              </span>
            ) : null}
          </span>
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => setEditing(true)}
          >
            {userName ? 'Change your name' : 'Set your name'}
          </button>
        </span>
      </div>
      {editing ? <IdentityDialog onClose={() => setEditing(false)} /> : null}
    </>
  )
}
