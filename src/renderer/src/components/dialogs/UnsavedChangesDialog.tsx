import { useId, useState } from 'react'
import { performGuarded, saveProject } from '../../actions/project-actions'
import { useStore } from '../../store'
import type { GuardedAction } from '../../store/ui-slice'
import { Modal } from './Modal'

const WHAT: Record<GuardedAction, string> = {
  close: 'closing it',
  new: 'starting a new project',
  open: 'opening another project',
}

/** Save / Discard / Cancel before New, Open or Close replaces a project with unsaved changes. */
export function UnsavedChangesDialog({ action }: { action: GuardedAction }) {
  const name = useStore((s) => s.project?.document.name ?? 'This project')
  const closeDialog = useStore((s) => s.closeDialog)
  const [busy, setBusy] = useState(false)
  const descriptionId = useId()

  const save = async () => {
    setBusy(true)
    const saved = await saveProject()
    setBusy(false)
    if (!saved) return
    closeDialog()
    await performGuarded(action, false)
  }

  const discard = async () => {
    closeDialog()
    await performGuarded(action, true)
  }

  return (
    <Modal title="Save your changes?" onCancel={closeDialog} describedBy={descriptionId}>
      {() => (
        <>
          <p id={descriptionId}>
            “{name}” has changes that are not saved yet. Save them before {WHAT[action]}, or discard
            them.
          </p>
          <div className="modal-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              autoFocus
              onClick={() => void save()}
            >
              Save
            </button>
            <button type="button" className="button button-danger" onClick={() => void discard()}>
              Discard changes
            </button>
            <button type="button" className="button" onClick={closeDialog}>
              Cancel
            </button>
          </div>
        </>
      )}
    </Modal>
  )
}
