import { useActionState, useEffect } from 'react'
import { ENDPOINT_LABELS } from '../../../../shared/connection-targets'
import { ENDPOINT_IDS } from '../../../../shared/project-schema'
import { refreshPasswordSources, testAll } from '../../actions/connection-actions'
import { PageHeading } from '../common/PageHeading'
import { ConnectionCard } from './ConnectionCard'
import { SyncCoverageTable } from './SyncCoverageTable'

/** Tests the saved connections in turn, with the passwords the wizard already has. */
function TestAll() {
  const [message, action, pending] = useActionState(async () => {
    const { results, notSet } = await testAll()
    const connected = results.filter((r) => r.verdict === 'pass' || r.verdict === 'warn')
    const failed = results
      .filter((r) => !connected.includes(r))
      .flatMap((r) => r.endpoints.map((e) => ENDPOINT_LABELS[e.endpoint]))
    const parts = [
      failed.length === 0 && notSet.length === 0
        ? `All ${connected.length} connections work.`
        : `${connected.length} of ${ENDPOINT_IDS.length} connected.`,
    ]
    if (failed.length > 0) parts.push(`Not connected: ${failed.join(', ')}.`)
    if (notSet.length > 0) {
      parts.push(`Not set up yet: ${notSet.map((e) => ENDPOINT_LABELS[e]).join(', ')}.`)
    }
    return parts.join(' ')
  }, null)
  return (
    <form action={action} className="connections-test-all">
      <button type="submit" className="button" disabled={pending}>
        Test all three
      </button>
      <p role="status" className="connection-status">
        {pending ? 'Testing the three connections…' : message}
      </p>
    </form>
  )
}

/**
 * The three endpoints of a migration: the CHT instance's CouchDB, the couch2pg database and the
 * CHT Sync database. Each can be edited and tested; results are stored in the project. Under
 * them, the databases each pipeline copies, from the latest results.
 */
export function ConnectionsPage() {
  useEffect(() => {
    void refreshPasswordSources()
  }, [])
  return (
    <div className="page connections-page">
      <PageHeading>Connections</PageHeading>
      <p className="lead">
        The wizard reads the CHT instance’s CouchDB, the couch2pg database and the CHT Sync database
        to check the migration. It only ever reads: every database session is read-only, with time
        limits. Passwords are never written into the project file.
      </p>
      <TestAll />
      <div className="connection-cards">
        {ENDPOINT_IDS.map((endpoint) => (
          <ConnectionCard key={endpoint} endpoint={endpoint} />
        ))}
      </div>
      <SyncCoverageTable />
    </div>
  )
}
