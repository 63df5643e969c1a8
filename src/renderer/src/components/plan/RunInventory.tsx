import { startInventory } from '../../actions/inventory-actions'
import { useJobControl } from '../../hooks/use-job-control'
import { JobProgressView } from '../jobs/JobProgressView'

/**
 * “Run inventory”: starts `inventory.run` (the couch2pg database and CouchDB), then shows the
 * running job's progress with Cancel (this page's run, or one a reloaded page found running).
 * The outcome is announced when the job ends (`inventoryRunFinished`), whichever page is open.
 */
export function RunInventory() {
  const { job, busy, cancelling, start, cancel } = useJobControl('inventory.run')
  return (
    <div className="inventory-run-control">
      <div className="form-actions">
        {/* aria-disabled while running, so the button that was pressed keeps the focus. */}
        <button
          type="button"
          className="button button-primary"
          aria-disabled={busy || undefined}
          onClick={() => (busy ? undefined : void start(() => startInventory()))}
        >
          Run inventory
        </button>
        {busy ? (
          <button type="button" className="button" onClick={cancel} disabled={!job || cancelling}>
            Cancel
          </button>
        ) : null}
      </div>
      {busy ? (
        <JobProgressView job={job ?? null} cancelling={cancelling} idPrefix="inventory" />
      ) : null}
    </div>
  )
}
