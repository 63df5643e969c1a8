import { useState } from 'react'
import { useStore } from '../../store'
import { IdentityDialog } from './IdentityDialog'

/** A role longer than this is cut in the header (the settings page shows it whole). */
const ROLE_SHOWN = 32

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
  const described = userName ? `${userName}${userRole ? `, ${userRole}` : ''}` : 'not set'
  // One compact button in the header (the project's name keeps the room); the dialog sits beside
  // it, not in it, so it keeps the page's font size.
  return (
    <>
      <div className="user-name">
        <button
          type="button"
          className="button button-small button-quiet user-chip"
          aria-label={`${userName ? 'Change your name' : 'Set your name'} (you: ${described})`}
          title={userName ? `You: ${described}` : undefined}
          onClick={() => setEditing(true)}
        >
          <span className="user-chip-icon" aria-hidden="true">
            ◉
          </span>
          {userName ? (
            <span className="user-chip-text">
              <strong>{userName}</strong>
              {role ? <span className="user-chip-role">{role}</span> : null}
            </span>
          ) : (
            <span className="user-chip-text">Set your name</span>
          )}
        </button>
      </div>
      {editing ? <IdentityDialog onClose={() => setEditing(false)} /> : null}
    </>
  )
}
