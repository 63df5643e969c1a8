import { CONNECTION_CHECK_IDS, ENDPOINT_LABELS } from '../../../../shared/connection-targets'
import { ENDPOINT_IDS } from '../../../../shared/project-schema'
import { isStale } from '../../../../shared/progress'
import { navigate } from '../../actions/navigation'
import { useNow } from '../../hooks/use-now'
import { routeToHash } from '../../lib/routes'
import { useStore } from '../../store'
import { selectResults, selectSettings } from '../../store/selectors'
import { TimeAgo } from '../common/TimeAgo'
import { connectionBadge } from './ConnectionResult'

/**
 * The stored connection results of the project, one line per endpoint, for the checklist item
 * “Connect the wizard…”: the verdict in words, when it was tested, and whether that is stale.
 */
export function ConnectionsSummary() {
  const results = useStore(selectResults)
  const staleAfterDays = useStore((s) => selectSettings(s).staleAfterDays)
  const now = useNow()
  return (
    <div className="check-result connections-summary" data-testid="connections-summary">
      <p className="check-result-head">
        <span className="field-label">Connection tests</span>
      </p>
      <ul className="connections-summary-list">
        {ENDPOINT_IDS.map((endpoint) => {
          const result = results[CONNECTION_CHECK_IDS[endpoint]]
          const badge = connectionBadge(result)
          return (
            <li key={endpoint} data-endpoint={endpoint}>
              <span className="connections-summary-name">{ENDPOINT_LABELS[endpoint]}</span>
              <span className={`badge badge-${badge.tone}`}>{badge.text}</span>
              {result && isStale(result.ranAt, staleAfterDays, now) ? (
                <span className="badge badge-stale">Stale</span>
              ) : null}
              {result ? (
                <span className="muted">
                  tested <TimeAgo iso={result.ranAt} />
                </span>
              ) : null}
            </li>
          )
        })}
      </ul>
      <p>
        <a
          href={routeToHash({ name: 'connections' })}
          onClick={(e) => {
            e.preventDefault()
            navigate({ name: 'connections' })
          }}
        >
          Edit and test the connections
        </a>
      </p>
    </div>
  )
}
