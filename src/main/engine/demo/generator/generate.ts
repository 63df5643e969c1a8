import { period, earlierTarget, earlierTask, targetBody, taskBody } from './activity'
import { contactBody, earlierContact } from './contacts'
import { docFate } from './fate'
import { FORM_WEIGHTS } from './forms'
import { buildHierarchy, type DemoUser } from './hierarchy'
import { contactBudget, planCounts } from './plan'
import { Prng } from './prng'
import { earlierReport, reportBody } from './reports'
import { withRevisions, type Body } from './revisions'
import { earlierInfo, infoBody } from './sentinel'
import { earlierForm, earlierSettings, formBodies, settingsBody } from './setup-docs'
import { withXmlAttachment } from './attachments'
import { designDocs, earlierDesignDoc } from './design-docs'
import {
  connectedUserBody,
  earlierConnectedUser,
  earlierReplicationCount,
  replicationCountBody,
  replicationLogCount,
} from './logs'
import type {
  CategoryCounts,
  ChtDatabase,
  DocCategory,
  GeneratedDoc,
  GeneratorOptions,
} from './types'
import { earlierUser, earlierUserSettings, userBody, userSettingsBody } from './users'
import { feedbackBody, telemetryBody } from './users-meta'

const DAY_MS = 86_400_000
/** Reports, tasks, telemetry and feedback are spread over the 24 months before the anchor. */
export const WINDOW_MS = 730 * DAY_MS
const OLD_APPS_MS = 120 * DAY_MS

export interface DemoGenerator {
  readonly counts: CategoryCounts
  /** All documents, the sum of `counts`. */
  readonly total: number
  /** End of the 24-month window, ms. */
  readonly anchor: number
  /** Every document, in the order a CHT instance would have written them. */
  docs(): Generator<GeneratedDoc>
  /** The same, grouped (the last batch may be shorter). */
  batches(size?: number): Generator<GeneratedDoc[]>
}

const noEdit = (body: Body) => body

/**
 * The synthetic CHT deployment: a seeded, deterministic stream of documents.
 *
 * Only the contact hierarchy (at most 60,000 contacts, as a compact index) is held in memory;
 * reports, info documents, tasks, targets, telemetry and feedback are made one at a time as the
 * stream is read, interleaved the way they accumulate over two years. Each category draws from
 * its own random stream, so the documents of one category do not depend on another's.
 */
export function createGenerator(options: GeneratorOptions): DemoGenerator {
  const { seed } = options
  const anchor = options.anchor ?? Math.floor(Date.now() / DAY_MS) * DAY_MS
  const start = anchor - WINDOW_MS
  const hierarchy = buildHierarchy(new Prng(seed, 1), contactBudget(options.docs), start)
  const counts = planCounts(options.docs, hierarchy)
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  const fieldUsers = hierarchy.users.filter((u) => u.role !== 'supervisor')

  function* docs(): Generator<GeneratedDoc> {
    const prng = (stream: number) => new Prng(seed, stream)
    const streams = {
      setup: prng(2),
      contacts: prng(3),
      users: prng(4),
      reports: prng(5),
      infos: prng(6),
      tasks: prng(7),
      targets: prng(8),
      telemetry: prng(9),
      feedback: prng(10),
      logs: prng(11),
    }
    const ordinals = Object.fromEntries(Object.keys(counts).map((k) => [k, 0])) as CategoryCounts
    const emit = (
      db: ChtDatabase,
      category: DocCategory,
      body: Body,
      earlier: (b: Body) => Body,
      random: Prng,
    ): GeneratedDoc => {
      const ordinal = ordinals[category]++
      const { doc, previous } = withRevisions(
        body,
        docFate(seed, category, ordinal),
        random,
        earlier,
      )
      return { db, category, ordinal, doc, previous }
    }
    const info = (source: GeneratedDoc, time: number) => {
      const live = source.previous && source.doc._deleted ? source.previous : source.doc
      const latest = time + streams.infos.int(0, 30) * DAY_MS
      return emit(
        'medic-sentinel',
        'info',
        infoBody(live, time, latest),
        earlierInfo,
        streams.infos,
      )
    }

    for (const design of designDocs(start)) {
      yield emit(design.db, 'design', design.body, earlierDesignDoc, streams.setup)
    }
    yield emit('medic', 'settings', settingsBody(), earlierSettings, streams.setup)
    for (const form of formBodies(start))
      yield emit('medic', 'form', form, earlierForm, streams.setup)

    let infosLeft = counts.info
    const { nodes } = hierarchy
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!
      const category = node.isPerson ? 'person' : 'place'
      const item = emit('medic', category, contactBody(nodes, i), earlierContact, streams.contacts)
      yield item
      if (infosLeft > 0) {
        infosLeft--
        yield info(item, node.reported)
      }
    }
    for (const user of hierarchy.users) {
      const settings = userSettingsBody(hierarchy, user)
      yield emit('medic', 'user-settings', settings, earlierUserSettings, streams.users)
      const account = userBody(hierarchy, user, streams.users)
      yield emit('_users', 'user', account, earlierUser, streams.users)
    }

    const reports = counts.report
    const logDocs: ['connected' | 'replication', DemoUser, number, number][] = []
    const reportInfos = infosLeft
    const done = { task: 0, target: 0, telemetry: 0, feedback: 0 }
    const due = (count: number, step: number) => Math.round(((step + 1) * count) / reports)
    const at = (index: number, count: number, jitterDays: number, random: Prng) => {
      const base = start + ((index + 0.5) / count) * WINDOW_MS
      const jittered = base + (random.next() * 2 - 1) * jitterDays * DAY_MS
      return Math.floor(Math.min(anchor - 1, Math.max(start, jittered)))
    }
    const targetMonths = Math.max(1, Math.ceil(counts.target / hierarchy.users.length))
    const firstMonth = new Date(anchor - 1)
    firstMonth.setUTCDate(1)
    firstMonth.setUTCMonth(firstMonth.getUTCMonth() - targetMonths + 1)

    for (let step = 0; step < reports; step++) {
      const random = streams.reports
      const reported = at(step, reports, 10, random)
      const user = random.pick(fieldUsers)
      const form = random.weighted(FORM_WEIGHTS)
      const report = withXmlAttachment(
        emit(
          'medic',
          'report',
          reportBody(hierarchy, user, form, reported, random),
          earlierReport,
          random,
        ),
        seed,
      )
      yield report
      if (
        Math.floor(((step + 1) * reportInfos) / reports) >
        Math.floor((step * reportInfos) / reports)
      ) {
        yield info(report, reported)
      }
      while (done.task < due(counts.task, step)) {
        const authored = at(done.task++, counts.task, 3, streams.tasks)
        const owner = streams.tasks.pick(fieldUsers)
        const body = taskBody(hierarchy, owner, authored, streams.tasks)
        yield emit('medic', 'task', body, earlierTask, streams.tasks)
      }
      while (done.target < due(counts.target, step)) {
        const index = done.target++
        const user = hierarchy.users[index % hierarchy.users.length] as DemoUser
        const month = new Date(firstMonth)
        month.setUTCMonth(month.getUTCMonth() + Math.floor(index / hierarchy.users.length))
        const body = targetBody(hierarchy, user, period(month.getTime()), streams.targets)
        yield emit('medic', 'target', body, earlierTarget, streams.targets)
      }
      while (done.telemetry < due(counts.telemetry, step)) {
        const day = at(done.telemetry++, counts.telemetry, 1, streams.telemetry)
        const userIndex = streams.telemetry.int(0, fieldUsers.length - 1)
        // Some phones ran apps older than 3.8.0 in the first four months of the window.
        const oldApps = day < start + OLD_APPS_MS
        const user = fieldUsers[userIndex]!
        const body = telemetryBody(user, day, streams.telemetry, userIndex, oldApps)
        yield emit('medic-users-meta', 'telemetry', body, noEdit, streams.telemetry)
      }
      while (done.feedback < due(counts.feedback, step)) {
        const time = at(done.feedback++, counts.feedback, 5, streams.feedback)
        const body = feedbackBody(streams.feedback.pick(fieldUsers), time, streams.feedback)
        yield emit('medic-users-meta', 'feedback', body, noEdit, streams.feedback)
      }
    }
    // The users' log documents, last: CHT rewrites them as users connect, so they are recent.
    const replicationLogs = replicationLogCount(hierarchy.users.length)
    hierarchy.users.forEach((user, index) => {
      const lastSeen = anchor - streams.logs.int(1, 72 * 60) * 60_000
      logDocs.push(['connected', user, lastSeen, index])
    })
    for (let i = 0; i < replicationLogs; i++) {
      const user = hierarchy.users[(i * 8) % hierarchy.users.length] as DemoUser
      logDocs.push(['replication', user, anchor - streams.logs.int(1, 60) * DAY_MS, i])
    }
    for (const [kind, user, time] of logDocs) {
      yield kind === 'connected'
        ? emit(
            'medic-logs',
            'log',
            connectedUserBody(user, time),
            earlierConnectedUser,
            streams.logs,
          )
        : emit(
            'medic-logs',
            'log',
            replicationCountBody(user, time, streams.logs),
            earlierReplicationCount,
            streams.logs,
          )
    }
  }

  function* batches(size = 1000): Generator<GeneratedDoc[]> {
    let batch: GeneratedDoc[] = []
    for (const item of docs()) {
      batch.push(item)
      if (batch.length >= size) {
        yield batch
        batch = []
      }
    }
    if (batch.length > 0) yield batch
  }

  return { counts, total, anchor, docs, batches }
}
