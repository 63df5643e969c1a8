import { z } from 'zod'
import { gateOverrideSchema } from '../checks/check-settings'
import { isoDate, lineText, shortText } from '../results/common'
import { TEARDOWN_GATE_IDS } from './gate-types'

/**
 * What a project keeps for the Teardown step besides results: how couch2pg is deployed (the
 * decommission plan's commands depend on it), the grace period before the drop, the window
 * without reads, the verified backup, the dashboards the user attests were switched, the usage
 * snapshots the wizard took of the couch2pg database, and the audit trail of every statement the
 * wizard ran there. Nothing here is a secret (SEC-09): the privileged credential is never kept.
 */

export const DEPLOYMENT_TYPES = ['compose', 'systemd', 'kubernetes'] as const
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number]

export const DEPLOYMENT_LABELS: Readonly<Record<DeploymentType, string>> = {
  compose: 'Docker Compose',
  systemd: 'systemd service',
  kubernetes: 'Kubernetes',
}

/** A backup of the couch2pg database, verified with `pg_restore --list` and a checksum. */
export const backupRecordSchema = z.object({
  path: z.string().max(4096),
  /** `custom`: `pg_dump -Fc`, the only format the wizard makes and verifies. */
  format: z.literal('custom'),
  database: shortText,
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Entries `pg_restore --list` read from it (tables, views, functions, data…). */
  entries: z.number().int().nonnegative(),
  serverVersion: shortText,
  toolVersion: shortText,
  /** Made by the wizard, or an existing file the user recorded. */
  origin: z.enum(['made', 'recorded']),
  createdAt: isoDate,
  verifiedAt: isoDate,
})
export type BackupRecord = z.infer<typeof backupRecordSchema>

/** A dashboard of the plan and whether the user attests it now reads the new models. */
export const dashboardSchema = z.object({
  id: shortText,
  name: shortText,
  switched: z.boolean(),
  by: shortText.nullable(),
  at: isoDate.nullable(),
})
export type Dashboard = z.infer<typeof dashboardSchema>

/** Read counters of one relation of the couch2pg database at a moment. */
export const relationUsageSchema = z.object({
  seqScans: z.number().nonnegative().nullable(),
  idxScans: z.number().nonnegative().nullable(),
  statementCalls: z.number().nonnegative().nullable(),
})

/** The couch2pg database's read counters, by object key, when the wizard took them. */
export const usageSnapshotSchema = z.object({
  takenAt: isoDate,
  /** `pg_stat_database.stats_reset` then: counters reset in between make a delta meaningless. */
  statsReset: isoDate.nullable(),
  relations: z.record(shortText, relationUsageSchema),
})
export type UsageSnapshot = z.infer<typeof usageSnapshotSchema>

/** Most snapshots kept (oldest dropped first). */
export const SNAPSHOT_LIMIT = 20

export const AUDIT_OUTCOMES = ['ok', 'failed', 'skipped', 'dry-run'] as const

/** One statement the wizard ran (or would have run) on the couch2pg server, and what came of it. */
export const auditEntrySchema = z.object({
  at: isoDate,
  by: shortText,
  stage: shortText,
  statement: z.string().max(5_000),
  outcome: z.enum(AUDIT_OUTCOMES),
  message: lineText,
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

/** Most audit entries kept; the trail is append-only within that bound. */
export const AUDIT_LIMIT = 2_000

/** The database stages the wizard can run itself (the others are host commands or waiting). */
export const EXECUTABLE_STAGES = ['revoke-rename', 'restore-rename', 'drop'] as const
export type ExecutableStage = (typeof EXECUTABLE_STAGES)[number]

export const EXECUTION_OUTCOMES = ['done', 'dry-run', 'stopped', 'refused'] as const
export type ExecutionOutcome = (typeof EXECUTION_OUTCOMES)[number]

/**
 * One run (or dry run) of a database stage: who ran it, when, and how it ended. `done`: every
 * statement succeeded; `stopped`: a statement failed, the connection was lost or a gate flipped,
 * and the rest did not run; `refused`: nothing ran (a gate held, the typed name was wrong).
 * The statements themselves are in the audit trail.
 */
export const executionSchema = z.object({
  stage: z.enum(EXECUTABLE_STAGES),
  at: isoDate,
  by: shortText,
  outcome: z.enum(EXECUTION_OUTCOMES),
  message: lineText,
  /**
   * Roles with a CONNECT grant of their own on the database (besides PUBLIC): those a
   * revoke-rename revoked it from, those a restore-rename granted it back to.
   */
  roles: z.array(shortText).max(200),
})
export type ExecutionRecord = z.infer<typeof executionSchema>

/** Most stage runs kept (oldest dropped first). */
export const EXECUTION_LIMIT = 200

/**
 * Who decided to run the database stages although some gates were not met, why, and which
 * gates those were: a gate that becomes unmet later is not covered by it.
 */
export const teardownOverrideSchema = gateOverrideSchema.extend({
  gates: z.array(z.enum(TEARDOWN_GATE_IDS)).max(TEARDOWN_GATE_IDS.length),
})
export type TeardownOverride = z.infer<typeof teardownOverrideSchema>

export const DEFAULT_GRACE_DAYS = 30
export const DEFAULT_QUIET_DAYS = 14

export const teardownSettingsSchema = z.object({
  deployment: z.enum(DEPLOYMENT_TYPES).nullable(),
  /** Days between the rename to `_deprecated` and the drop. */
  graceDays: z.number().int().min(1).max(365),
  /** Days without reads of the couch2pg database's objects before teardown. */
  quietDays: z.number().int().min(1).max(365),
  backup: backupRecordSchema.nullable(),
  dashboards: z.array(dashboardSchema).max(500),
  snapshots: z.array(usageSnapshotSchema).max(SNAPSHOT_LIMIT),
  audit: z.array(auditEntrySchema).max(AUDIT_LIMIT),
  /** The recorded override of the gates for running the database stages, if any. */
  override: teardownOverrideSchema.nullable(),
  /** The database stages run (or dry run) from the wizard, oldest first. */
  executions: z.array(executionSchema).max(EXECUTION_LIMIT),
})
export type TeardownSettings = z.infer<typeof teardownSettingsSchema>

export const emptyTeardownSettings = (): TeardownSettings => ({
  deployment: null,
  graceDays: DEFAULT_GRACE_DAYS,
  quietDays: DEFAULT_QUIET_DAYS,
  backup: null,
  dashboards: [],
  snapshots: [],
  audit: [],
  override: null,
  executions: [],
})
