import { AppError } from '../../../../shared/result'
import { DESIGN_DOC_COUNT } from './design-docs'
import { FORMS } from './forms'
import { replicationLogCount } from './logs'
import type { Hierarchy } from './hierarchy'
import type { CategoryCounts } from './types'

/** Contacts are this share of a demo, up to `MAX_CONTACTS` (the hierarchy stays in memory). */
const CONTACT_SHARE = 0.12
const MAX_CONTACTS = 60_000
/** The fewest documents a demo can have: the hierarchy, users and forms need some room. */
export const MIN_DOCS = 100

/** About how many contacts to build for a demo of `docs` documents. */
export const contactBudget = (docs: number): number =>
  Math.max(12, Math.min(MAX_CONTACTS, Math.round(docs * CONTACT_SHARE)))

/**
 * Splits `docs` into categories so that they add up exactly: fixed documents (design documents,
 * settings, forms), the hierarchy, its users and their `medic-logs` documents as built, then tasks, targets (at most one per user and month of the 24), telemetry
 * and feedback by share, and the rest between reports and Sentinel info documents.
 */
export function planCounts(docs: number, hierarchy: Hierarchy): CategoryCounts {
  if (!Number.isInteger(docs) || docs < MIN_DOCS) {
    throw new AppError('BAD_REQUEST', `A demo needs at least ${MIN_DOCS} documents.`)
  }
  const places = hierarchy.nodes.filter((n) => !n.isPerson).length
  const persons = hierarchy.nodes.length - places
  const users = hierarchy.users.length
  const forms = FORMS.filter((f) => !f.sms).length
  const logs = users + replicationLogCount(users)
  const fixed = DESIGN_DOC_COUNT + 1 + forms + places + persons + 2 * users + logs
  const rest = docs - fixed
  if (rest < 20) {
    throw new AppError('BAD_REQUEST', `A demo needs at least ${fixed + 20} documents.`)
  }
  const task = Math.round(rest * 0.09)
  const target = Math.min(users * 24, Math.round(rest * 0.035))
  const telemetry = Math.round(rest * 0.04)
  const feedback = Math.max(1, Math.round(rest * 0.006))
  const remaining = rest - task - target - telemetry - feedback
  const report = Math.round(remaining * 0.58)
  return {
    design: DESIGN_DOC_COUNT,
    settings: 1,
    form: forms,
    place: places,
    person: persons,
    'user-settings': users,
    user: users,
    report,
    info: remaining - report,
    task,
    target,
    telemetry,
    feedback,
    log: logs,
  }
}
