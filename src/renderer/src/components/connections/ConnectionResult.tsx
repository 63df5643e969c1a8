import { connectionErrorKindSchema, type ConnectionErrorKind } from '../../../../shared/connections'
import { resultFacts, WARNING_LABEL } from '../../../../shared/connection-targets'
import type { CheckResult } from '../../../../shared/project-schema'
import { ageInDays, isStale } from '../../../../shared/progress'
import { useNow } from '../../hooks/use-now'
import { CONNECTION_ERROR_LABEL } from '../../lib/labels'
import { TimeAgo } from '../common/TimeAgo'

/** The classified error kind stored with a failed test, if it is one the wizard knows. */
export function errorKindOf(result: CheckResult): ConnectionErrorKind | null {
  const parsed = connectionErrorKindSchema.safeParse(result.measurements.errorKind)
  return parsed.success ? parsed.data : null
}

/** The words of a result's badge: never colour alone. */
export function connectionBadge(result: CheckResult | undefined): {
  text: string
  tone: string
} {
  if (!result) return { text: 'Not tested yet', tone: 'neutral' }
  if (result.verdict === 'pass') return { text: 'Connected', tone: 'pass' }
  if (result.verdict === 'warn') return { text: 'Connected, with warnings', tone: 'warn' }
  const kind = errorKindOf(result)
  return { text: kind ? CONNECTION_ERROR_LABEL[kind] : 'Failed', tone: 'fail' }
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null

/**
 * The stored result of a connection test, read from the project file, so it shows the same with
 * no server in reach: connected with the server version and what was found, or the classified
 * error with what to do next; when it was tested, against what, and whether it is stale.
 */
export function ConnectionResult({
  result,
  staleAfterDays,
  id,
}: {
  result: CheckResult | undefined
  staleAfterDays: number
  id?: string
}) {
  const now = useNow()
  const badge = connectionBadge(result)
  if (!result) {
    return (
      <div className="connection-result connection-result-none" id={id}>
        <p className="connection-result-head">
          <span className={`badge badge-${badge.tone}`}>{badge.text}</span>
        </p>
      </div>
    )
  }
  const stale = isStale(result.ranAt, staleAfterDays, now)
  const facts = resultFacts(result.measurements)
  const warnings = facts.filter((f) => f.label === WARNING_LABEL)
  // The server is in the head already.
  const details = facts.filter((f) => f.label !== WARNING_LABEL && f.label !== 'Server')
  const message = text(result.measurements.errorMessage)
  const hint = text(result.measurements.errorHint)
  const duration = result.measurements.durationMs
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
        {text(result.measurements.serverVersion) ? (
          <span className="connection-server">{String(result.measurements.serverVersion)}</span>
        ) : null}
      </p>
      {message ? <p className="connection-error">{message}</p> : null}
      {hint ? (
        <p className="connection-hint">
          <strong>What to do: </strong>
          {hint}
        </p>
      ) : null}
      {warnings.map((w, i) => (
        <p key={i} className="connection-warning">
          <strong>Warning: </strong>
          {w.value}
        </p>
      ))}
      {details.length > 0 ? (
        <dl className="connection-facts">
          {details.map((f, i) => (
            <div key={`${f.label}-${i}`} className="connection-fact">
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p className="muted connection-when">
        Last tested <TimeAgo iso={result.ranAt} />
        {result.endpoint ? (
          <>
            {' '}
            against <code>{result.endpoint}</code>
          </>
        ) : null}
        {typeof duration === 'number' ? ` (${duration} ms)` : null}.
        {stale
          ? ` It is ${ageInDays(result.ranAt, now)} days old, past this project's limit of ${staleAfterDays}; test again before relying on it.`
          : null}
      </p>
    </div>
  )
}
