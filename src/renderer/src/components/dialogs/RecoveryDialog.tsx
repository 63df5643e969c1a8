import { useId } from 'react'
import { useStore } from '../../store'
import { RecoveryList } from '../recovery/RecoveryList'
import { Modal } from './Modal'

/**
 * The offer made at start after the wizard did not close normally: each project with autosaved
 * unsaved work, to restore or discard. Escape or “Decide later” closes it; the copies stay on
 * the welcome screen.
 */
export function RecoveryDialog() {
  const closeDialog = useStore((s) => s.closeDialog)
  const descriptionId = useId()
  return (
    <Modal
      title="The wizard did not close normally last time"
      onCancel={closeDialog}
      describedBy={descriptionId}
      className="recovery-dialog"
    >
      {() => (
        <>
          <p id={descriptionId}>
            It kept an autosaved copy of work that was not saved. Restore a copy to go on with it
            (it opens unsaved: save it to keep it), or discard it.
          </p>
          <RecoveryList autoFocusFirst />
          <div className="modal-actions">
            <button type="button" className="button" onClick={closeDialog}>
              Decide later
            </button>
          </div>
        </>
      )}
    </Modal>
  )
}
