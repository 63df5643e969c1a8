import type { StoredResult } from '../../../../shared/project-schema'
import { TimeAgo } from '../common/TimeAgo'

/** When a check last ran and against what; a stale result says to run it again. */
export function CheckRunFacts({ result, stale }: { result: StoredResult; stale: boolean }) {
  const targets = result.endpoints.map((e) => e.target)
  return (
    <p className="check-facts muted">
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
      .{stale ? ' The result is stale: run it again before relying on it.' : null}
    </p>
  )
}
