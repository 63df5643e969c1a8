import type { Signoff } from '../../signoff'
import type { StepDef } from '../../steps'
import type { ReportContext } from '../model'
import { dayText, said } from '../text'

/**
 * The approvals of a step as the summary and the sign-off section read them: in the order they
 * were given, the newest one in words, and the items changed since it was given.
 */

/** A step's recorded approvals, oldest first. */
export function approvalsOf(ctx: ReportContext, step: StepDef): Signoff[] {
  const recorded = ctx.document.signoff[step.id] ?? []
  return [...recorded].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
}

/** “Approved by Amina Njoroge (Programme manager), 2 December 2026”. */
export function approvalText(approval: Signoff, ctx: ReportContext): string {
  const role = approval.role.trim() === '' ? '' : ` (${said(approval.role, 200)})`
  return `Approved by ${said(approval.name, 200)}${role}, ${dayText(approval.at, ctx)}`
}

/**
 * The titles of the step's items someone changed after the newest approval was given, in the
 * step's order; empty when nobody approved the step or nothing changed since.
 */
export function changedSinceApproval(ctx: ReportContext, step: StepDef): string[] {
  const approvals = approvalsOf(ctx, step)
  const latest = approvals[approvals.length - 1]
  if (!latest) return []
  const approvedAt = Date.parse(latest.at)
  if (!Number.isFinite(approvedAt)) return []
  return step.items
    .filter((item) => {
      const updatedAt = ctx.document.items[item.id]?.updatedAt
      return updatedAt ? Date.parse(updatedAt) > approvedAt : false
    })
    .map((item) => item.title)
}
