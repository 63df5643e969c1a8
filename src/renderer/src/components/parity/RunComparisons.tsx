import { startParityRun } from '../../actions/parity-actions'
import { useJobControl } from '../../hooks/use-job-control'
import { JobProgressView } from '../jobs/JobProgressView'

/**
 * “Run comparisons”: starts `parity.run` (document parity when the three connections are set,
 * then every comparison set up), then shows the running job's progress with Cancel (this page's
 * run, or one a reloaded page found running). The outcome is announced when the job ends
 * (`parityRunFinished`), whichever page is open.
 */
export function RunComparisons({ count, connected }: { count: number; connected: boolean }) {
  const { job, busy: running, cancelling, start, cancel } = useJobControl('parity.run')
  const nothing = count === 0 && !connected
  return (
    <section className="card parity-run" aria-labelledby="parity-run-heading">
      <h2 id="parity-run-heading">Run the comparisons</h2>
      <p className="muted">
        Document parity always runs first when the CouchDB, couch2pg and CHT Sync connections are
        set; then each comparison set up. Every comparison reads the databases read-only and is
        saved in the project with its result, so the trend below grows with every run.
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void start(startParityRun)}
          disabled={running || nothing}
        >
          Run comparisons
        </button>
        {running ? (
          <button type="button" className="button" onClick={cancel} disabled={!job || cancelling}>
            Cancel
          </button>
        ) : null}
      </div>
      {nothing ? (
        <p className="muted">
          Set the three connections (Connections page) or add a comparison first.
        </p>
      ) : null}
      {running ? (
        <JobProgressView job={job ?? null} cancelling={cancelling} idPrefix="parity" />
      ) : null}
    </section>
  )
}
