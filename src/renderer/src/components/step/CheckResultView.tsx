import type { CheckResult } from '../../../../shared/project-schema'
import { ageInDays, isStale } from '../../../../shared/progress'
import { useNow } from '../../hooks/use-now'
import { VERDICT_LABEL } from '../../lib/labels'
import { TimeAgo } from '../common/TimeAgo'

/**
 * The stored result of an item's automated check, read from the project file (no server or
 * database needed), marked stale past the project's stale age.
 */
export function CheckResultView({
  result,
  staleAfterDays,
}: {
  result: CheckResult | undefined
  staleAfterDays: number
}) {
  const now = useNow()
  if (!result) {
    return (
      <div className="check-result check-result-none">
        <p className="check-result-head">
          <span className="field-label">Automated check</span>
          <span className="badge badge-neutral">Not run yet</span>
        </p>
        <p className="muted">
          The wizard will check this for you once its automated checks arrive. Until then, record
          what you verified in the note and the evidence.
        </p>
      </div>
    )
  }
  const stale = isStale(result.ranAt, staleAfterDays, now)
  return (
    <div className={`check-result check-result-${result.verdict}`} data-testid="check-result">
      <p className="check-result-head">
        <span className="field-label">Automated check</span>
        <span className={`badge badge-${result.verdict}`}>{VERDICT_LABEL[result.verdict]}</span>
        {stale ? (
          <span className="badge badge-stale" data-testid="stale-badge">
            Stale
          </span>
        ) : null}
      </p>
      {result.summary ? <p>{result.summary}</p> : null}
      <p className="muted">
        Last run <TimeAgo iso={result.ranAt} />
        {result.endpoint ? (
          <>
            {' '}
            against <code>{result.endpoint}</code>
          </>
        ) : null}
        .
        {stale
          ? ` It is ${ageInDays(result.ranAt, now)} days old, past this project's limit of ${staleAfterDays}; run it again before relying on it.`
          : null}
      </p>
    </div>
  )
}
