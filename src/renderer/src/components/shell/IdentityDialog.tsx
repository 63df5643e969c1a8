import { useId } from 'react'
import { useStore } from '../../store'
import { Modal } from '../dialogs/Modal'
import { IDENTITY_USE, IdentityForm } from '../settings/IdentityForm'

/** “Your name and role”, opened from the header: the same form as the first run, with Cancel. */
export function IdentityDialog({ onClose }: { onClose: () => void }) {
  const descriptionId = useId()
  const userName = useStore((s) => s.preferences.userName)
  const suggested = useStore((s) => s.preferences.suggestedUserName)
  const userRole = useStore((s) => s.preferences.userRole)
  return (
    <Modal title="Your name and role" onCancel={onClose} describedBy={descriptionId}>
      {() => (
        <>
          <p id={descriptionId}>{IDENTITY_USE}</p>
          <IdentityForm
            initialName={userName || suggested}
            initialRole={userRole}
            submitLabel="Save your name and role"
            onSaved={onClose}
            inDialog
          >
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </IdentityForm>
        </>
      )}
    </Modal>
  )
}
