import type { DocumentBodyView, OpOutput } from '../../../../shared/contract'
import type { Result } from '../../../../shared/result'
import { TEXT_LIMITS } from '../../../../shared/results/common'
import { Modal } from '../dialogs/Modal'

/** The three places, in the order the pipelines copy from one to the next. */
const PLACES = [
  ['couchdb', 'CouchDB'],
  ['couch2pg', 'couch2pg'],
  ['chtSync', 'CHT Sync'],
] as const

/** The document asked for, and the answer once it came. */
export interface ShownDocument {
  database: string
  id: string
  answer: Result<OpOutput<'parity.document'>> | null
}

function Place({ label, body }: { label: string; body: DocumentBodyView }) {
  return (
    <section className="doc-body" aria-label={label} data-place={label}>
      <h3>{label}</h3>
      {body.error ? (
        <p className="doc-body-error" role="note">
          Could not be read: {body.error}
        </p>
      ) : !body.found ? (
        <p className="muted">Not there: this place holds no document with this id.</p>
      ) : null}
      {body.note ? <p className="muted">{body.note}</p> : null}
      {body.body !== null ? (
        <pre className="doc-body-json" tabIndex={0} aria-label={`${label}: the document as JSON`}>
          {body.body}
        </pre>
      ) : null}
      {body.truncated ? (
        <p className="muted">
          Cut after {TEXT_LIMITS.block.toLocaleString('en-US')} characters: the rest is not shown.
        </p>
      ) : null}
    </section>
  )
}

/**
 * A document of a difference sample as CouchDB, couch2pg and CHT Sync hold it, side by side, in a
 * modal dialog: each body pretty-printed and bounded (scrolling within its column), or why that
 * place has none or could not be read.
 */
export function DocumentBodiesDialog({
  shown,
  onClose,
}: {
  shown: ShownDocument
  onClose: () => void
}) {
  const { answer } = shown
  return (
    <Modal title={`Document “${shown.id}”`} onCancel={onClose}>
      {() => (
        <div className="doc-bodies" data-testid="document-bodies">
          <p className="muted">
            In the CouchDB database {shown.database}, read just now from each place (read-only).
          </p>
          {answer === null ? (
            <p role="status">Reading the document from the three places…</p>
          ) : !answer.ok ? (
            <p role="alert" className="doc-body-error">
              The document could not be read: {answer.error.message}
            </p>
          ) : (
            <div className="doc-bodies-grid">
              {PLACES.map(([key, label]) => (
                <Place key={key} label={label} body={answer.value[key]} />
              ))}
            </div>
          )}
          <div className="modal-actions">
            <button type="button" className="button" autoFocus onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
    </Modal>
  )
}
