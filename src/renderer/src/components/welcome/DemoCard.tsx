import { useRef, useState } from 'react'
import { startDemo } from '../../actions/demo-actions'
import { useJobControl } from '../../hooks/use-job-control'
import { useStore } from '../../store'
import { JobProgressView } from '../jobs/JobProgressView'
import { DEFAULT_DEMO_CHOICE, DemoOptions, type DemoChoice } from './DemoOptions'
import { RunningDemo } from './RunningDemo'

/**
 * “Try the demo deployment”: starts a throwaway CHT instance on this machine (a CouchDB-compatible
 * server, and PostgreSQL with a couch2pg and a CHT Sync database, with a few known differences)
 * and opens a project pointing at it. While a start runs (this page's, or one a reloaded page
 * found running) it shows its progress with Cancel; while a demo runs (its project closed, or
 * the page reloaded) it shows that demo with Reopen and Stop, as the engine's `demo.status` says.
 */
export function DemoCard() {
  const { job, busy: starting, cancelling, start, cancel } = useJobControl('demo.start')
  const demo = useStore((s) => s.demo)
  const [choice, setChoice] = useState<DemoChoice>(DEFAULT_DEMO_CHOICE)
  const heading = useRef<HTMLHeadingElement>(null)

  const running = !starting && demo?.dir ? demo : null
  return (
    <section className="card demo-card" aria-labelledby="demo-heading">
      <h2 id="demo-heading" ref={heading} tabIndex={-1}>
        Try it without a real CHT
      </h2>
      {running ? (
        <RunningDemo demo={running} onStopped={() => heading.current?.focus()} />
      ) : (
        <p>
          The demo deployment runs on this machine only: a CouchDB with the CHT databases, a
          couch2pg database and a CHT Sync database, filled with about 20,000 made-up documents and
          a few known differences for the checks to find. It is removed when you stop it or the
          wizard.
        </p>
      )}
      {starting ? (
        <div className="demo-progress">
          <JobProgressView job={job ?? null} cancelling={cancelling} idPrefix="demo" />
          <div className="form-actions">
            <button type="button" className="button" onClick={cancel} disabled={!job || cancelling}>
              Cancel
            </button>
          </div>
        </div>
      ) : running ? null : (
        <>
          <DemoOptions value={choice} onChange={setChoice} />
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => void start(() => startDemo(choice))}
            >
              Try the demo deployment
            </button>
          </div>
        </>
      )}
    </section>
  )
}
