import { useState, useTransition } from 'react'
import type { UsageSnapshot } from '../../../../shared/teardown/teardown-settings'
import { takeUsageSnapshot } from '../../actions/teardown-actions'
import { exactTime } from '../../lib/format'
import { noReadsNeedText, snapshotRows } from '../../lib/teardown-view'
import { TimeAgo } from '../common/TimeAgo'

/**
 * “Reads of the couch2pg database”: “Take a usage snapshot” (its read counters, read-only, kept
 * in the project), what the “no reads” gate needs of the snapshots, and those taken: when, how
 * many relations, and whether statements were counted too (`pg_stat_statements`).
 */
export function SnapshotsSection({
  snapshots,
  quietDays,
  connected,
}: {
  snapshots: readonly UsageSnapshot[]
  quietDays: number
  connected: boolean
}) {
  const [failure, setFailure] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const rows = snapshotRows(snapshots)
  const take = () =>
    startTransition(async () => {
      setFailure(null)
      const result = await takeUsageSnapshot()
      if (!result.ok) setFailure(result.error.message)
    })
  return (
    <section
      className="card teardown-snapshots"
      aria-labelledby="teardown-snapshots-heading"
      data-testid="teardown-snapshots"
    >
      <h2 id="teardown-snapshots-heading">Reads of the couch2pg database</h2>
      <p className="muted">
        A usage snapshot records how often each relation of the couch2pg database was scanned, and
        how often statements naming it ran, without changing anything. Two snapshots far enough
        apart show whether anything still reads it.
      </p>
      <p data-testid="teardown-no-reads-need">{noReadsNeedText(snapshots, quietDays)}</p>
      <div className="form-actions">
        {/* aria-disabled while taking, so the button that was pressed keeps the focus. */}
        <button
          type="button"
          className="button button-primary"
          disabled={!connected}
          aria-disabled={pending || undefined}
          onClick={() => (pending ? undefined : take())}
        >
          Take a usage snapshot
        </button>
        <p aria-live="polite" className="muted teardown-status">
          {pending ? 'Taking a snapshot…' : null}
        </p>
      </div>
      {!connected ? (
        <p className="muted">Set the couch2pg connection (Connections page) first.</p>
      ) : null}
      {failure ? (
        <p className="field-error" role="alert">
          Could not take a snapshot: {failure}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-scroll" role="region" aria-label="Usage snapshots" tabIndex={0}>
          <table className="teardown-table" data-testid="teardown-snapshot-table">
            <caption className="visually-hidden">Usage snapshots taken, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col" className="num">
                  Relations
                </th>
                <th scope="col">Statements</th>
                <th scope="col">Statistics counted since</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.takenAt}>
                  <th scope="row">
                    {exactTime(row.takenAt)}{' '}
                    <span className="muted">
                      (<TimeAgo iso={row.takenAt} />)
                    </span>
                  </th>
                  <td className="num">{row.relations.toLocaleString('en-US')}</td>
                  <td>
                    {row.statements ? 'Counted' : 'Not counted (pg_stat_statements not available)'}
                  </td>
                  <td>{row.statsReset ? exactTime(row.statsReset) : 'Not known'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No snapshot was taken yet.</p>
      )}
    </section>
  )
}
