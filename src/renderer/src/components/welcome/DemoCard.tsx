import { useState, useTransition } from 'react'
import type { JobProgress } from '../../../../shared/events'
import { cancelDemo, newJobId, startDemo } from '../../actions/demo-actions'

/**
 * “Try the demo deployment”: starts a throwaway CHT instance on this machine (a CouchDB-compatible
 * server, and PostgreSQL with a couch2pg and a CHT Sync database, with a few known differences)
 * and opens a project pointing at it. Shows the start's progress, with a Cancel button.
 */
export function DemoCard() {
  const [jobId, setJobId] = useState<string | null>(null)
  const [progress, setProgress] = useState<JobProgress | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const [pending, startTransition] = useTransition()

  const start = () => {
    const id = newJobId()
    setJobId(id)
    setProgress(null)
    setCancelling(false)
    startTransition(async () => {
      await startDemo(id, setProgress)
      setJobId(null)
    })
  }

  const cancel = () => {
    if (!jobId) return
    setCancelling(true)
    void cancelDemo(jobId)
  }

  const running = pending && jobId !== null
  const total = progress?.total ?? null
  const counting = progress?.message === 'Loading documents' && total !== null
  const label = progress
    ? `${progress.message}${counting ? `: ${progress.done.toLocaleString()} of ${total.toLocaleString()} documents` : ''}`
    : 'Starting…'

  return (
    <section className="card demo-card" aria-labelledby="demo-heading">
      <h2 id="demo-heading">Try it without a real CHT</h2>
      <p>
        The demo deployment runs on this machine only: a CouchDB with the CHT databases, a couch2pg
        database and a CHT Sync database, filled with about 20,000 made-up documents and a few known
        differences for the checks to find. It is removed when you stop the wizard.
      </p>
      {running ? (
        <div className="demo-progress">
          <p id="demo-progress-label" role="status">
            {cancelling ? 'Cancelling…' : label}
          </p>
          <progress
            aria-labelledby="demo-progress-label"
            max={total ?? undefined}
            value={total ? progress?.done : undefined}
          />
          <div className="form-actions">
            <button type="button" className="button" onClick={cancel} disabled={cancelling}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={start}>
            Try the demo deployment
          </button>
        </div>
      )}
    </section>
  )
}
