import { useActionState } from 'react'
import { addSuggestedComparisons, removeComparison } from '../../actions/parity-actions'
import type { ComparisonEntry } from '../../lib/parity-view'
import { VERDICT_LABEL } from '../../lib/labels'
import { TimeAgo } from '../common/TimeAgo'

const KIND_LABEL = { model: 'Model pair', metric: 'Dashboard metric' } as const

function VerdictBadge({ entry }: { entry: ComparisonEntry }) {
  const { result } = entry
  if (!result) return <span className="badge badge-neutral">Not run yet</span>
  return (
    <span className={`badge badge-${result.verdict}`}>
      {VERDICT_LABEL[result.verdict]}
      {result.partial ? ' (partial)' : ''}
    </span>
  )
}

/** “Add the suggested comparisons”: asks the engine what suits both databases, adds the rest. */
function AddSuggested() {
  const [message, action, pending] = useActionState(async () => {
    const added = await addSuggestedComparisons()
    if (added === null) return 'No comparison was added.'
    return added === 0
      ? 'Every suggested comparison is already set up.'
      : `Added ${added} ${added === 1 ? 'comparison' : 'comparisons'}.`
  }, null)
  return (
    <form action={action} className="parity-inline-form">
      <button type="submit" className="button" disabled={pending}>
        Add the suggested comparisons
      </button>
      <p role="status" className="muted parity-status">
        {pending ? 'Reading both databases for suggestions…' : message}
      </p>
    </form>
  )
}

/**
 * The comparisons the project holds (model pairs, then dashboard metrics), each with the verdict
 * of its latest run and a Remove button; and the button that adds the suggested ones.
 */
export function ComparisonsSetUp({ entries }: { entries: ComparisonEntry[] }) {
  return (
    <section className="card parity-setup" aria-labelledby="parity-setup-heading">
      <h2 id="parity-setup-heading">Comparisons set up</h2>
      {entries.length === 0 ? (
        <p className="muted">
          Nothing is compared yet. The wizard can suggest comparisons from what the couch2pg and CHT
          Sync databases hold: the reports and contacts models, and the usual dashboard figures.
        </p>
      ) : (
        <ul className="parity-comparisons" aria-label="Comparisons">
          {entries.map((entry) => (
            <li key={`${entry.kind}:${entry.id}`} data-comparison={entry.id}>
              <div className="parity-comparison-head">
                <span className="parity-comparison-title">{entry.title}</span>
                <span className="muted">{KIND_LABEL[entry.kind]}</span>
                <VerdictBadge entry={entry} />
                <button
                  type="button"
                  className="button button-small button-quiet"
                  aria-label={`Remove “${entry.title}”`}
                  onClick={() => void removeComparison(entry.kind, entry.id, entry.title)}
                >
                  Remove
                </button>
              </div>
              {entry.result ? (
                <p className="muted parity-comparison-summary">
                  {entry.result.summary} Last run <TimeAgo iso={entry.result.ranAt} />.
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <AddSuggested />
    </section>
  )
}
