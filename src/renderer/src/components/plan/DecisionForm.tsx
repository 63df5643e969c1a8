import { useId, useRef, useState, useTransition, type FormEvent } from 'react'
import {
  DECISION_ACTIONS,
  DECISION_LABELS,
  type Decision,
  type DecisionAction,
} from '../../../../shared/inventory/decisions'
import { objectLabel } from '../../../../shared/inventory/object-key'
import type { InventoryObject } from '../../../../shared/results/inventory-result'
import { clearDecisions, decideObjects } from '../../actions/inventory-actions'
import {
  draftFor,
  validateDraft,
  type DecisionDraft,
  type DraftErrors,
} from '../../lib/inventory-decision'
import { FieldError } from '../common/FieldError'
import { TextField } from '../common/TextField'
import { TimeAgo } from '../common/TimeAgo'
import { BaseModelChoice } from './BaseModelChoice'

const ACTION_HINT: Readonly<Record<DecisionAction, string>> = {
  replace: 'cht-pipeline’s base models already hold what it shows: point the dashboards at them.',
  rebuild: 'Write a new dbt model on top of the base models (a scaffold can be exported).',
  retire: 'Nothing needs it any more: it goes with couch2pg.',
}

/** Who decided and when, or that nobody has yet. */
function DecidedLine({ decision }: { decision: Decision | undefined }) {
  if (!decision) return <p className="muted">Undecided.</p>
  return (
    <p className="muted" data-testid="decided-by">
      Decided {decision.decidedBy ? `by ${decision.decidedBy} ` : ''}
      <TimeAgo iso={decision.decidedAt} />.
    </p>
  )
}

/**
 * The decision about one object: replace it with base models (chosen from cht-pipeline's),
 * rebuild it as a new dbt model (named), or retire it; with an owner, a due date and what the
 * data is needed for. Save records it (`inventory.decide`); Clear takes it away. The parent
 * remounts the form (by key) for another object; a newly saved decision resets the fields.
 */
export function DecisionForm({
  object,
  decision,
}: {
  object: InventoryObject
  decision: Decision | undefined
}) {
  const id = useId()
  const [draft, setDraft] = useState<DecisionDraft>(() => draftFor(object, decision))
  const [errors, setErrors] = useState<DraftErrors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const saveButton = useRef<HTMLButtonElement>(null)
  // A decision saved here or elsewhere (a bulk decision, another window) becomes the fields.
  const savedAt = decision?.decidedAt ?? null
  const [shownAt, setShownAt] = useState(savedAt)
  if (shownAt !== savedAt) {
    setShownAt(savedAt)
    setDraft(draftFor(object, decision))
    setErrors({})
  }
  const label = objectLabel(object)
  const set = <K extends keyof DecisionDraft>(key: K, value: DecisionDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }))
  const described = (field: keyof DecisionDraft, hint?: string) =>
    [hint, errors[field] ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (pending) return
    const checked = validateDraft(draft)
    if (!checked.ok) {
      setErrors(checked.errors)
      const first = (['action', 'models', 'newModel', 'owner', 'due', 'note'] as const).find(
        (f) => checked.errors[f],
      )
      if (first) document.getElementById(`${id}-${first}`)?.focus()
      return
    }
    setErrors({})
    const { input } = checked
    startTransition(async () => {
      setFailure(
        await decideObjects([object.key], input, `${label}: ${DECISION_LABELS[input.action]}.`),
      )
    })
  }

  // Clear goes away with the decision: focus moves to Save rather than to the page's start.
  const clear = () =>
    startTransition(async () => {
      const failed = await clearDecisions([object.key])
      setFailure(failed)
      if (!failed) saveButton.current?.focus()
    })

  return (
    <form
      className="inventory-decision-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>Decision</h3>
      <DecidedLine decision={decision} />
      <fieldset className="inventory-actions-choice" aria-describedby={described('action')}>
        <legend className="field-label">What happens to {object.name}</legend>
        {DECISION_ACTIONS.map((a, i) => (
          <label key={a} className="inventory-radio">
            <input
              id={i === 0 ? `${id}-action` : undefined}
              type="radio"
              name={`${id}-action`}
              value={a}
              checked={draft.action === a}
              onChange={() => set('action', a)}
            />
            <span>
              <strong>{DECISION_LABELS[a]}</strong>
              <span className="hint">{ACTION_HINT[a]}</span>
            </span>
          </label>
        ))}
        <FieldError fieldId={`${id}-action`} error={errors.action} />
      </fieldset>
      {draft.action === 'replace' ? (
        <BaseModelChoice
          id={`${id}-models`}
          chosen={draft.models}
          mapped={object.mapping?.models ?? []}
          error={errors.models}
          onChange={(models) => set('models', models)}
        />
      ) : null}
      {draft.action === 'rebuild' ? (
        <div className="field">
          <label htmlFor={`${id}-newModel`}>The new model’s name</label>
          <input
            id={`${id}-newModel`}
            className="input input-mono"
            value={draft.newModel}
            spellCheck={false}
            aria-invalid={errors.newModel ? true : undefined}
            aria-describedby={described('newModel', `${id}-newModel-hint`)}
            onChange={(e) => set('newModel', e.currentTarget.value)}
          />
          <p id={`${id}-newModel-hint`} className="hint">
            A dbt model name: letters, digits and underscores.
          </p>
          <FieldError fieldId={`${id}-newModel`} error={errors.newModel} />
        </div>
      ) : null}
      <div className="inventory-form-row">
        <TextField
          id={`${id}-owner`}
          label="Owner"
          value={draft.owner}
          error={errors.owner}
          onChange={(value) => set('owner', value)}
        />
        <TextField
          id={`${id}-due`}
          type="date"
          label="Due date"
          inputClassName="input inventory-date"
          value={draft.due}
          error={errors.due}
          onChange={(value) => set('due', value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>What is the data needed for, and how is it shown?</label>
        <textarea
          id={`${id}-note`}
          className="input textarea"
          rows={3}
          value={draft.note}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={described('note')}
          onChange={(e) => set('note', e.currentTarget.value)}
        />
        <FieldError fieldId={`${id}-note`} error={errors.note} />
      </div>
      <div className="form-actions">
        {/* aria-disabled, not disabled, while saving: a disabled button would drop the focus. */}
        <button
          ref={saveButton}
          type="submit"
          className="button button-primary"
          aria-disabled={pending || undefined}
        >
          Save decision
        </button>
        {decision ? (
          <button
            type="button"
            className="button"
            aria-disabled={pending || undefined}
            onClick={() => (pending ? undefined : clear())}
          >
            Clear decision
          </button>
        ) : null}
      </div>
      {failure ? (
        <p className="field-error" role="alert">
          {failure}
        </p>
      ) : null}
    </form>
  )
}
