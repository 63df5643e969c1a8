import { useId, useState } from 'react'
import type { StoredResult } from '../../../../shared/project-schema'
import { docResults, type DocResult } from '../../lib/doc-parity-view'
import { VERDICT_LABEL } from '../../lib/labels'
import { TimeAgo } from '../common/TimeAgo'
import { DocResultDetails } from './DocResultDetails'

function DocResultItem({
  doc,
  open,
  onToggle,
}: {
  doc: DocResult
  open: boolean
  onToggle: () => void
}) {
  const detailsId = useId()
  const { result } = doc
  return (
    <li className="doc-result" data-doc-result={result.id}>
      <div className="doc-result-head">
        <h3>
          <button
            type="button"
            className="disclosure"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            onClick={onToggle}
          >
            <span className="disclosure-icon" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            {result.title}
          </button>
        </h3>
        <span className={`badge badge-${result.verdict}`}>{VERDICT_LABEL[result.verdict]}</span>
        {result.partial ? <span className="badge badge-neutral">(partial)</span> : null}
      </div>
      <p className="doc-result-summary">
        {result.summary}{' '}
        <span className="muted">
          Ran <TimeAgo iso={result.ranAt} />.
        </span>
      </p>
      {result.partial ? (
        <p className="muted doc-result-partial">Partial: {result.partial.note}.</p>
      ) : null}
      {open ? <DocResultDetails doc={doc} id={detailsId} /> : null}
    </li>
  )
}

/**
 * Document parity on the Parity page: its three results (CouchDB against CHT Sync, CouchDB
 * against couch2pg, couch2pg against CHT Sync), each with its verdict, summary and when it ran;
 * one at a time opens to its counts, differences (with the documents themselves on request) and
 * checkpoints.
 */
export function DocumentParity({
  results,
  connected,
}: {
  results: Readonly<Record<string, StoredResult>>
  /** The project has the three connections document parity reads. */
  connected: boolean
}) {
  const docs = docResults(results)
  const [open, setOpen] = useState<string | null>(null)
  return (
    <section className="card parity-documents" aria-labelledby="parity-documents-heading">
      <h2 id="parity-documents-heading">Documents</h2>
      <p className="muted">
        Every document of CouchDB, compared by id and revision with couch2pg’s and CHT Sync’s copies
        each time the comparisons run.
      </p>
      {docs.length === 0 ? (
        <p className="muted" data-testid="documents-empty">
          {connected
            ? 'Not run yet: “Run comparisons” compares the documents first.'
            : 'Set the CouchDB, couch2pg and CHT Sync connections first (Connections page): document parity reads all three.'}
        </p>
      ) : (
        <ul className="doc-results" aria-label="Document comparisons">
          {docs.map((doc) => (
            <DocResultItem
              key={doc.result.id}
              doc={doc}
              open={open === doc.result.id}
              onToggle={() => setOpen((o) => (o === doc.result.id ? null : doc.result.id))}
            />
          ))}
        </ul>
      )}
    </section>
  )
}
