import type { StoredResult } from '../../../../shared/project-schema'
import { TimeAgo } from '../common/TimeAgo'

/** “Last run 5 minutes ago against `a`, `b`”: when a run was and what it read (no full stop). */
export function LastRun({ result }: { result: StoredResult }) {
  const targets = result.endpoints.map((e) => e.target)
  return (
    <>
      Last run <TimeAgo iso={result.ranAt} />
      {targets.length > 0 ? (
        <>
          {' '}
          against{' '}
          {targets.map((t, i) => (
            <span key={t}>
              {i > 0 ? ', ' : ''}
              <code>{t}</code>
            </span>
          ))}
        </>
      ) : null}
    </>
  )
}

/** When a check last ran and against what; a stale result says to run it again. */
export function CheckRunFacts({ result, stale }: { result: StoredResult; stale: boolean }) {
  return (
    <p className="check-facts muted">
      <LastRun result={result} />.
      {stale ? ' The result is stale: run it again before relying on it.' : null}
    </p>
  )
}
