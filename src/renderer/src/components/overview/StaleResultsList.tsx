import { staleResults } from '../../../../shared/progress'
import { useNow } from '../../hooks/use-now'
import { VERDICT_LABEL } from '../../lib/labels'
import { useStore } from '../../store'
import { selectResults, selectSettings } from '../../store/selectors'
import { TimeAgo } from '../common/TimeAgo'
import { ItemLink } from './ItemLink'

/** Stored check results older than the project's stale age. */
export function StaleResultsList() {
  const now = useNow()
  const results = useStore(selectResults)
  const staleAfterDays = useStore((s) => selectSettings(s).staleAfterDays)
  const stale = staleResults(results, staleAfterDays, now)
  const total = Object.keys(results).length
  if (stale.length === 0) {
    return (
      <p className="muted">
        {total === 0
          ? 'No automated check has stored a result yet.'
          : `All stored results are younger than ${staleAfterDays} days.`}
      </p>
    )
  }
  return (
    <ul className="plain-list">
      {stale.map((result) => (
        <li key={result.id}>
          <span className="badge badge-stale">Stale</span> <ItemLink itemId={result.itemId} />
          <span className="activity-meta">
            {VERDICT_LABEL[result.verdict]}, last run <TimeAgo iso={result.ranAt} />
          </span>
        </li>
      ))}
    </ul>
  )
}
