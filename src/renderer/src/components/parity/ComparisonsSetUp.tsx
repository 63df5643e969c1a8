import { useActionState, useState } from 'react'
import { emptyParity, type ParitySettings } from '../../../../shared/parity-definitions'
import { addSuggestedComparisons, removeComparison } from '../../actions/parity-actions'
import { hasDrillDown, modelDetails } from '../../lib/parity-edit-detail'
import type { ComparisonEntry } from '../../lib/parity-view'
import { VERDICT_LABEL } from '../../lib/labels'
import { useStore } from '../../store'
import { TimeAgo } from '../common/TimeAgo'
import { GreenDaysSetting } from './GreenDaysSetting'
import { MetricEditor } from './MetricEditor'
import { ModelEditor } from './ModelEditor'
import { ModelResultDetail } from './ModelResultDetail'

const KIND_LABEL = { model: 'Model pair', metric: 'Dashboard metric' } as const
const NO_PARITY: ParitySettings = emptyParity()

/** Which editor is open: a kind, and the id of the comparison edited (null adds one). */
type Editing = { kind: 'model' | 'metric'; id: string | null } | null

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

/** The editor that is open, on the definition it edits (gone if removed meanwhile: closed). */
function OpenEditor({
  editing,
  parity,
  newSchema,
  onClose,
}: {
  editing: NonNullable<Editing>
  parity: ParitySettings
  newSchema: string
  onClose: () => void
}) {
  if (editing.kind === 'model') {
    const model = editing.id === null ? null : parity.models.find((m) => m.id === editing.id)
    if (model === undefined) return null
    return (
      <ModelEditor
        model={model}
        takenIds={new Set(parity.models.map((m) => m.id))}
        schemas={{ old: 'public', new: newSchema }}
        onClose={onClose}
      />
    )
  }
  const metric = editing.id === null ? null : parity.metrics.find((m) => m.id === editing.id)
  if (metric === undefined) return null
  return (
    <MetricEditor
      metric={metric}
      takenIds={new Set(parity.metrics.map((m) => m.id))}
      onClose={onClose}
    />
  )
}

/** One comparison: title, kind, verdict, Edit and Remove, its last run and a model's details. */
function ComparisonItem({ entry, onEdit }: { entry: ComparisonEntry; onEdit: () => void }) {
  const details = entry.kind === 'model' ? modelDetails(entry.result) : null
  return (
    <li data-comparison={entry.id}>
      <div className="parity-comparison-head">
        <span className="parity-comparison-title">{entry.title}</span>
        <span className="muted">{KIND_LABEL[entry.kind]}</span>
        <VerdictBadge entry={entry} />
        <span className="parity-comparison-actions">
          <button
            type="button"
            className="button button-small button-quiet"
            aria-label={`Edit “${entry.title}”`}
            onClick={onEdit}
          >
            Edit
          </button>
          <button
            type="button"
            className="button button-small button-quiet"
            aria-label={`Remove “${entry.title}”`}
            onClick={() => void removeComparison(entry.kind, entry.id, entry.title)}
          >
            Remove
          </button>
        </span>
      </div>
      {entry.result ? (
        <p className="muted parity-comparison-summary">
          {entry.result.summary} Last run <TimeAgo iso={entry.result.ranAt} />.
        </p>
      ) : null}
      {details && hasDrillDown(details) ? (
        <ModelResultDetail title={entry.title} details={details} />
      ) : null}
    </li>
  )
}

/**
 * The comparisons the project holds (model pairs, then dashboard metrics), each with the verdict
 * of its latest run, Edit and Remove, and a model pair's drill-down; the buttons that add one by
 * hand or the suggested ones; and the green days teardown waits for.
 */
export function ComparisonsSetUp({ entries }: { entries: ComparisonEntry[] }) {
  const parity = useStore((s) => s.project?.document.parity ?? NO_PARITY)
  const newSchema = useStore((s) => s.project?.document.connections.chtSync?.schema ?? 'v1')
  const [editing, setEditing] = useState<Editing>(null)
  const close = () => setEditing(null)
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
            <ComparisonItem
              key={`${entry.kind}:${entry.id}`}
              entry={entry}
              onEdit={() => setEditing({ kind: entry.kind, id: entry.id })}
            />
          ))}
        </ul>
      )}
      <div className="form-actions parity-add">
        <button
          type="button"
          className="button"
          onClick={() => setEditing({ kind: 'model', id: null })}
        >
          Add a model pair
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setEditing({ kind: 'metric', id: null })}
        >
          Add a dashboard metric
        </button>
        <AddSuggested />
      </div>
      <GreenDaysSetting current={parity.greenDaysRequired} />
      {editing ? (
        <OpenEditor editing={editing} parity={parity} newSchema={newSchema} onClose={close} />
      ) : null}
    </section>
  )
}
