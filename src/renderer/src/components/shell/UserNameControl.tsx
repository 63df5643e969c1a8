import { setUserName } from '../../actions/project-actions'
import { useStore } from '../../store'
import { InlineEdit } from '../common/InlineEdit'

/**
 * “Your name”: the name the engine stamps on every change (“Updated by …”). Kept in the
 * preferences on this machine, not in the project file.
 */
export function UserNameControl() {
  const userName = useStore((s) => s.preferences.userName)
  return (
    <div className="user-name">
      <InlineEdit
        label="Your name"
        value={userName}
        editLabel={userName ? 'Change your name' : 'Set your name'}
        display={
          <span>
            <span className="muted">Your name: </span>
            {userName ? <strong>{userName}</strong> : <em>not set</em>}
          </span>
        }
        onSave={async (next) => (await setUserName(next))?.message ?? null}
      />
    </div>
  )
}
