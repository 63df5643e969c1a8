import { useId, useState, useTransition, type FormEvent } from 'react'
import { startBackup } from '../../actions/teardown-actions'
import { suggestedBackupDir } from '../../lib/teardown-view'
import { useStore } from '../../store'
import { FieldError } from '../common/FieldError'
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
  const id = useId()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = dir.trim()
    if (!trimmed) {
      setError('Give the path of a folder.')
      return
    }
    startTransition(async () => {
      const started = await startBackup(trimmed)
      if (started.ok) {
        onStarted(started.value.jobId)
        onClose()
      } else setError(started.error.message)
    })
  }

  return (
    <Modal title="Make a backup" onCancel={onClose}>
      {() => (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={id}>Folder for the backup</label>
            <input
              id={id}
              className="input input-mono"
              value={dir}
              required
              autoFocus
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
              onChange={(e) => setDir(e.target.value)}
            />
            <p id={`${id}-hint`} className="hint">
              An existing folder on the machine running the wizard, with room for a compressed dump
              of the couch2pg database (pg_dump, custom format). Keep a copy off the server too.
            </p>
            <FieldError fieldId={id} error={error} />
          </div>
          <div className="modal-actions">
            <button type="submit" className="button button-primary" disabled={pending}>
              Make the backup
            </button>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Modal>
  )
}
