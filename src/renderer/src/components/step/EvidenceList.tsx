import { useEffect, useRef, useState } from 'react'
import type { Evidence } from '../../../../shared/project-schema'
import { sendIntents } from '../../actions/project-actions'
import { TimeAgo } from '../common/TimeAgo'
import { EvidenceForm } from './EvidenceForm'

const describe = (e: Evidence) =>
  e.kind === 'text' ? e.text.slice(0, 60) : (e.label ?? e.path).slice(0, 60)

function EvidenceEntry({ itemId, evidence }: { itemId: string; evidence: Evidence }) {
  return (
    <li className="evidence-entry">
      <div className="evidence-body">
        {evidence.kind === 'text' ? (
          <p className="evidence-text">{evidence.text}</p>
        ) : (
          <p className="evidence-file">
            <span className="badge badge-neutral">File</span>{' '}
            {evidence.label ? <span className="evidence-label">{evidence.label}: </span> : null}
            <code>{evidence.path}</code>
          </p>
        )}
        <p className="muted evidence-meta">
          Added by {evidence.addedBy || 'someone without a name set'},{' '}
          <TimeAgo iso={evidence.addedAt} />
        </p>
      </div>
      <button
        type="button"
        className="button button-small button-quiet"
        aria-label={`Remove evidence: ${describe(evidence)}`}
        onClick={() =>
          void sendIntents(
            [{ type: 'item.removeEvidence', itemId, evidenceId: evidence.id }],
            'Evidence removed.',
          )
        }
      >
        Remove
      </button>
    </li>
  )
}

/** An item's evidence: what is recorded, and a form to add more. */
export function EvidenceList({
  itemId,
  itemTitle,
  evidence,
}: {
  itemId: string
  itemTitle: string
  evidence: readonly Evidence[]
}) {
  const [adding, setAdding] = useState(false)
  const addButton = useRef<HTMLButtonElement>(null)
  const refocus = useRef(false)
  useEffect(() => {
    if (!adding && refocus.current) {
      refocus.current = false
      addButton.current?.focus()
    }
  }, [adding])

  return (
    <section className="evidence" aria-label={`Evidence for ${itemTitle}`}>
      <h3 className="field-label">Evidence</h3>
      {evidence.length > 0 ? (
        <ul className="evidence-list">
          {evidence.map((e) => (
            <EvidenceEntry key={e.id} itemId={itemId} evidence={e} />
          ))}
        </ul>
      ) : (
        <p className="muted">None recorded.</p>
      )}
      {adding ? (
        <EvidenceForm
          itemId={itemId}
          onDone={() => {
            refocus.current = true
            setAdding(false)
          }}
        />
      ) : (
        <button
          ref={addButton}
          type="button"
          className="button button-small"
          onClick={() => setAdding(true)}
        >
          Add evidence
        </button>
      )}
    </section>
  )
}
