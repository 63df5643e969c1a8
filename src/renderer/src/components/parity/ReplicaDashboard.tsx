import type { MetricDefinition } from '../../../../shared/parity-definitions'
import type { StoredResult } from '../../../../shared/project-schema'
import { tileRows } from '../../../../shared/results/parity-tiles'
import { comparisonResultId } from '../../lib/parity-view'
import { VERDICT_LABEL } from '../../lib/labels'
import { MetricChart } from '../../../../shared/charts/MetricChart'
import { TimeAgo } from '../common/TimeAgo'
import { GroupTable } from './GroupTable'

function MetricTile({
  metric,
  result,
}: {
  metric: MetricDefinition
  result: StoredResult | undefined
}) {
  const headingId = `parity-tile-${metric.id}`
  const rows = result ? tileRows(result) : []
  const differing = rows.filter((r) => r.differs).length
  const sides =
    result?.details.kind === 'comparison'
      ? { old: result.details.old.label, new: result.details.new.label }
      : { old: 'Old', new: 'New' }
  return (
    <li className="parity-tile" aria-labelledby={headingId} data-metric={metric.id}>
      <h3 id={headingId}>{metric.title}</h3>
      {result ? (
        <>
          <p className="parity-tile-verdict">
            <span className={`badge badge-${result.verdict}`}>{VERDICT_LABEL[result.verdict]}</span>{' '}
            <span data-testid="tile-summary">
              {result.verdict === 'error'
                ? result.summary
                : differing === 0
                  ? `All ${rows.length} groups match.`
                  : `${differing} of ${rows.length} groups differ.`}
            </span>
          </p>
          {rows.length > 0 ? (
            <MetricChart rows={rows} oldLabel={sides.old} newLabel={sides.new} />
          ) : null}
          {rows.length > 0 ? (
            <GroupTable
              rows={rows}
              caption={`${metric.title}: old and new values per group`}
              groupLabel={metric.groupColumns.join(' / ') || 'Group'}
              oldLabel={sides.old}
              newLabel={sides.new}
            />
          ) : null}
          <p className="muted">
            Ran <TimeAgo iso={result.ranAt} />.
          </p>
        </>
      ) : (
        <p className="muted">Not run yet.</p>
      )}
    </li>
  )
}

/**
 * The replica dashboard: one tile per dashboard metric with its latest result, the old and new
 * figures of each group side by side, as a chart (the first groups, those that differ first) and
 * as a table of every group.
 */
export function ReplicaDashboard({
  metrics,
  results,
}: {
  metrics: MetricDefinition[]
  results: Readonly<Record<string, StoredResult>>
}) {
  return (
    <section className="card parity-dashboard" aria-labelledby="parity-dashboard-heading">
      <h2 id="parity-dashboard-heading">Replica dashboard</h2>
      {metrics.length === 0 ? (
        <p className="muted">No dashboard metric is set up yet.</p>
      ) : (
        <ul className="parity-tiles" aria-label="Dashboard tiles">
          {metrics.map((metric) => (
            <MetricTile
              key={metric.id}
              metric={metric}
              result={results[comparisonResultId('metric', metric.id)]}
            />
          ))}
        </ul>
      )}
    </section>
  )
}
