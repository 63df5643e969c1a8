import type { StoredResult } from '../../../../shared/project-schema'
import { ageInDays, isStale } from '../../../../shared/progress'
import { useNow } from '../../hooks/use-now'
import { PARTIAL_LABEL, VERDICT_LABEL } from '../../lib/labels'
import { LastRun } from '../checks/CheckRunFacts'
import { ResultDetails } from './ResultDetails'

/**
 * The stored result of an item's automated check, read from the project file (no server or
 * database needed): its verdict, whether it is partial or stale, its summary and typed details,
 * when and against what it ran, and how many earlier runs its history keeps.
 */
export function CheckResultView({
  result,
  staleAfterDays,
}: {
  result: StoredResult | undefined
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
          No automated result is recorded for this item yet; record what you verified in the note
          and the evidence.
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
        {result.partial ? (
          <span className="badge badge-warn" data-testid="partial-badge">
            Partial: {PARTIAL_LABEL[result.partial.reason]}
          </span>
        ) : null}
        {stale ? (
          <span className="badge badge-stale" data-testid="stale-badge">
            Stale
          </span>
        ) : null}
      </p>
      {result.summary ? <p>{result.summary}</p> : null}
      <ResultDetails details={result.details} />
      <p className="muted">
        <LastRun result={result} />.
        {stale
          ? ` It is ${ageInDays(result.ranAt, now)} days old, past this project's limit of ${staleAfterDays}; run it again before relying on it.`
          : null}
        {result.history.length > 0
          ? ` ${result.history.length} earlier ${result.history.length === 1 ? 'run is' : 'runs are'} kept.`
          : null}
      </p>
    </div>
  )
}
