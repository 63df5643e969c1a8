import { useTransition } from 'react'
import { clearDecisions } from '../../actions/inventory-actions'
import { DECISION_SHORT, keyLabel, type MissingDecision } from '../../lib/inventory-view'
import { TimeAgo } from '../common/TimeAgo'

/**
 * Decisions about objects the latest inventory no longer lists (dropped, renamed, or read with
 * fewer rights): kept, since a scan never loses a decision, and listed apart to be cleared.
 */
export function MissingDecisions({ missing }: { missing: readonly MissingDecision[] }) {
  const [pending, startTransition] = useTransition()
  if (missing.length === 0) return null
  return (
    <section className="card inventory-missing" aria-labelledby="inventory-missing-heading">
      <h2 id="inventory-missing-heading">Decisions about objects no longer found</h2>
      <p className="muted">
        The latest inventory did not find these objects: dropped, renamed, or not readable by the
        wizard’s user. Their decisions are kept until you clear them.
      </p>
      <ul className="inventory-missing-list" data-testid="missing-decisions">
        {missing.map(({ key, decision }) => (
          <li key={key}>
            <code>{keyLabel(key)}</code> <strong>{DECISION_SHORT[decision.action]}</strong>
            {decision.owner ? `, owner ${decision.owner}` : ''}
            <span className="muted">
              {' '}
              (decided {decision.decidedBy ? `by ${decision.decidedBy} ` : ''}
              <TimeAgo iso={decision.decidedAt} />)
            </span>{' '}
            <button
              type="button"
              className="button button-small"
              disabled={pending}
              aria-label={`Clear the decision about ${keyLabel(key)}`}
              onClick={() => startTransition(async () => void (await clearDecisions([key])))}
            >
              Clear
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
