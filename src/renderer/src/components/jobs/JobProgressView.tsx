import type { JobSnapshot } from '../../../../shared/jobs'
import { useTickingNow } from '../../hooks/use-ticking-now'
import { formatElapsed, PHASE_LABEL, progressLabel } from '../../lib/job-labels'
import { useStore } from '../../store'

/**
 * One job's progress: what it is doing (phase and count), a progress bar (indeterminate while
 * the total is unknown) and the time it has run. `null` while the start has not answered yet.
 */
export function JobProgressView({
  job,
  cancelling,
  idPrefix,
}: {
  job: JobSnapshot | null
  cancelling: boolean
  idPrefix: string
}) {
  const running = job?.state === 'running'
  const now = useTickingNow(running)
  const seenAt = useStore((s) => (job ? s.jobSeenAt[job.jobId] : undefined))
  const elapsed = job ? job.elapsedMs + (running && seenAt ? now - seenAt : 0) : 0
  const total = job?.progress.total ?? null
  const labelId = `${idPrefix}-progress-label`
  return (
    <div className="job-progress" data-testid="job-progress">
      <p id={labelId} role="status" className="job-progress-label">
        {cancelling ? 'Cancelling…' : job ? progressLabel(job) : 'Starting…'}
        {job && job.progress.message && job.progress.message !== PHASE_LABEL[job.progress.phase] ? (
          <span className="muted"> — {job.progress.message}</span>
        ) : null}
      </p>
      <progress
        aria-labelledby={labelId}
        max={total ?? undefined}
        value={total ? job?.progress.done : undefined}
      />
      {job ? (
        <p className="muted job-elapsed">
          Running for <span data-testid="job-elapsed">{formatElapsed(elapsed)}</span>
        </p>
      ) : null}
    </div>
  )
}
