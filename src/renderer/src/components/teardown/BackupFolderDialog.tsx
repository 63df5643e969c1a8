import { useState, useTransition } from 'react'
import { startBackup } from '../../actions/teardown-actions'
import { isAbsolutePath, resolveTypedPath } from '../../lib/file-browser'
import { suggestedBackupDir } from '../../lib/teardown-view'
import { useStore } from '../../store'
import { FolderForm } from '../common/FolderForm'
import { FileBrowser } from '../files/FileBrowser'
import { pathToSend } from '../files/PathPicker'
import { Modal } from '../dialogs/Modal'

/**
 * Browser mode's stand-in for the folder dialog of “Make a backup”: the folder typed (a
 * suggestion beside the project's file) or chosen with the file browser. Once the job starts, `onStarted` gets its id; the
 * engine's refusal is shown here. The desktop app uses the system's dialog instead.
 */
export function BackupFolderDialog({
  onClose,
  onStarted,
}: {
  onClose: () => void
  onStarted: (jobId: string) => void
}) {
  const defaultDir = useStore((s) => s.info?.defaultProjectDir ?? '')
  const suggestion = useStore((s) => suggestedBackupDir(s.project, defaultDir))
  const [dir, setDir] = useState(suggestion)
  const [error, setError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const [startDir] = useState(() => {
    const full = pathToSend(suggestion, defaultDir)
    return isAbsolutePath(full) ? full : undefined
  })

  const submit = (trimmed: string) =>
    startTransition(async () => {
      const started = await startBackup(pathToSend(trimmed, defaultDir))
      if (started.ok) {
        onStarted(started.value.jobId)
        onClose()
      } else setError(started.error.message)
    })

  return (
    <Modal title="Make a backup" onCancel={onClose} className="file-dialog">
      {() => (
        <FolderForm
          label="Folder for the backup"
          hint="An existing folder on the machine running the wizard, with room for a compressed dump of the couch2pg database (pg_dump, custom format). Keep a copy off the server too."
          value={dir}
          onChange={setDir}
          error={error}
          onError={setError}
          pending={pending}
          submitLabel="Make the backup"
          onSubmit={submit}
          onCancel={onClose}
          resolved={resolveTypedPath(dir, defaultDir)}
        >
          <FileBrowser
            label="Or choose the folder on the computer running the wizard"
            purpose="folder"
            startDir={startDir}
            onFolder={setDir}
            onFile={() => undefined}
          />
        </FolderForm>
      )}
    </Modal>
  )
}
