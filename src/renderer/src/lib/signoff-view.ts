import type { ItemState } from '../../../shared/project-schema'
import type { Signoff } from '../../../shared/signoff'
import type { StepDef } from '../../../shared/steps'

/**
 * What the sign-off views show, as pure functions: approvals in the order they were given, a day
 * in words, the items changed after the latest approval, the overview's one-line standing, and
 * the approval form's date (a local day, never in the future) and checks.
 */

/** A step's approvals, oldest first (by the day they were given, then by when recorded). */
export function approvalsInOrder(list: readonly Signoff[] | undefined): Signoff[] {
  return [...(list ?? [])].sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt),
  )
}

/** “2 December 2026” (in the machine's language unless `locale` is given). */
export function dayInWords(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return 'an unknown day'
  return date.toLocaleDateString(locale, { dateStyle: 'long', timeZone })
}

/**
 * The titles of the step's items someone changed after its latest approval was given, in the
 * step's order; empty when nobody approved the step yet or nothing changed since.
 */
export function changedAfterApproval(
  step: StepDef,
  items: Readonly<Record<string, ItemState>>,
  approvals: readonly Signoff[] | undefined,
): string[] {
  const ordered = approvalsInOrder(approvals)
  const latest = ordered[ordered.length - 1]
  if (!latest) return []
  const approvedAt = Date.parse(latest.at)
  if (Number.isNaN(approvedAt)) return []
  return step.items
    .filter((item) => {
      const updatedAt = items[item.id]?.updatedAt
      return updatedAt ? Date.parse(updatedAt) > approvedAt : false
    })
    .map((item) => item.title)
}

/** `A`, `A and B`, `A, B and C`; past `limit` names, `A, B, C and 4 more`. */
export function listInWords(names: readonly string[], limit = 3): string {
  const shown = names.slice(0, limit)
  const rest = names.length - shown.length
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`
  if (shown.length <= 1) return shown.join('')
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}

/** The warning shown when the step changed after its latest approval, or null. */
export function changedWarning(
  changed: readonly string[],
  latest: Signoff | undefined,
): string | null {
  if (!latest || changed.length === 0) return null
  const count = changed.length === 1 ? '1 item' : `${changed.length} items`
  return `${count} changed after the latest approval (${dayInWords(latest.at)}): ${listInWords(changed)}.`
}

/** The overview's standing of a step's sign-off: “Not approved yet”, “Approved 2 December 2026 by Amina Njoroge”. */
export function signoffStanding(approvals: readonly Signoff[] | undefined): string {
  const ordered = approvalsInOrder(approvals)
  const latest = ordered[ordered.length - 1]
  if (!latest) return 'Not approved yet'
  const more = ordered.length > 1 ? ` (${ordered.length} approvals)` : ''
  return `Approved ${dayInWords(latest.at)} by ${latest.name}${more}`
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The local day of `now` as a date input holds it: `2026-12-02`. */
export function localDay(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/**
 * The instant an approval given on the local `day` is recorded at: now for today (so changes
 * made later today count as after it), local noon for an earlier day; null for a day that is
 * not a date or lies in the future.
 */
export function approvalInstant(day: string, now: Date): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return null
  const [, y, m, d] = match.map(Number) as [number, number, number, number]
  const noon = new Date(y, m - 1, d, 12)
  if (noon.getFullYear() !== y || noon.getMonth() !== m - 1 || noon.getDate() !== d) return null
  const today = localDay(now)
  if (day === today) return now.toISOString()
  if (day > today) return null
  return noon.toISOString()
}

/** The approval form as typed. */
export interface ApprovalDraft {
  name: string
  role: string
  day: string
  note: string
}

/** The form's errors by field; empty when the approval can be recorded. */
export type ApprovalErrors = Partial<Record<'name' | 'day', string>>

/** Checks the approval form: a name, and a day that is a date and not in the future. */
export function approvalErrors(draft: ApprovalDraft, now: Date): ApprovalErrors {
  const errors: ApprovalErrors = {}
  if (!draft.name.trim()) errors.name = 'Give the name of who approved the step.'
  if (!draft.day) errors.day = 'Give the day the approval was given.'
  else if (draft.day > localDay(now)) errors.day = 'The approval cannot be dated in the future.'
  else if (!approvalInstant(draft.day, now)) errors.day = 'Give the day as a date.'
  return errors
}

/** Names offered in the approver field: your name first, then earlier approvers, each once. */
export function nameSuggestions(userName: string, earlier: readonly Signoff[]): string[] {
  const names = [userName, ...earlier.map((s) => s.name)].map((n) => n.trim()).filter(Boolean)
  return [...new Set(names)]
}

/** Roles offered in the role field: the ones given before, each once. */
export function roleSuggestions(earlier: readonly Signoff[]): string[] {
  return [...new Set(earlier.map((s) => s.role.trim()).filter(Boolean))]
}
