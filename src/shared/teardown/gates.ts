import { checkResultOf } from '../checks/gate'
import { checksOfStep } from '../checks/check-catalog'
import type { ProjectDocument } from '../project-schema'
import { isStale } from '../progress'
import { activeComparisons, greenStreak } from '../results/parity-trend'
import { decisionsGate } from './decisions-gate'
import { countOf, dayOf, gate, listOf, sizeText, type TeardownGate } from './gate-types'
import { noReadsGate } from './no-reads-gate'

export type { TeardownGate, TeardownGateId, TeardownGateState } from './gate-types'

/** Where the gates stand together: `ready` all met, `blocked` any unmet, else `incomplete`. */
export type GatesVerdict = 'ready' | 'blocked' | 'incomplete'

/** Gate (b): every comparison green for the required number of consecutive days. */
function parityDaysGate(document: ProjectDocument, now: Date): TeardownGate {
  const title = 'Parity held long enough'
  const required = document.parity.greenDaysRequired
  const active = activeComparisons(document.results, document.parity)
  const streak = greenStreak(document.results, now, active)
  const remedy = `Run the parity comparisons every day (the Parity step, or \`cht-migrate parity\` in a cron job) until all are green for ${countOf(required, 'day')} in a row.`
  if (streak.comparisons.length === 0) {
    return gate('parity-days', title, 'unknown', ['No parity comparison ran yet.'], remedy)
  }
  const evidence = [
    `${countOf(streak.comparisons.length, 'comparison')} green for ${countOf(streak.days, 'consecutive day')}; ${required} required.`,
  ]
  if (streak.brokenBy) {
    const { day, comparisonId, reason } = streak.brokenBy
    evidence.push(`The streak stops on ${day}: ${comparisonId} ${reason}.`)
  }
  return gate('parity-days', title, streak.days >= required ? 'met' : 'unmet', evidence, remedy)
}

/**
 * Gate (c): the latest results of the Monitor step's checks. A warning or a skipped check
 * counts as met, with a note (as on the step's own gate); a failure or a check that could not
 * run is unmet; a check never run leaves the gate unknown.
 */
function monitoringGate(document: ProjectDocument, now: Date): TeardownGate {
  const title = 'CHT Sync is monitored'
  const checks = checksOfStep('monitor')
  const by = {
    pass: [] as string[],
    warn: [] as string[],
    bad: [] as string[],
    notRun: [] as string[],
  }
  const skipped: string[] = []
  const stale: string[] = []
  for (const check of checks) {
    const result = checkResultOf(document.results, check.id)
    if (!result) by.notRun.push(check.title)
    else if (result.verdict === 'fail' || result.verdict === 'error') by.bad.push(check.title)
    else if (result.verdict === 'warn') by.warn.push(check.title)
    else if (result.verdict === 'skipped') skipped.push(check.title)
    else by.pass.push(check.title)
    if (result && isStale(result.ranAt, document.settings.staleAfterDays, now.getTime())) {
      stale.push(check.title)
    }
  }
  const evidence = [
    `${by.pass.length} of ${countOf(checks.length, 'monitoring check')} passed, ${by.warn.length} warned, ${by.bad.length} failed or could not run, ${by.notRun.length} never ran.`,
  ]
  if (by.bad.length > 0) evidence.push(`Failed: ${listOf(by.bad)}.`)
  if (by.warn.length > 0) evidence.push(`Warned (counts as met): ${listOf(by.warn)}.`)
  if (skipped.length > 0) evidence.push(`Skipped (counts as met): ${listOf(skipped)}.`)
  if (by.notRun.length > 0) evidence.push(`Never ran: ${listOf(by.notRun)}.`)
  if (stale.length > 0) evidence.push(`Stale results: ${listOf(stale)}.`)
  const state = by.bad.length > 0 ? 'unmet' : by.notRun.length > 0 ? 'unknown' : 'met'
  return gate(
    'monitoring',
    title,
    state,
    evidence,
    state === 'unmet'
      ? 'Fix what the failed checks report, then run them again (the Monitor step, or `cht-migrate check --step monitor`).'
      : 'Run the monitoring checks (the Monitor step, or `cht-migrate check --step monitor`).',
  )
}

/** Gate (e): every dashboard of the plan attested as reading the new models. */
function dashboardsGate(document: ProjectDocument): TeardownGate {
  const title = 'Dashboards switched to the new models'
  const { dashboards } = document.teardown
  if (dashboards.length === 0) {
    return gate(
      'dashboards',
      title,
      'unknown',
      ['No dashboard is listed.'],
      'List the dashboards of the plan (those that read the couch2pg database) on the Teardown step and attest each one switched.',
    )
  }
  const left = dashboards.filter((d) => !d.switched).map((d) => d.name)
  const evidence = [
    `${dashboards.length - left.length} of ${countOf(dashboards.length, 'dashboard')} attested switched.`,
  ]
  if (left.length > 0) evidence.push(`Not switched: ${listOf(left)}.`)
  return gate(
    'dashboards',
    title,
    left.length === 0 ? 'met' : 'unmet',
    evidence,
    `Switch ${listOf(left)} to the new models and attest it on the Teardown step.`,
  )
}

/** Gate (f): a verified backup of the couch2pg database is recorded. */
function backupGate(document: ProjectDocument): TeardownGate {
  const title = 'A verified backup exists'
  const { backup } = document.teardown
  const database = document.connections.couch2pg?.database
  const remedy =
    'Make a backup (pg_dump -Fc) on the Teardown step, or record an existing one: the wizard verifies it with pg_restore --list and a checksum.'
  if (!backup) return gate('backup', title, 'unmet', ['No backup is recorded.'], remedy)
  const evidence = [
    `${backup.path}: ${sizeText(backup.sizeBytes)}, sha256 ${backup.sha256.slice(0, 12)}…, ${countOf(backup.entries, 'entry', 'entries')}.`,
    `${backup.origin === 'made' ? 'Made' : 'Recorded'} ${dayOf(backup.createdAt)}, verified ${dayOf(backup.verifiedAt)}, of database ${backup.database}.`,
  ]
  if (database !== undefined && backup.database !== database) {
    evidence.push(`The project's couch2pg database is ${database}, not ${backup.database}.`)
    return gate('backup', title, 'unmet', evidence, remedy)
  }
  return gate('backup', title, 'met', evidence, null)
}

/**
 * The gates that must hold before couch2pg and its database are removed, in order: decisions,
 * parity days, monitoring, no reads, dashboards, backup. Pure and offline, from the project
 * document alone, so every face (the app, the CLI, a report) judges them the same way.
 */
export function teardownGates(document: ProjectDocument, now: Date): TeardownGate[] {
  return [
    decisionsGate(document),
    parityDaysGate(document, now),
    monitoringGate(document, now),
    noReadsGate(document),
    dashboardsGate(document),
    backupGate(document),
  ]
}

/** `ready` when every gate is met, `blocked` when any is unmet, `incomplete` otherwise. */
export function gatesVerdict(gates: readonly TeardownGate[]): GatesVerdict {
  if (gates.some((g) => g.state === 'unmet')) return 'blocked'
  return gates.every((g) => g.state === 'met') ? 'ready' : 'incomplete'
}
