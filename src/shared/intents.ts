import { z } from 'zod'
import { sizingInputsSchema, watchdogUrlSchema } from './checks/check-settings'
import { STEP_IDS } from './steps'
import { signoffInputSchema } from './signoff'
import { BULK_DECISION_LIMIT, decisionInputSchema } from './inventory/decisions'
import { metricDefinitionSchema, modelDefinitionSchema } from './parity-definitions'
import { DEPLOYMENT_TYPES } from './teardown/teardown-settings'
import {
  chtSyncProfileSchema,
  couchdbProfileSchema,
  itemStatusSchema,
  postgresProfileSchema,
  projectSettingsSchema,
} from './project-schema'

/**
 * Changes the renderer (or the CLI) asks the engine to make to the open project.
 *
 * The engine owns the document: it applies intents, stamps who and when, saves and emits
 * `project.changed`. Nothing else edits the document.
 */
export const intentSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('item.set'),
    itemId: z.string().min(1).max(200),
    status: itemStatusSchema.optional(),
    note: z.string().max(20_000).optional(),
  }),
  z.object({
    type: z.literal('item.addEvidence'),
    itemId: z.string().min(1).max(200),
    evidence: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('text'), text: z.string().trim().min(1).max(20_000) }),
      z.object({
        kind: z.literal('file'),
        path: z.string().trim().min(1).max(4096),
        label: z.string().max(500).optional(),
      }),
    ]),
  }),
  z.object({
    type: z.literal('item.removeEvidence'),
    itemId: z.string().min(1).max(200),
    evidenceId: z.string().min(1).max(200),
  }),
  z.object({ type: z.literal('project.rename'), name: z.string().trim().min(1).max(200) }),
  z.object({ type: z.literal('settings.set'), settings: projectSettingsSchema.partial() }),
  z.object({ type: z.literal('connection.setCouchdb'), profile: couchdbProfileSchema.nullable() }),
  z.object({
    type: z.literal('connection.setCouch2pg'),
    profile: postgresProfileSchema.nullable(),
  }),
  z.object({ type: z.literal('connection.setChtSync'), profile: chtSyncProfileSchema.nullable() }),
  /** Adds a dashboard metric, or replaces the one with the same id. */
  z.object({ type: z.literal('parity.setMetric'), metric: metricDefinitionSchema }),
  z.object({ type: z.literal('parity.removeMetric'), id: z.string().min(1).max(200) }),
  /** Adds a model pair, or replaces the one with the same id. */
  z.object({ type: z.literal('parity.setModel'), model: modelDefinitionSchema }),
  z.object({ type: z.literal('parity.removeModel'), id: z.string().min(1).max(200) }),
  z.object({
    type: z.literal('parity.setGreenDays'),
    days: z.number().int().min(1).max(365),
  }),
  /** What the checks read: CHT Sync's `.env` or `values.yaml`, CHT Watchdog's Prometheus (null clears). */
  z.object({
    type: z.literal('checks.setSources'),
    envPath: z.string().trim().min(1).max(4096).nullable().optional(),
    valuesPath: z.string().trim().min(1).max(4096).nullable().optional(),
    watchdogUrl: watchdogUrlSchema.optional(),
  }),
  /** The sizing calculator's inputs (free disk, memory, growth). */
  z.object({ type: z.literal('checks.setSizing'), sizing: sizingInputsSchema.partial() }),
  /** Opens a held gate: the reason and the name of who decided are recorded. */
  z.object({
    type: z.literal('gate.override'),
    stepId: z.enum(STEP_IDS),
    reason: z.string().trim().min(1).max(2000),
    by: z.string().trim().min(1).max(200).optional(),
  }),
  z.object({ type: z.literal('gate.clearOverride'), stepId: z.enum(STEP_IDS) }),
  /**
   * Decides one or many inventory objects (by key). Fields left out keep what each object had,
   * so a bulk decision can set the action without wiping owners and notes.
   */
  z.object({
    type: z.literal('inventory.decide'),
    keys: z.array(z.string().min(1).max(200)).min(1).max(BULK_DECISION_LIMIT),
    decision: decisionInputSchema,
  }),
  z.object({
    type: z.literal('inventory.clearDecision'),
    keys: z.array(z.string().min(1).max(200)).min(1).max(BULK_DECISION_LIMIT),
  }),
  /**
   * The Teardown step's settings: how couch2pg is deployed, the grace days before the drop, the
   * days without reads. The backup record, usage snapshots and audit trail are not settable by
   * an intent: the engine records them itself after verifying (a backup, a snapshot) or running
   * (a statement).
   */
  z.object({
    type: z.literal('teardown.set'),
    deployment: z.enum(DEPLOYMENT_TYPES).nullable().optional(),
    graceDays: z.number().int().min(1).max(365).optional(),
    quietDays: z.number().int().min(1).max(365).optional(),
  }),
  /**
   * Adds a dashboard of the plan (no id) or updates one; `switched` attests it reads the new
   * models (stamped with who and when), unswitched clears the stamp.
   */
  z.object({
    type: z.literal('teardown.setDashboard'),
    id: z.string().min(1).max(200).optional(),
    name: z.string().trim().min(1).max(200),
    switched: z.boolean(),
  }),
  z.object({ type: z.literal('teardown.removeDashboard'), id: z.string().min(1).max(200) }),
  /**
   * Lets the database stages run although some teardown gates are not met: the reason, the name
   * of who decided (the user's name when left out) and the gates not met at that moment are
   * recorded; a gate that becomes unmet later is not covered.
   */
  z.object({
    type: z.literal('teardown.override'),
    reason: z.string().trim().min(1).max(2000),
    by: z.string().trim().min(1).max(200).optional(),
  }),
  z.object({ type: z.literal('teardown.clearOverride') }),
  /** Adds (no id) or updates a slow dashboard query for the Optimize step's EXPLAIN. */
  z.object({
    type: z.literal('checks.setExplainQuery'),
    id: z.string().min(1).max(200).optional(),
    label: z.string().trim().min(1).max(200),
    sql: z.string().trim().min(1).max(20_000),
  }),
  z.object({ type: z.literal('checks.removeExplainQuery'), id: z.string().min(1).max(200) }),
  /** Records that someone approved a step (recorded by the current user, stamped now). */
  z.object({
    type: z.literal('signoff.add'),
    stepId: z.enum(STEP_IDS),
    signoff: signoffInputSchema,
  }),
  z.object({
    type: z.literal('signoff.remove'),
    stepId: z.enum(STEP_IDS),
    id: z.string().min(1).max(200),
  }),
])
export type Intent = z.infer<typeof intentSchema>
