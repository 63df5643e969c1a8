import { useRef, useState, useTransition } from 'react'
import type { ExplainQuery } from '../../../../shared/checks/check-settings'
import { PAGE } from '../../../../shared/checklist/doc-pages'
import { removeExplainQuery } from '../../actions/optimize-actions'
import { useStore } from '../../store'
import { selectResults } from '../../store/selectors'
import { DocLink } from '../common/DocLink'
import { BeforeAfterTable } from './BeforeAfterTable'
import { ExplainQueryForm } from './ExplainQueryForm'

const NO_QUERIES: readonly ExplainQuery[] = []

function QueryRow({
  query,
  onEdit,
  onFailure,
}: {
  query: ExplainQuery
  onEdit: (query: ExplainQuery) => void
  onFailure: (message: string | null) => void
}) {
  const [pending, startTransition] = useTransition()
  const remove = () =>
    startTransition(async () => {
      onFailure(await removeExplainQuery(query.id, query.label))
    })
  return (
    <li className="optimize-query" data-query={query.label}>
      <div className="optimize-query-head">
        <span className="optimize-query-label">{query.label}</span>
        <span className="optimize-actions">
          <button
            type="button"
            className="button button-small"
            disabled={pending}
            aria-label={`Edit ${query.label}`}
            onClick={() => onEdit(query)}
          >
            Edit
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={pending}
            aria-label={`Remove ${query.label}`}
            onClick={remove}
          >
            Remove
          </button>
        </span>
      </div>
      <pre className="optimize-query-sql">
        <code>{query.sql}</code>
      </pre>
    </li>
  )
}

/**
 * The Optimize step's dashboard queries: the slowest queries dashboards run, listed to be
 * EXPLAINed by the `optimize.explain` check on each run (add, edit, remove), and a before/after
 * table of their cost and time. The checks' verdicts and evidence show in the checklist below.
 */
export function OptimizePanel() {
  const queries = useStore((s) => s.project?.document.checks.explainQueries ?? NO_QUERIES)
  const result = useStore(selectResults)['optimize.explain']
  const [editing, setEditing] = useState<ExplainQuery | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const labelRef = useRef<HTMLInputElement>(null)

  const edit = (query: ExplainQuery) => {
    setEditing(query)
    // The form is filled on the next render; move there so a keyboard user lands in it.
    requestAnimationFrame(() => labelRef.current?.focus())
  }

  return (
    <section
      className="card optimize-panel"
      aria-labelledby="optimize-queries-heading"
      data-testid="optimize-panel"
    >
      <h2 id="optimize-queries-heading">Dashboard queries</h2>
      <p className="muted">
        List the dashboard queries users wait for. Each run of the Optimize checks EXPLAINs them on
        the CHT Sync database, so you can compare their cost and time before and after an index or a
        model change.{' '}
        <DocLink href={PAGE.tuning.docUrl}>Read the CHT guide: {PAGE.tuning.docTitle}</DocLink>
      </p>
      {queries.length > 0 ? (
        <ul className="optimize-query-list" aria-label="Dashboard queries to explain">
          {queries.map((q) => (
            <QueryRow key={q.id} query={q} onEdit={edit} onFailure={setFailure} />
          ))}
        </ul>
      ) : (
        <p className="muted">No dashboard query is listed yet.</p>
      )}
      {failure ? (
        <p className="field-error" role="alert">
          {failure}
        </p>
      ) : null}
      <ExplainQueryForm
        key={editing?.id ?? 'new'}
        editing={editing}
        count={queries.length}
        labelRef={labelRef}
        onDone={() => setEditing(null)}
      />
      {queries.length > 0 ? <BeforeAfterTable queries={queries} result={result} /> : null}
    </section>
  )
}
