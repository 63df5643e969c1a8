import { useId } from 'react'
import { sendIntents } from '../../actions/project-actions'
import { useDraft } from '../../hooks/use-draft'

/** The free-text note of an item, sent when the user pauses typing or leaves the field. */
export function NoteField({ itemId, note }: { itemId: string; note: string }) {
  const id = useId()
  const { draft, change, flush } = useDraft(note, (next) => {
    void sendIntents([{ type: 'item.set', itemId, note: next }])
  })
  return (
    <div className="field note-field">
      <label htmlFor={id} className="field-label">
        Note
      </label>
      <textarea
        id={id}
        className="input textarea"
        rows={2}
        maxLength={20_000}
        value={draft}
        aria-describedby={`${id}-hint`}
        onChange={(e) => change(e.target.value)}
        onBlur={flush}
      />
      <p id={`${id}-hint`} className="hint">
        Decisions, findings, who to ask. Kept when you pause typing or leave the field.
      </p>
    </div>
  )
}
