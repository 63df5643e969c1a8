import { useId, useState, useTransition, type FormEvent } from 'react'
import { SIGNOFF_LIMIT, type Signoff } from '../../../../shared/signoff'
import type { StepDef } from '../../../../shared/steps'
import { addApproval } from '../../actions/signoff-actions'
import {
  approvalErrors,
  approvalInstant,
  localDay,
  nameSuggestions,
  roleSuggestions,
  type ApprovalDraft,
  type ApprovalErrors,
} from '../../lib/signoff-view'
import { useStore } from '../../store'
import { FieldError } from '../common/FieldError'

/** A fresh draft: your name and role filled in (both editable), today, no note. */
const freshDraft = (name: string, role: string): ApprovalDraft => ({
  name,
  role,
  note: '',
  day: localDay(new Date()),
})

/**
 * “Record an approval” of a step: who approved (filled in with your name, earlier approvers
 * offered as suggestions), their role (filled in with yours), the day it was given (today unless
 * changed, never in the future) and a note. The first field in error gets the focus; the
 * engine's refusal shows below the form.
 */
export function ApprovalForm({
  step,
  earlier,
  count,
}: {
  step: StepDef
  /** Every approval in the project, for the name and role suggestions. */
  earlier: readonly Signoff[]
  /** How many approvals the step holds already. */
  count: number
}) {
  const id = useId()
  const userName = useStore((s) => s.preferences.userName)
  const userRole = useStore((s) => s.preferences.userRole)
  const [draft, setDraft] = useState<ApprovalDraft>(() => freshDraft(userName, userRole))
  // Your name or role changed meanwhile: fields still holding the old ones follow.
  const [filled, setFilled] = useState({ name: userName, role: userRole })
  if (filled.name !== userName || filled.role !== userRole) {
    setFilled({ name: userName, role: userRole })
    setDraft((d) => ({
      ...d,
      name: d.name === filled.name ? userName : d.name,
      role: d.role === filled.role ? userRole : d.role,
    }))
  }
  const [errors, setErrors] = useState<ApprovalErrors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const today = localDay(new Date())
  const names = nameSuggestions(userName, earlier)
  const roles = roleSuggestions(earlier)
  const set = (field: keyof ApprovalDraft) => (value: string) =>
    setDraft((d) => ({ ...d, [field]: value }))

  if (count >= SIGNOFF_LIMIT) {
    return (
      <p className="hint signoff-full">
        This step holds {SIGNOFF_LIMIT} approvals, the most kept; remove one to record another.
      </p>
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const now = new Date()
    const found = approvalErrors(draft, now)
    setErrors(found)
    setFailure(null)
    if (found.name || found.day) {
      document.getElementById(found.name ? `${id}-name` : `${id}-day`)?.focus()
      return
    }
    startTransition(async () => {
      const failed = await addApproval(step.id, step.title, {
        name: draft.name.trim(),
        role: draft.role.trim(),
        at: approvalInstant(draft.day, now) ?? undefined,
        note: draft.note.trim(),
      })
      if (failed) setFailure(failed)
      else setDraft(freshDraft(userName, userRole))
    })
  }

  const described = (field: 'name' | 'day', hint: boolean) =>
    [hint ? `${id}-${field}-hint` : '', errors[field] ? `${id}-${field}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined

  return (
    <form className="signoff-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Record an approval</h3>
      <div className="signoff-form-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>Approved by</label>
          <input
            id={`${id}-name`}
            className="input"
            maxLength={200}
            autoComplete="off"
            list={names.length > 0 ? `${id}-names` : undefined}
            value={draft.name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={described('name', true)}
            onChange={(e) => set('name')(e.target.value)}
          />
          <p id={`${id}-name-hint`} className="hint">
            {userName.trim()
              ? 'Who gave the approval, as they would sign it: filled in with your name, and earlier approvers are offered as you type.'
              : 'Who gave the approval, as they would sign it.'}
          </p>
          {names.length > 0 ? (
            <datalist id={`${id}-names`}>
              {names.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          ) : null}
          <FieldError fieldId={`${id}-name`} error={errors.name} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <input
            id={`${id}-role`}
            className="input"
            maxLength={200}
            autoComplete="organization-title"
            list={roles.length > 0 ? `${id}-roles` : undefined}
            value={draft.role}
            aria-describedby={`${id}-role-hint`}
            onChange={(e) => set('role')(e.target.value)}
          />
          <p id={`${id}-role-hint`} className="hint">
            {userRole.trim()
              ? 'Filled in with your role. For example programme manager, hosting lead, data officer.'
              : 'For example programme manager, hosting lead, data officer.'}
          </p>
          {roles.length > 0 ? (
            <datalist id={`${id}-roles`}>
              {roles.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-day`}>Date of approval</label>
          <input
            id={`${id}-day`}
            className="input signoff-day"
            type="date"
            max={today}
            value={draft.day}
            aria-invalid={errors.day ? true : undefined}
            aria-describedby={described('day', true)}
            onChange={(e) => set('day')(e.target.value)}
          />
          <p id={`${id}-day-hint`} className="hint">
            The day it was given, which may be before today.
          </p>
          <FieldError fieldId={`${id}-day`} error={errors.day} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea
          id={`${id}-note`}
          className="input textarea"
          rows={2}
          maxLength={2000}
          value={draft.note}
          aria-describedby={`${id}-note-hint`}
          onChange={(e) => set('note')(e.target.value)}
        />
        <p id={`${id}-note-hint`} className="hint">
          Optional: where it was given (a meeting, an email) and any condition attached.
        </p>
      </div>
      {failure ? (
        <p className="field-error" role="alert">
          Could not record the approval: {failure}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Recording…' : 'Record the approval'}
        </button>
      </div>
    </form>
  )
}
