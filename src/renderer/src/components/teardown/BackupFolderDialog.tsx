import { useState, useTransition } from 'react'
import { startBackup } from '../../actions/teardown-actions'
import { suggestedBackupDir } from '../../lib/teardown-view'
import { useStore } from '../../store'
import { FolderForm } from '../common/FolderForm'
import { Modal } from '../dialogs/Modal'

/**
 * Browser mode's stand-in for the folder dialog of “Make a backup”: the folder typed (a
 * suggestion beside the project's file). Once the job starts, `onStarted` gets its id; the
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

  const submit = (trimmed: string) =>
    startTransition(async () => {
      const started = await startBackup(trimmed)
      if (started.ok) {
        onStarted(started.value.jobId)
        onClose()
      } else setError(started.error.message)
    })

  return (
    <Modal title="Make a backup" onCancel={onClose}>
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
        />
      )}
    </Modal>
  )
}
