import { useId, useState, useTransition, type FormEvent } from 'react'
import {
  DECISION_ACTIONS,
  DECISION_LABELS,
  type DecisionAction,
} from '../../../../shared/inventory/decisions'
import { clearDecisions, decideObjects } from '../../actions/inventory-actions'
import { validateBulk, type BulkDraft } from '../../lib/inventory-decision'
import { countText } from '../../lib/inventory-view'
import { FieldError } from '../common/FieldError'
import { TextField } from '../common/TextField'

const EMPTY: BulkDraft = { action: '', owner: '', due: '' }

/**
 * One decision for every selected object: an action, and an owner and due date when given (each
 * object keeps its own otherwise, and its models and note). Clearing takes the selected objects'
 * decisions away. The selection is emptied once the change is recorded (`onDone`, which also
 * moves the focus, since this form then goes away).
 */
export function BulkDecision({
  selected,
  onDone,
}: {
  selected: readonly string[]
  onDone: () => void
}) {
  const id = useId()
  const [draft, setDraft] = useState<BulkDraft>(EMPTY)
  const [errors, setErrors] = useState<Partial<Record<keyof BulkDraft, string>>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const n = selected.length
  const set = (key: keyof BulkDraft, value: string) => setDraft((d) => ({ ...d, [key]: value }))

  const finish = (message: string | null) => {
    setFailure(message)
    if (!message) {
      setDraft(EMPTY)
      onDone()
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (pending) return
    const checked = validateBulk(draft)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    const action = checked.input.action
    startTransition(async () => {
      finish(
        await decideObjects(
          selected,
          checked.input,
          `${countText(n)} decided: ${DECISION_LABELS[action]}.`,
        ),
      )
    })
  }

  const clear = () => {
    if (!pending) startTransition(async () => finish(await clearDecisions(selected)))
  }

  const describedBy = (field: keyof BulkDraft) =>
    errors[field] ? `${id}-${field}-error` : undefined
  return (
    <form
      className="inventory-bulk"
      onSubmit={submit}
      noValidate
      aria-label="Decide the selected objects"
      data-testid="bulk-decision"
    >
      <p className="inventory-bulk-count">
        <strong>{countText(n)} selected</strong>
      </p>
      <div className="inventory-filter">
        <label htmlFor={`${id}-action`} className="field-label">
          Decision
        </label>
        <select
          id={`${id}-action`}
          className="input input-small"
          value={draft.action}
          aria-invalid={errors.action ? true : undefined}
          aria-describedby={describedBy('action')}
          onChange={(e) => {
            const value = e.currentTarget.value
            set('action', DECISION_ACTIONS.find((a) => a === value) ?? '')
          }}
        >
          <option value="">Choose…</option>
          {DECISION_ACTIONS.map((a: DecisionAction) => (
            <option key={a} value={a}>
              {DECISION_LABELS[a]}
            </option>
          ))}
        </select>
        <FieldError fieldId={`${id}-action`} error={errors.action} />
      </div>
      <TextField
        id={`${id}-owner`}
        label="Owner (optional)"
        className="inventory-filter"
        labelClassName="field-label"
        inputClassName="input input-small"
        value={draft.owner}
        error={errors.owner}
        onChange={(value) => set('owner', value)}
      />
      <TextField
        id={`${id}-due`}
        type="date"
        label="Due (optional)"
        className="inventory-filter"
        labelClassName="field-label"
        inputClassName="input input-small inventory-date"
        value={draft.due}
        error={errors.due}
        onChange={(value) => set('due', value)}
      />
      <div className="form-actions inventory-bulk-actions">
        <button
          type="submit"
          className="button button-primary"
          aria-disabled={pending || undefined}
        >
          Apply to {countText(n)}
        </button>
        <button
          type="button"
          className="button"
          aria-disabled={pending || undefined}
          onClick={clear}
        >
          Clear their decisions
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          Unselect all
        </button>
      </div>
      {failure ? (
        <p className="field-error" role="alert">
          {failure}
        </p>
      ) : null}
    </form>
  )
}
