import { useState, useTransition } from 'react'
import { exportDbtScaffolds } from '../../actions/inventory-actions'
import { isAbsolutePath, resolveTypedPath } from '../../lib/file-browser'
import { baseName, dirName, joinPath } from '../../lib/format'
import { isConflict, OVERWRITE_QUESTION, suggestedDbtDir } from '../../lib/inventory-export'
import { useStore } from '../../store'
import { FolderForm } from '../common/FolderForm'
import { FileBrowser } from '../files/FileBrowser'
import { pathToSend } from '../files/PathPicker'
import { Modal } from '../dialogs/Modal'

/** “Write into it anyway?”: the question for a folder that is not empty. */
export function OverwriteQuestion({
  dir,
  pending,
  onYes,
  onNo,
  noLabel,
}: {
  dir: string | null
  pending: boolean
  onYes: () => void
  onNo: () => void
  noLabel: string
}) {
  return (
    <div>
      <p data-testid="overwrite-question">{OVERWRITE_QUESTION}</p>
      {dir ? (
        <p>
          <code>{dir}</code>
        </p>
      ) : null}
      <div className="modal-actions">
        <button type="button" className="button button-primary" disabled={pending} onClick={onYes}>
          Write into it anyway
        </button>
        <button type="button" className="button" disabled={pending} onClick={onNo}>
          {noLabel}
        </button>
      </div>
    </div>
  )
}

/**
 * Browser mode's stand-in for the folder dialog of “Export dbt scaffolds”: the folder typed (a
 * suggestion beside the project's file) or made in a folder chosen with the file browser, then, when the engine finds it not empty, the question
 * whether to write into it anyway. The desktop app uses the system's dialog instead.
 */
export function ExportDbtDialog({ onClose }: { onClose: () => void }) {
  const defaultDir = useStore((s) => s.info?.defaultProjectDir ?? '')
  const suggestion = useStore((s) => suggestedDbtDir(s.project, defaultDir))
  const [dir, setDir] = useState(suggestion)
  const [error, setError] = useState<string | null>(null)
  const [conflict, setConflict] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const [startDir] = useState(() => {
    const full = pathToSend(suggestion, defaultDir)
    return isAbsolutePath(full) ? dirName(full) : undefined
  })

  const run = (target: string, overwrite: boolean) =>
    startTransition(async () => {
      const result = await exportDbtScaffolds(target, overwrite)
      if (result.ok) {
        onClose()
      } else if (isConflict(result.error.code) && !overwrite) {
        setError(null)
        setConflict(target)
      } else {
        setConflict(null)
        setError(result.error.message)
      }
    })

  return (
    <Modal title="Export dbt scaffolds" onCancel={onClose} className="file-dialog">
      {() =>
        conflict ? (
          <OverwriteQuestion
            dir={conflict}
            pending={pending}
            onYes={() => run(conflict, true)}
            onNo={() => setConflict(null)}
            noLabel="Choose another folder"
          />
        ) : (
          <FolderForm
            label="Folder for the dbt scaffolds"
            hint="A dbt model scaffold for each object decided “rebuild”, ready to complete in your cht-pipeline package; a parity comparison is prepared for each. A new folder is created."
            value={dir}
            onChange={setDir}
            error={error}
            onError={setError}
            pending={pending}
            submitLabel="Export"
            onSubmit={(trimmed) => run(pathToSend(trimmed, defaultDir), false)}
            onCancel={onClose}
            resolved={resolveTypedPath(dir, defaultDir)}
          >
            <FileBrowser
              label="Or choose where to make it on the computer running the wizard"
              purpose="folder"
              startDir={startDir}
              onFolder={(folder) => setDir(joinPath(folder, baseName(dir.trim()) || 'dbt-models'))}
              onFile={() => undefined}
            />
          </FolderForm>
        )
      }
    </Modal>
  )
}
