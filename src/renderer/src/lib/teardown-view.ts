import type { GatesVerdict, TeardownGate, TeardownGateState } from '../../../shared/teardown/gates'
import type { DecommissionStage } from '../../../shared/teardown/decommission-plan'
import { dayOf } from '../../../shared/teardown/gate-types'
import { quietWindow } from '../../../shared/teardown/no-reads-gate'
import { executionPermission } from '../../../shared/teardown/override'
import type {
  AuditEntry,
  ExecutableStage,
  ExecutionOutcome,
  ExecutionRecord,
  TeardownOverride,
  UsageSnapshot,
} from '../../../shared/teardown/teardown-settings'
import { dirName } from './format'
import { isInDemoFolder, type SuggestionProject } from './save-suggestion'

// The engine's own wording of days and sizes, so the page and the gates say them alike.
export { dayOf, sizeText } from '../../../shared/teardown/gate-types'

/**
 * What the Teardown step's page says about the gates, the override, the snapshots, the backup,
 * the plan and the runs of its database stages. Pure functions over the project copy, no DOM.
 */

const DAY_MS = 86_400_000

/** The overall verdict: a word that carries the meaning (not only the colour) and a sentence. */
export const VERDICT_VIEW: Readonly<Record<GatesVerdict, { label: string; text: string }>> = {
  ready: {
    label: 'Ready',
    text: 'Every gate is met: couch2pg may be removed, stage by stage.',
  },
  blocked: {
    label: 'Blocked',
    text: 'A gate is not met: couch2pg must stay for now.',
  },
  incomplete: {
    label: 'Incomplete',
    text: 'No gate is unmet, but some have no evidence yet.',
  },
}

export const GATE_STATE_LABEL: Readonly<Record<TeardownGateState, string>> = {
  met: 'Met',
  unmet: 'Not met',
  unknown: 'No evidence yet',
}

/** The badge class of a gate state (the word says the state; the colour only repeats it). */
export const GATE_STATE_BADGE: Readonly<Record<TeardownGateState, string>> = {
  met: 'badge-pass',
  unmet: 'badge-fail',
  unknown: 'badge-warn',
}

/** `1 day`, `14 days`. */
export const daysText = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`

/**
 * The gates not met that the override does not cover (all of them without an override): what
 * holds the database stages, by the engine's own rule (`executionPermission`).
 */
export function uncoveredGates(
  gates: readonly TeardownGate[],
  override: TeardownOverride | null,
): TeardownGate[] {
  return executionPermission(gates, override).holding
}

/** The titles of the gates an override covers, in the order the page lists the gates. */
export function coveredTitles(
  gates: readonly TeardownGate[],
  override: TeardownOverride,
): string[] {
  const covered = new Set<string>(override.gates)
  return gates.filter((g) => covered.has(g.id)).map((g) => g.title)
}

/** What the override covers, as a sentence. */
export function overrideCoverText(gates: readonly TeardownGate[], override: TeardownOverride) {
  const titles = coveredTitles(gates, override)
  return titles.length === 0
    ? 'It covers no gate: every gate was met when it was recorded.'
    : `It covers the gates not met when it was recorded: ${titles.join('; ')}.`
}

/** What a person types for a name to count: the database's name exactly, nothing trimmed. */
export const confirmMatches = (typed: string, database: string | null): boolean =>
  database !== null && typed === database

/**
 * Why “Run” is disabled, in words, or null when it may be pressed: no couch2pg database, gates
 * not met and not covered by an override, or the typed name not the database's.
 */
export function runBlockedReason(input: {
  database: string | null
  gates: readonly TeardownGate[]
  override: TeardownOverride | null
  typedName: string
}): string | null {
  const { database, gates, override, typedName } = input
  if (database === null) {
    return 'Set the couch2pg connection first: the stages run on its database.'
  }
  const open = uncoveredGates(gates, override)
  if (open.length > 0) {
    const titles = open.map((g) => g.title).join('; ')
    return override
      ? `These gates are not met and the override does not cover them: ${titles}. Meet them, or record the override again.`
      : `These gates are not met: ${titles}. Meet them, or record an override under Readiness.`
  }
  if (!confirmMatches(typedName, database)) {
    return `Type the database's name, ${database}, exactly to confirm.`
  }
  return null
}

/** A whole number of days from 1 to 365, or null. */
export function parseDays(text: string): number | null {
  const trimmed = text.trim()
  if (!/^\d{1,3}$/.test(trimmed)) return null
  const n = Number(trimmed)
  return n >= 1 && n <= 365 ? n : null
}

/**
 * A path cut after each separator (`/` or `\`), so it can wrap there: `/a/b.dump` →
 * `['/', 'a/', 'b.dump']`. Joined, the parts are the path again.
 */
export function pathParts(path: string): string[] {
  return path.match(/[^\\/]*[\\/]|[^\\/]+$/g) ?? [path]
}

/** One usage snapshot as the page lists it. */
export interface SnapshotRow {
  takenAt: string
  relations: number
  /** Whether `pg_stat_statements` counted the statements naming the relations. */
  statements: boolean
  statsReset: string | null
}

/** The snapshots, newest first. */
export function snapshotRows(snapshots: readonly UsageSnapshot[]): SnapshotRow[] {
  return [...snapshots]
    .sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt))
    .map((s) => {
      const counters = Object.values(s.relations)
      return {
        takenAt: s.takenAt,
        relations: counters.length,
        statements: counters.some((c) => c.statementCalls !== null),
        statsReset: s.statsReset,
      }
    })
}

/**
 * What the “no reads” gate needs of the snapshots: the pair it compares, or when the next
 * snapshot counts (at least `quietDays` after the oldest one).
 */
export function noReadsNeedText(snapshots: readonly UsageSnapshot[], quietDays: number): string {
  const window = quietWindow(snapshots, quietDays)
  if (window) {
    const apart = Math.floor(
      (Date.parse(window.after.takenAt) - Date.parse(window.before.takenAt)) / DAY_MS,
    )
    return `The gate compares the snapshot of ${dayOf(window.before.takenAt)} with the latest, of ${dayOf(window.after.takenAt)} (${daysText(apart)} apart; at least ${daysText(quietDays)} needed). Take another snapshot later to judge a newer window.`
  }
  if (snapshots.length === 0) {
    return `The gate needs two snapshots at least ${daysText(quietDays)} apart: take one now and another ${daysText(quietDays)} later or more.`
  }
  const oldest = Math.min(...snapshots.map((s) => Date.parse(s.takenAt)))
  const due = new Date(oldest + quietDays * DAY_MS).toISOString()
  return `The gate needs two snapshots at least ${daysText(quietDays)} apart: take another on or after ${dayOf(due)}.`
}

/** Where a stage of the plan runs, in words. */
export function whereText(stage: DecommissionStage): string {
  if (stage.kind === 'wait') return 'Nothing runs'
  return stage.runsOn === 'host'
    ? 'On the host where couch2pg runs'
    : 'On the couch2pg server, connected to the postgres maintenance database'
}

export const STAGE_LABEL: Readonly<Record<ExecutableStage, string>> = {
  'revoke-rename': 'Revoke access and rename the database',
  'restore-rename': 'Undo: rename back and allow connections again',
  drop: 'Drop the renamed database (cannot be undone)',
}

export const EXECUTION_OUTCOME_LABEL: Readonly<Record<ExecutionOutcome, string>> = {
  done: 'Done',
  'dry-run': 'Dry run',
  stopped: 'Stopped',
  refused: 'Refused',
}

export const AUDIT_OUTCOME_LABEL: Readonly<Record<AuditEntry['outcome'], string>> = {
  ok: 'Succeeded',
  failed: 'Failed',
  skipped: 'Not run',
  'dry-run': 'Dry run: not run',
}

/** The badge class of a statement's or a run's outcome. */
export function outcomeBadge(outcome: AuditEntry['outcome'] | ExecutionOutcome): string {
  if (outcome === 'ok' || outcome === 'done') return 'badge-pass'
  if (outcome === 'failed' || outcome === 'stopped' || outcome === 'refused') return 'badge-fail'
  return 'badge-neutral'
}

/** A list kept oldest first (the audit trail, the stage runs), newest first. */
export const newestFirst = <T>(list: readonly T[]): T[] => [...list].reverse()

/**
 * When the database was renamed by the wizard (its last `revoke-rename` done and not undone
 * since) and from when the grace period allows the drop; null when it is not renamed.
 */
export function renameStanding(
  executions: readonly ExecutionRecord[],
  graceDays: number,
): { renamedAt: string; dropFrom: string } | null {
  const last = [...executions]
    .reverse()
    .find(
      (e) => e.outcome === 'done' && (e.stage === 'revoke-rename' || e.stage === 'restore-rename'),
    )
  if (!last || last.stage !== 'revoke-rename') return null
  const dropFrom = new Date(Date.parse(last.at) + graceDays * DAY_MS).toISOString()
  return { renamedAt: last.at, dropFrom }
}

/**
 * The folder browser mode's “Make a backup” suggests (it must exist already): the folder of the
 * project's file, or, for a project without a file of the person's own (a demo's, whose folder
 * goes when the demo stops), the default projects folder.
 */
export function suggestedBackupDir(project: SuggestionProject | null, defaultDir: string): string {
  const path = project?.path ?? null
  if (project && path && !isInDemoFolder(project)) return dirName(path) || defaultDir
  return defaultDir
}
