import { useId, useRef, useState, useTransition, type FormEvent } from 'react'
import { sendIntents } from '../../actions/project-actions'

type Kind = 'text' | 'file'

/**
 * Adds one piece of evidence to an item: a text (a query result, a log excerpt, a decision) or a
 * reference to a file (a dump, a screenshot, a report) by its path. Only the path is recorded.
 */
export function EvidenceForm({ itemId, onDone }: { itemId: string; onDone: () => void }) {
  const id = useId()
  const [kind, setKind] = useState<Kind>('text')
  const [text, setText] = useState('')
  const [path, setPath] = useState('')
  const [label, setLabel] = useState('')
  const [pending, startTransition] = useTransition()
  const firstField = useRef<HTMLTextAreaElement & HTMLInputElement>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const evidence =
      kind === 'text'
        ? text.trim()
          ? { kind: 'text' as const, text: text.trim() }
          : null
        : path.trim()
          ? {
              kind: 'file' as const,
              path: path.trim(),
              ...(label.trim() ? { label: label.trim() } : {}),
            }
          : null
    if (!evidence) {
      firstField.current?.focus()
      return
    }
    startTransition(async () => {
      const ok = await sendIntents(
        [{ type: 'item.addEvidence', itemId, evidence }],
        'Evidence added.',
      )
      if (ok) onDone()
    })
  }

  return (
    <form className="evidence-form" onSubmit={submit} aria-label="Add evidence">
      <fieldset className="evidence-kind">
        <legend className="field-label">Kind of evidence</legend>
        <label>
          <input
            type="radio"
            name={`${id}-kind`}
            checked={kind === 'text'}
            onChange={() => setKind('text')}
          />{' '}
          Text
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-kind`}
            checked={kind === 'file'}
            onChange={() => setKind('file')}
          />{' '}
          File reference
        </label>
      </fieldset>
      {kind === 'text' ? (
        <div className="field">
          <label htmlFor={`${id}-text`} className="field-label">
            Evidence text
          </label>
          <textarea
            id={`${id}-text`}
            ref={firstField}
            className="input textarea"
            rows={3}
            required
            maxLength={20_000}
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
      ) : (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-path`} className="field-label">
              File path
            </label>
            <input
              id={`${id}-path`}
              ref={firstField}
              className="input input-mono"
              required
              maxLength={4096}
              spellCheck={false}
              value={path}
              onChange={(e) => setPath(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-label`} className="field-label">
              Label (optional)
            </label>
            <input
              id={`${id}-label`}
              className="input"
              maxLength={500}
              value={label}
              onChange={(e) => setLabel(e.target.value)}
            />
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary button-small" disabled={pending}>
          Add evidence
        </button>
        <button type="button" className="button button-small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
