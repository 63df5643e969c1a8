import { useShallow } from 'zustand/react/shallow'
import { requestGuarded, saveProject, saveProjectAs } from '../../actions/project-actions'
import { useStore } from '../../store'

/** Save, Save As, Export and Close for the open project. */
export function ProjectActions() {
  const { nativeDialogs, saving, openDialog } = useStore(
    useShallow((s) => ({
      nativeDialogs: s.info?.nativeDialogs ?? false,
      saving: s.saving,
      openDialog: s.openDialog,
    })),
  )
  return (
    <div className="project-actions" role="group" aria-label="Project file">
      <button
        type="button"
        className="button button-primary"
        disabled={saving}
        onClick={() => void saveProject()}
      >
        Save
      </button>
      <button
        type="button"
        className="button"
        disabled={saving}
        onClick={() =>
          nativeDialogs ? void saveProjectAs(undefined) : openDialog({ kind: 'saveAs' })
        }
      >
        Save As…
      </button>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        onClick={() => openDialog({ kind: 'export' })}
      >
        Export…
      </button>
      <button type="button" className="button" onClick={() => requestGuarded('close')}>
        Close
      </button>
    </div>
  )
}
