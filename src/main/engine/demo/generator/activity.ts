import type { DemoUser, Hierarchy } from './hierarchy'
import type { Prng } from './prng'
import type { Body } from './revisions'

const DAY_MS = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)

const TASKS = [
  { name: 'anc.pregnancy_home_visit', form: 'anc_visit', icon: 'icon-pregnancy' },
  { name: 'pnc.postnatal_visit', form: 'pnc', icon: 'icon-mother-child' },
  { name: 'imm.immunization_due', form: 'immunization', icon: 'icon-immunization' },
  { name: 'u5.assessment_follow_up', form: 'assessment', icon: 'icon-child' },
  { name: 'fp.refill_reminder', form: 'family_planning', icon: 'icon-family-planning' },
] as const

const FINAL_STATES = [
  ['Completed', 6],
  ['Failed', 2],
  ['Cancelled', 1],
  ['Ready', 1],
] as const

/**
 * A task document (CHT 3.12+ task documents): `task~org.couchdb.user:<u>~…` with its emission,
 * owner, requester and state history. Tasks move from Ready to their final state, so most have
 * several revisions.
 */
export function taskBody(hierarchy: Hierarchy, user: DemoUser, authored: number, prng: Prng): Body {
  const subject = hierarchy.nodes[prng.pick(user.patients)]!
  const task = prng.pick(TASKS)
  const due = authored + prng.int(1, 14) * DAY_MS
  const state = prng.weighted(FINAL_STATES)
  const emissionId = `${prng.uuid()}~${task.name}`
  const history = [{ state: 'Ready', timestamp: authored }]
  if (state !== 'Ready') history.push({ state, timestamp: due + prng.int(0, 7) * DAY_MS })
  return {
    _id: `task~org.couchdb.user:${user.name}~${subject.id}~${emissionId}~${authored}`,
    type: 'task',
    authoredOn: authored,
    stateHistory: history,
    state,
    user: `org.couchdb.user:${user.name}`,
    requester: subject.id,
    owner: subject.id,
    emission: {
      _id: emissionId,
      title: `task.${task.name}.title`,
      icon: task.icon,
      dueDate: iso(due),
      startDate: iso(due - 7 * DAY_MS),
      endDate: iso(due + 7 * DAY_MS),
      forId: subject.id,
      actions: [
        {
          type: 'report',
          form: task.form,
          content: { source: 'task', contact: { _id: subject.id } },
        },
      ],
    },
  }
}

/** A task before its last state change: Ready, or Draft for a task that is Ready now. */
export function earlierTask(body: Body): Body {
  const history = (body.stateHistory as { state: string; timestamp: number }[]) ?? []
  if (body.state === 'Ready') return { ...body, state: 'Draft', stateHistory: [] }
  return { ...body, state: 'Ready', stateHistory: history.slice(0, 1) }
}

const TARGETS = [
  'births-this-month',
  'deaths-this-month',
  'active-pregnancies',
  'facility-deliveries',
  'households-visited',
] as const

/**
 * A target document (CHT 3.9+): one per user and reporting period,
 * `target~<YYYY-MM>~<contact>~org.couchdb.user:<u>`, updated at most daily.
 */
export function targetBody(hierarchy: Hierarchy, user: DemoUser, period: string, prng: Prng): Body {
  const owner = hierarchy.nodes[user.contact]!
  const periodEnd = Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 1) - 1
  return {
    _id: `target~${period}~${owner.id}~org.couchdb.user:${user.name}`,
    type: 'target',
    user: `org.couchdb.user:${user.name}`,
    owner: owner.id,
    reporting_period: period,
    updated_date: periodEnd - prng.int(0, 5) * DAY_MS,
    targets: TARGETS.map((id) => {
      const total = prng.int(0, 20)
      const pass = prng.int(0, total)
      return {
        id,
        value: { pass, total, percent: total === 0 ? 0 : Math.round((pass / total) * 100) },
      }
    }),
  }
}

/** A target the day before: lower counts. */
export function earlierTarget(body: Body): Body {
  const targets = (body.targets as { id: string; value: { pass: number; total: number } }[]) ?? []
  return {
    ...body,
    updated_date: Number(body.updated_date) - DAY_MS,
    targets: targets.map((t) => {
      const total = Math.max(0, t.value.total - 1)
      const pass = Math.min(t.value.pass, total)
      return {
        id: t.id,
        value: { pass, total, percent: total === 0 ? 0 : Math.round((pass / total) * 100) },
      }
    }),
  }
}

/** `YYYY-MM` of a time. */
export const period = (ms: number): string => new Date(ms).toISOString().slice(0, 7)
