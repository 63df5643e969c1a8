import { useJobControl } from '../../hooks/use-job-control'
import { JobProgressView } from './JobProgressView'

/**
 * A button that starts one kind of job, then the running job's progress with Cancel (this page's
 * run, or one a reloaded page found running). The button is `aria-disabled` while the job runs,
 * so the one that was pressed keeps the focus; the outcome is announced where the job ends.
 */
export function JobRunButton({
  kind,
  label,
  begin,
  idPrefix,
  className,
}: {
  /** The job's kind, e.g. `checks.run`. */
  kind: string
  label: string
  /** Starts the job; resolves with its id, or null when the engine refused (the banner says why). */
  begin: () => Promise<unknown>
  idPrefix: string
  className?: string
}) {
  const { job, busy, cancelling, start, cancel } = useJobControl(kind)
  return (
    <div className={className}>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          aria-disabled={busy || undefined}
          onClick={() => (busy ? undefined : void start(begin))}
        >
          {label}
        </button>
        {busy ? (
          <button type="button" className="button" onClick={cancel} disabled={!job || cancelling}>
            Cancel
          </button>
        ) : null}
      </div>
      {busy ? (
        <JobProgressView job={job ?? null} cancelling={cancelling} idPrefix={idPrefix} />
      ) : null}
    </div>
  )
}
