import { startInventory } from '../../actions/inventory-actions'
import { JobRunButton } from '../jobs/JobRunButton'

/**
 * “Run inventory”: starts `inventory.run` (the couch2pg database and CouchDB), then shows the
 * running job's progress with Cancel. The outcome is announced when the job ends
 * (`inventoryRunFinished`), whichever page is open.
 */
export function RunInventory() {
  return (
    <JobRunButton
      kind="inventory.run"
      label="Run inventory"
      begin={() => startInventory()}
      idPrefix="inventory"
      className="inventory-run-control"
    />
  )
}
