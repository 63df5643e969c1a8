import type { ConnectionErrorKind } from '../../../../shared/connections'
import type { StoredResult } from '../../../../shared/project-schema'
import { ageInDays, isStale } from '../../../../shared/progress'
import { describeConnection } from '../../../../shared/results/connection-describe'
import { connectionContextOf } from '../../../../shared/results/connection-context'
import type { ConnectionDetails } from '../../../../shared/results/connection-result'
import { useNow } from '../../hooks/use-now'
import { CONNECTION_ERROR_LABEL } from '../../lib/labels'
import { useStore } from '../../store'
import { selectResults } from '../../store/selectors'
import { TimeAgo } from '../common/TimeAgo'

/** The typed details of a stored connection result, or null for a result of another kind. */
export function connectionDetailsOf(result: StoredResult | undefined): ConnectionDetails | null {
  return result?.details.kind === 'connection' ? result.details : null
}

/** The classified error kind stored with a failed test. */
export function errorKindOf(result: StoredResult): ConnectionErrorKind | null {
  return connectionDetailsOf(result)?.error?.kind ?? null
}

/** The words of a result's badge: never colour alone. */
export function connectionBadge(result: StoredResult | undefined): {
  text: string
  tone: string
} {
  if (!result) return { text: 'Not tested yet', tone: 'neutral' }
  if (result.verdict === 'pass') return { text: 'Connected', tone: 'pass' }
  if (result.verdict === 'warn') return { text: 'Connected, with warnings', tone: 'warn' }
  const kind = errorKindOf(result)
  return { text: kind ? CONNECTION_ERROR_LABEL[kind] : 'Failed', tone: 'fail' }
}

/**
 * The stored result of a connection test, read from the project file, so it shows the same with
 * no server in reach: connected with the server and what was found, or the classified error with
 * what to do next; the warnings; when it was tested, against what, how long it took, and whether
 * it is stale. The sentences come from the typed details (`describeConnection`), read against
 * the project's latest facts of the other endpoints.
 */
export function ConnectionResult({
  result,
  staleAfterDays,
  id,
}: {
  result: StoredResult | undefined
  staleAfterDays: number
  id?: string
}) {
  const now = useNow()
  const results = useStore(selectResults)
  const badge = connectionBadge(result)
  const details = connectionDetailsOf(result)
  if (!result || !details) {
    return (
      <div className="connection-result connection-result-none" id={id}>
        <p className="connection-result-head">
          <span className={`badge badge-${badge.tone}`}>{badge.text}</span>
        </p>
      </div>
    )
  }
  const stale = isStale(result.ranAt, staleAfterDays, now)
  // Read against the latest facts of the other endpoints, as the stored verdict was.
  const { facts, warnings } = describeConnection(details, connectionContextOf(results))
  const error = details.error
  const target = result.endpoints[0]?.target
  return (
    <div
      className={`connection-result connection-result-${badge.tone}`}
      id={id}
      data-testid="connection-result"
      data-verdict={result.verdict}
    >
      <p className="connection-result-head">
        <span className={`badge badge-${badge.tone}`}>{badge.text}</span>
        {stale ? (
          <span className="badge badge-stale" data-testid="stale-badge">
            Stale
          </span>
        ) : null}
        {details.serverLabel ? (
          <span className="connection-server">{details.serverLabel}</span>
        ) : null}
      </p>
      {error ? <p className="connection-error">{error.message}</p> : null}
      {error?.hint ? (
        <p className="connection-hint">
          <strong>What to do: </strong>
          {error.hint}
        </p>
      ) : null}
      {warnings.map((warning, i) => (
        <p key={i} className="connection-warning">
          <strong>Warning: </strong>
          {warning}
        </p>
      ))}
      {facts.length > 0 ? (
        <dl className="connection-facts">
          {facts.map((f, i) => (
            <div key={`${f.label}-${i}`} className="connection-fact">
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p className="muted connection-when">
        Last tested <TimeAgo iso={result.ranAt} />
        {target ? (
          <>
            {' '}
            against <code>{target}</code>
          </>
        ) : null}
        {` (${Math.round(result.durationMs)} ms)`}.
        {stale
          ? ` It is ${ageInDays(result.ranAt, now)} days old, past this project's limit of ${staleAfterDays}; test again before relying on it.`
          : null}
      </p>
    </div>
  )
}
