import { useId, useState, useTransition, type FormEvent, type Ref } from 'react'
import { EXPLAIN_QUERY_LIMIT, type ExplainQuery } from '../../../../shared/checks/check-settings'
import { saveExplainQuery } from '../../actions/optimize-actions'
import { FieldError } from '../common/FieldError'

/**
 * The form that adds a dashboard query, or edits `editing` (its label and SQL filled in): a
 * labelled name field and SQL text area, checked here for blanks and length before the engine
 * checks them again; the SQL gate runs when the checks run.
 */
export function ExplainQueryForm({
  editing,
  count,
  onDone,
  labelRef,
}: {
  editing: ExplainQuery | null
  count: number
  onDone: () => void
  labelRef?: Ref<HTMLInputElement>
}) {
  const id = useId()
  const [label, setLabel] = useState(editing?.label ?? '')
  const [sql, setSql] = useState(editing?.sql ?? '')
  const [errors, setErrors] = useState<{ label?: string; sql?: string; form?: string }>({})
  const [pending, startTransition] = useTransition()
  const full = !editing && count >= EXPLAIN_QUERY_LIMIT

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const next: typeof errors = {}
    if (!label.trim()) next.label = 'Give the query a name, e.g. the dashboard and chart it feeds.'
    if (!sql.trim()) next.sql = 'Paste the SQL the dashboard runs.'
    setErrors(next)
    if (next.label || next.sql) return
    startTransition(async () => {
      const failed = await saveExplainQuery({
        ...(editing ? { id: editing.id } : {}),
        label: label.trim(),
        sql: sql.trim(),
      })
      if (failed) {
        setErrors({ form: failed })
        return
      }
      setLabel('')
      setSql('')
      onDone()
    })
  }

  const labelId = `${id}-label`
  const sqlId = `${id}-sql`
  const hintId = `${id}-hint`
  return (
    <form
      onSubmit={submit}
      noValidate
      className="optimize-form"
      aria-labelledby={`${id}-title`}
      data-testid="explain-query-form"
    >
      <h3 id={`${id}-title`}>
        {editing ? `Edit “${editing.label}”` : 'Add a slow dashboard query'}
      </h3>
      {full ? (
        <p className="muted">
          {EXPLAIN_QUERY_LIMIT} queries are listed, the most kept: remove one to add another.
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={labelId}>Name</label>
        <input
          id={labelId}
          ref={labelRef}
          className="input"
          maxLength={200}
          value={label}
          disabled={full}
          aria-invalid={errors.label ? true : undefined}
          aria-describedby={errors.label ? `${labelId}-error` : undefined}
          onChange={(e) => setLabel(e.target.value)}
        />
        <FieldError fieldId={labelId} error={errors.label} />
      </div>
      <div className="field">
        <label htmlFor={sqlId}>SQL</label>
        <p id={hintId} className="muted optimize-hint">
          One SELECT, as the dashboard runs it, with its filters filled in (no EXPLAIN: the check
          adds it). It runs on the CHT Sync database in a read-only transaction.
        </p>
        <textarea
          id={sqlId}
          className="input input-mono textarea optimize-sql"
          rows={6}
          maxLength={20_000}
          spellCheck={false}
          value={sql}
          disabled={full}
          aria-invalid={errors.sql ? true : undefined}
          aria-describedby={errors.sql ? `${hintId} ${sqlId}-error` : hintId}
          onChange={(e) => setSql(e.target.value)}
        />
        <FieldError fieldId={sqlId} error={errors.sql} />
      </div>
      {errors.form ? (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="optimize-actions">
        <button type="submit" className="button button-primary" disabled={pending || full}>
          {editing ? 'Save query' : 'Add query'}
        </button>
        {editing ? (
          <button type="button" className="button" disabled={pending} onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  )
}
