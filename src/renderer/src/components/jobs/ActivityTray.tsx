import { useId, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { JobSnapshot } from '../../../../shared/jobs'
import { cancelJob } from '../../actions/job-actions'
import { STATE_LABEL } from '../../lib/job-labels'
import { useStore } from '../../store'
import { JobProgressView } from './JobProgressView'

/** Jobs to show: every running one, and finished ones the person has not dismissed. */
function visibleJobs(jobs: Record<string, JobSnapshot>, dismissed: Record<string, true>) {
  return Object.values(jobs)
    .filter((job) => job.state === 'running' || !dismissed[job.jobId])
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))
}

function JobEntry({ job }: { job: JobSnapshot }) {
  const [cancelling, setCancelling] = useState(false)
  const dismiss = useStore((s) => s.dismissJob)
  const running = job.state === 'running'
  return (
    <li className={`activity-job activity-job-${job.state}`} data-testid="activity-job">
      <p className="activity-job-head">
        <strong>{job.title}</strong>{' '}
        <span
          className={`badge badge-${running ? 'neutral' : job.state === 'succeeded' ? 'pass' : job.state === 'cancelled' ? 'stale' : 'fail'}`}
        >
          {STATE_LABEL[job.state]}
        </span>
      </p>
      {running ? (
        <JobProgressView job={job} cancelling={cancelling} idPrefix={`job-${job.jobId}`} />
      ) : job.error ? (
        <p className="activity-job-outcome">{job.error.message}</p>
      ) : null}
      <div className="form-actions">
        {running ? (
          <button
            type="button"
            className="button"
            disabled={cancelling}
            onClick={() => {
              setCancelling(true)
              void cancelJob(job.jobId)
            }}
          >
            Cancel<span className="visually-hidden"> {job.title}</span>
          </button>
        ) : (
          <button type="button" className="button" onClick={() => dismiss(job.jobId)}>
            Dismiss<span className="visually-hidden"> {job.title}</span>
          </button>
        )}
      </div>
    </li>
  )
}

/**
 * The activity tray: a button showing how many jobs run, opening a panel with every running job
 * (its progress, elapsed time and Cancel) and finished ones with how they ended (until dismissed).
 */
export function ActivityTray() {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const jobs = useStore(useShallow((s) => visibleJobs(s.jobs, s.dismissedJobs)))
  const running = jobs.filter((j) => j.state === 'running').length
  if (jobs.length === 0) return null
  return (
    <div className="activity-tray">
      <button
        type="button"
        className="button activity-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Activity{' '}
        <span className="badge badge-neutral" data-testid="activity-count">
          {running > 0 ? `${running} running` : `${jobs.length} finished`}
        </span>
      </button>
      {open ? (
        <section id={panelId} className="activity-panel" aria-label="Activity">
          <ul className="activity-list">
            {jobs.map((job) => (
              <JobEntry key={job.jobId} job={job} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
