import { z } from 'zod'
import { CHECK_STEPS } from './checks/check-catalog'
import { PLAN_AND_TEARDOWN_OPERATIONS } from './contract-plan-teardown'
import { REPORT_OPERATIONS } from './contract-report'
import { FILES_OPERATIONS } from './contract-files'
import { RECOVERY_OPERATIONS } from './contract-recovery'
import { intentSchema } from './intents'
import { passwordSourceSchema } from './connections'
import {
  demoCouch2pgReleaseSchema,
  demoDiscrepancyModeSchema,
  demoEndpointsSchema,
  demoManifestSchema,
  demoSizeSchema,
} from './demo'
import { jobIdSchema, jobSnapshotSchema, jobStartedSchema } from './jobs'
import { metricDefinitionSchema, modelDefinitionSchema } from './parity-definitions'
import { pathSchema } from './paths'
import { projectPatchSchema } from './project-patch'
import { endpointIdSchema, projectStateSchema } from './project-schema'
import { TEXT_LIMITS } from './results/common'
import { storedResultSchema } from './results/result-schema'

/**
 * The one list of operations any face may call.
 *
 * Each operation has a zod input and output schema. The Electron preload, the HTTP client of
 * browser mode and the CLI are all derived from this table; the handler table in
 * `src/main/api` must implement exactly these keys. Add an operation here first.
 */
const empty = z.object({}).strict()
const optionalPath = pathSchema.optional()

/**
 * One place's copy of a document (`parity.document`): whether it holds the id, the body as JSON
 * (cut past `TEXT_LIMITS.block` characters, `truncated`), why it could not be read, and a note (a deletion
 * stub, a second row).
 */
export const documentBodySchema = z.object({
  found: z.boolean(),
  body: z.string().max(TEXT_LIMITS.block).nullable(),
  truncated: z.boolean(),
  error: z.string().max(TEXT_LIMITS.line).nullable(),
  note: z.string().max(TEXT_LIMITS.line).nullable(),
})
export type DocumentBodyView = z.infer<typeof documentBodySchema>

export const faceSchema = z.enum(['electron', 'browser', 'cli'])
export type Face = z.infer<typeof faceSchema>

export const recentEntrySchema = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.string(),
})
export type RecentEntry = z.infer<typeof recentEntrySchema>

/** A recent entry as the welcome screen lists it: `missing` when its file is known to be gone. */
export const recentListEntrySchema = recentEntrySchema.extend({ missing: z.boolean() })
export type RecentListEntry = z.infer<typeof recentListEntrySchema>
const recentList = z.object({ entries: z.array(recentListEntrySchema) })

/**
 * The person's preferences on this machine. `userName` and `userRole` are empty until the person
 * has said who they are (`identityConfirmed`): nothing is stamped with the login name, which is
 * only offered as `suggestedUserName`.
 */
export const preferencesSchema = z.object({
  /** The name stamped on changes and evidence; empty until confirmed. */
  userName: z.string().max(200),
  /** What the person does (“Data engineer, Ministry of Health”), pre-filled in sign-offs. */
  userRole: z.string().max(200),
  /** True once the person has confirmed their name (the first-run dialog, Settings, the header). */
  identityConfirmed: z.boolean(),
  /** What the first-run dialog offers as the name: an earlier unconfirmed name or the login name. */
  suggestedUserName: z.string().max(200),
  recent: z.array(recentEntrySchema).max(20),
})
export type Preferences = z.infer<typeof preferencesSchema>

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  face: faceSchema,
  /** True where open/save paths come from native dialogs (Electron); otherwise the user types them. */
  nativeDialogs: z.boolean(),
  defaultProjectDir: z.string(),
  docsBaseUrl: z.string(),
  /** The wizard's log file, where "the details are in the log" messages point. */
  logPath: z.string(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

/** Where each endpoint's password comes from for the open project (SEC-09); never a password. */
const passwordSources = z.object({
  couchdb: passwordSourceSchema,
  couch2pg: passwordSourceSchema,
  chtSync: passwordSourceSchema,
  /** False where nothing can be remembered (no keychain, or Linux's `basic_text` store). */
  canRemember: z.boolean(),
})
const projectOrNull = z.object({ project: projectStateSchema.nullable() })

/** What a started demo deployment hands back when its job finishes. */
export const demoStartedSchema = z.object({
  project: projectStateSchema,
  endpoints: demoEndpointsSchema,
  manifestPath: z.string(),
  /** The demo's folder (removed when the demo stops, unless it was kept). */
  dir: z.string(),
  kept: z.boolean(),
})
export type DemoStarted = z.infer<typeof demoStartedSchema>

/** The demo deployment of this wizard, for the welcome screen (also after a reload). */
export const demoStatusSchema = z.object({
  /** True while a demo runs and works; false when none runs, or it stopped working (`failure`). */
  running: z.boolean(),
  endpoints: demoEndpointsSchema.nullable(),
  manifestPath: z.string().nullable(),
  dir: z.string().nullable(),
  /** True when the demo's folder stays after it stops (`--keep`). */
  kept: z.boolean(),
  projectPath: z.string().nullable(),
  size: demoSizeSchema.nullable(),
  documents: z.number().int().nullable(),
  startedAt: z.string().nullable(),
  /** Why a started demo no longer works (a server stopped from outside), or null. */
  failure: z.string().nullable(),
})
export type DemoStatus = z.infer<typeof demoStatusSchema>

/**
 * Set by the person after the warning that a path lies in a demo's temporary folder (removed
 * when the demo stops); without it such a path is refused with `DEMO_FOLDER`.
 */
const allowDemoFolder = z.boolean().optional()

export const contract = {
  'app.info': { input: empty, output: appInfoSchema },
  'app.preferences': { input: empty, output: preferencesSchema },
  'app.setPreferences': {
    input: z
      .object({
        userName: z.string().trim().min(1).max(200),
        /** Left out keeps the role; an empty one clears it. */
        userRole: z.string().trim().max(200).optional(),
      })
      .strict(),
    output: preferencesSchema,
  },
  'project.get': { input: empty, output: projectOrNull },
  'project.new': {
    input: z
      .object({
        name: z.string().trim().min(1).max(200),
        path: optionalPath,
        discardChanges: z.boolean().optional(),
      })
      .strict(),
    output: projectStateSchema,
  },
  'project.open': {
    input: z
      .object({
        path: optionalPath,
        fromBackup: z.boolean().optional(),
        discardChanges: z.boolean().optional(),
      })
      .strict(),
    output: projectStateSchema,
  },
  'project.save': { input: empty, output: projectPatchSchema },
  'project.saveAs': {
    input: z.object({ path: optionalPath, allowDemoFolder }).strict(),
    output: projectPatchSchema,
  },
  'project.close': {
    input: z.object({ discardChanges: z.boolean().optional() }).strict(),
    output: projectOrNull,
  },
  'project.update': {
    input: z.object({ intents: z.array(intentSchema).min(1).max(100) }).strict(),
    output: projectPatchSchema,
  },
  /** The recent list, each entry checked for a file that is gone (bounded in time). */
  'project.recent': { input: empty, output: recentList },
  /** Takes an entry off the recent list (the file is not touched); answers the new list. */
  'project.forgetRecent': { input: z.object({ path: pathSchema }).strict(), output: recentList },
  /**
   * Writes the plan's Markdown summary at once (no job): the same file as `report.export` with
   * `format: 'markdown'`, kept for the File menu's Export and the summary dialog.
   */
  'project.export': {
    input: z
      .object({ format: z.literal('markdown'), path: optionalPath, allowDemoFolder })
      .strict(),
    output: z.object({ path: z.string(), bytes: z.number().int() }),
  },
  'connections.test': {
    input: z
      .object({ endpoint: endpointIdSchema, password: z.string().max(1000).optional() })
      .strict(),
    /** The stored result of the test (kind `connection`), as it was recorded in the project. */
    output: storedResultSchema,
  },
  'connections.setPassword': {
    input: z
      .object({
        endpoint: endpointIdSchema,
        password: z.string().min(1).max(1000),
        remember: z.boolean(),
      })
      .strict(),
    output: z.object({ endpoint: endpointIdSchema, source: passwordSourceSchema }),
  },
  'connections.forgetPassword': {
    input: z.object({ endpoint: endpointIdSchema }).strict(),
    output: z.object({ endpoint: endpointIdSchema, source: passwordSourceSchema }),
  },
  'connections.passwords': { input: empty, output: passwordSources },
  /**
   * Forgets every password kept for the open project (keychain and session, whatever its profiles
   * were); answers where its passwords come from now (an environment variable stays).
   */
  'connections.forgetProjectPasswords': { input: empty, output: passwordSources },
  /**
   * Forgets the kept passwords of every project: the whole keychain file and this run's session
   * passwords. Needs no open project; answers the open project's sources, or null without one.
   */
  'connections.forgetAllPasswords': {
    input: empty,
    output: z.object({ sources: passwordSources.nullable() }),
  },
  'demo.start': {
    input: z
      .object({
        size: demoSizeSchema,
        docs: z.number().int().min(100).max(20_000_000).optional(),
        seed: z.number().int().min(-2_147_483_648).max(2_147_483_647).optional(),
        /** Keep the demo's servers' data, project and manifest in this folder (new or empty). */
        keep: optionalPath,
        /** `none`: both pipelines caught up and identical (default `injected`). */
        discrepancies: demoDiscrepancyModeSchema.optional(),
        /** The couch2pg release the couch2pg database looks like (default `3.7`). */
        couch2pgRelease: demoCouch2pgReleaseSchema.optional(),
        /** couch2pg also syncs `_users` (`SYNC_DB_USERS`; default off). */
        syncUsers: z.boolean().optional(),
        discardChanges: z.boolean().optional(),
      })
      .strict(),
    output: jobStartedSchema,
    job: demoStartedSchema,
  },
  'demo.status': { input: empty, output: demoStatusSchema },
  /** Opens the running demo's project again (after it was closed); its path is the engine's. */
  'demo.reopen': { input: empty, output: projectStateSchema },
  'demo.stop': { input: empty, output: z.object({ stopped: z.boolean() }) },
  'demo.manifest': { input: empty, output: demoManifestSchema },
  'parity.run': {
    input: z
      .object({
        /** Only document parity, the model comparisons or the dashboard metrics; default all. */
        only: z.enum(['docs', 'models', 'metrics']).optional(),
        /** Samples kept per class of document difference (default 20). */
        samples: z.number().int().min(0).max(100).optional(),
      })
      .strict(),
    output: jobStartedSchema,
    /** The stored result of each comparison that ran. */
    job: z.object({ results: z.array(storedResultSchema) }),
  },
  /** The comparisons worth setting up, read from both databases' catalogs (nothing is saved). */
  'parity.suggest': {
    input: empty,
    output: z.object({
      metrics: z.array(metricDefinitionSchema),
      models: z.array(modelDefinitionSchema),
    }),
  },
  /** One document as CouchDB, couch2pg and CHT Sync hold it (read-only; each place on its own). */
  'parity.document': {
    input: z
      .object({
        /** The CouchDB database the document lives in (`medic`, `medic-sentinel`…). */
        database: z.string().min(1).max(200),
        id: z.string().min(1).max(1000),
      })
      .strict(),
    output: z.object({
      couchdb: documentBodySchema,
      couch2pg: documentBodySchema,
      chtSync: documentBodySchema,
    }),
  },
  /**
   * The columns of a table or view on one side, read from its catalog (for “Suggest mapping” in
   * the model-pair editor; nothing is saved).
   */
  'parity.columns': {
    input: z
      .object({
        side: z.enum(['old', 'new']),
        schema: z.string().min(1).max(63),
        name: z.string().min(1).max(63),
      })
      .strict(),
    output: z.object({
      columns: z
        .array(z.object({ name: z.string().max(200), type: z.string().max(200) }))
        .max(1_600),
    }),
  },
  /**
   * Runs checks as a job: the given ones, a step's, or all of them (with the prerequisites they
   * need), recording each result in the project as it ends.
   */
  'checks.run': {
    input: z
      .object({
        step: z.enum(CHECK_STEPS).optional(),
        ids: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
      })
      .strict(),
    output: jobStartedSchema,
    /** The stored result of each check that ran (skipped ones included). */
    job: z.object({ results: z.array(storedResultSchema) }),
  },
  /**
   * A problem report for the cht-sync or cht-pipeline issue tracker, from the stored results (the
   * failed checks, or the given ones): versions, evidence, the configuration with secrets removed.
   */
  'checks.report': {
    input: z
      .object({ ids: z.array(z.string().min(1).max(200)).min(1).max(100).optional() })
      .strict(),
    output: z.object({ markdown: z.string().max(500_000), title: z.string().max(300) }),
  },
  /**
   * Chooses CHT Sync's `.env` or `values.yaml` with the native dialog (Electron, SEC-10) and keeps
   * it in the project; elsewhere the path is typed and set with `project.update`. Null: dismissed.
   */
  'checks.chooseSource': {
    input: z.object({ kind: z.enum(['env', 'values']) }).strict(),
    output: z.object({ path: z.string().nullable() }),
  },
  ...PLAN_AND_TEARDOWN_OPERATIONS,
  ...REPORT_OPERATIONS,
  ...FILES_OPERATIONS,
  ...RECOVERY_OPERATIONS,
  'jobs.list': {
    input: empty,
    /** Running jobs and the ones that finished in the last minutes, newest first. */
    output: z.object({ jobs: z.array(jobSnapshotSchema) }),
  },
  'jobs.cancel': {
    input: z.object({ jobId: jobIdSchema }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
} as const

export type Contract = typeof contract
export type OpName = keyof Contract
export type OpInput<K extends OpName> = z.input<Contract[K]['input']>
export type OpParsedInput<K extends OpName> = z.output<Contract[K]['input']>
export type OpOutput<K extends OpName> = z.output<Contract[K]['output']>

/** The operations that start a job; the job's value (in `job.finished`) has its own schema. */
export type JobOpName = {
  [K in OpName]: Contract[K] extends { job: z.ZodType } ? K : never
}[OpName]
export type JobOutput<K extends JobOpName> = Contract[K] extends { job: infer S extends z.ZodType }
  ? z.output<S>
  : never

/** The schema of a job's value by the kind (start operation) of the job, if it has one. */
export function jobOutputSchema(kind: string): z.ZodType | null {
  if (!isOpName(kind)) return null
  const entry = contract[kind] as { job?: z.ZodType }
  return entry.job ?? null
}
export const OP_NAMES = Object.keys(contract) as OpName[]

export const isOpName = (name: string): name is OpName =>
  Object.prototype.hasOwnProperty.call(contract, name)

/**
 * Splits `'project.open'` into the namespace and the method used by `window.api.project.open`.
 */
export function splitOpName(op: OpName): [string, string] {
  const dot = op.indexOf('.')
  return [op.slice(0, dot), op.slice(dot + 1)]
}
