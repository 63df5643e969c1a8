import { useState } from 'react'
import { PAGE } from '../../../../shared/checklist/doc-pages'
import type { BackupRecord } from '../../../../shared/teardown/teardown-settings'
import { startBackup } from '../../actions/teardown-actions'
import { useJobControl } from '../../hooks/use-job-control'
import { useStore } from '../../store'
import { DocLink } from '../common/DocLink'
import { JobProgressView } from '../jobs/JobProgressView'
import { BackupFolderDialog } from './BackupFolderDialog'
import { BackupRecordFacts } from './BackupRecordFacts'
import { RecordBackupForm } from './RecordBackupForm'

/** How this page's last backup job ended, from its snapshot: why it failed, or that it stopped. */
function LastJobOutcome({ jobId }: { jobId: string }) {
  const job = useStore((s) => s.jobs[jobId])
  if (!job || job.state === 'running' || job.state === 'succeeded') return null
  if (job.state === 'cancelled') {
    return <p className="muted">The backup was cancelled; its partial file was removed.</p>
  }
  // Not an alert: the end of the job is announced already (`backupFinished`).
  return (
    <div className="banner banner-error">
      <p className="banner-title">The backup was not made</p>
      <p>{job.error?.message ?? 'The job failed.'}</p>
    </div>
  )
}

/**
 * “Backup”: the recorded backup of the couch2pg database (file, size, checksum, entries,
 * origin, verification), “Make a backup” (the folder from the system's dialog in the desktop
 * app, typed in browser mode) as a job with progress and Cancel, and “Record an existing
 * backup” by its path. The wizard verifies either with `pg_restore --list` and a checksum.
 */
export function BackupSection({
  backup,
  connected,
}: {
  backup: BackupRecord | null
  connected: boolean
}) {
  const native = useStore((s) => s.info?.nativeDialogs ?? false)
  const { job, busy, cancelling, start, cancel } = useJobControl('teardown.backup')
  const [asking, setAsking] = useState(false)
  const [lastJob, setLastJob] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)

  const make = () => {
    setFailure(null)
    setLastJob(null)
    if (!native) {
      setAsking(true)
      return
    }
    // Electron: the engine shows the folder dialog; dismissing it starts nothing.
    void start(async () => {
      const started = await startBackup(undefined)
      if (started.ok) setLastJob(started.value.jobId)
      else if (started.error.code !== 'CANCELLED') setFailure(started.error.message)
    })
  }

  return (
    <section
      className="card teardown-backup"
      aria-labelledby="teardown-backup-heading"
      data-testid="teardown-backup"
    >
      <h2 id="teardown-backup-heading">Backup</h2>
      <p className="muted">
        A dump of the couch2pg database (pg_dump, custom format), verified by reading its table of
        contents and its checksum, is the only way back once the database is dropped.{' '}
        <DocLink href={PAGE.couch2pgMigration.docUrl}>
          Read the CHT guide: {PAGE.couch2pgMigration.docTitle}
        </DocLink>
      </p>
      {backup ? <BackupRecordFacts backup={backup} /> : <p>No backup is recorded yet.</p>}
      <h3>Make a backup</h3>
      <p className="hint">
        Runs pg_dump of the couch2pg database into a folder, verifies the file and records it.
        pg_dump must be of the server's major release or newer.
      </p>
      <div className="form-actions">
        {/* aria-disabled while running, so the button that was pressed keeps the focus. */}
        <button
          type="button"
          className="button button-primary"
          disabled={!connected}
          aria-disabled={busy || undefined}
          onClick={() => (busy ? undefined : make())}
        >
          Make a backup
        </button>
        {busy ? (
          <button type="button" className="button" onClick={cancel} disabled={!job || cancelling}>
            Cancel
          </button>
        ) : null}
      </div>
      {!connected ? (
        <p className="muted">Set the couch2pg connection (Connections page) first.</p>
      ) : null}
      {busy ? (
        <JobProgressView job={job ?? null} cancelling={cancelling} idPrefix="teardown-backup" />
      ) : null}
      {failure ? (
        <p className="field-error" role="alert">
          Could not start the backup: {failure}
        </p>
      ) : null}
      {lastJob && !busy ? <LastJobOutcome jobId={lastJob} /> : null}
      <RecordBackupForm />
      {asking ? (
        <BackupFolderDialog onClose={() => setAsking(false)} onStarted={setLastJob} />
      ) : null}
    </section>
  )
}
