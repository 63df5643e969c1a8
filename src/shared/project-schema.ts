import { z } from 'zod'
import { checkSettingsSchema } from './checks/check-settings'
import { paritySettingsSchema } from './parity-definitions'
import { errorCodeSchema } from './result'
import { storedResultSchema } from './results/result-schema'
import { inventorySettingsSchema } from './inventory/decisions'
import { teardownSettingsSchema } from './teardown/teardown-settings'
import { signoffSettingsSchema } from './signoff'

export { ENDPOINT_IDS, endpointIdSchema, type EndpointId } from './endpoints'
export { VERDICTS, verdictSchema, type Verdict } from './results/common'
export type { StoredResult } from './results/result-schema'

/** The `format` marker every project file carries; a JSON file without it is someone else's. */
export const PROJECT_FORMAT = 'cht-migration-project'
/** The schema version this build writes. Older files are migrated forward on load. */
export const CURRENT_SCHEMA_VERSION = 9
export const PROJECT_FILE_EXTENSION = '.chtmig.json'
/** Project files above this size are refused before parsing (SEC-13). */
export const MAX_PROJECT_BYTES = 50 * 1024 * 1024
export const DEFAULT_STALE_AFTER_DAYS = 7

const isoDate = z.iso.datetime({ offset: true })
const shortText = z.string().max(200)

export const ITEM_STATUSES = ['todo', 'in_progress', 'done', 'not_applicable'] as const
export const itemStatusSchema = z.enum(ITEM_STATUSES)
export type ItemStatus = z.infer<typeof itemStatusSchema>

export const evidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    id: shortText,
    kind: z.literal('text'),
    text: z.string().min(1).max(20_000),
    addedBy: shortText,
    addedAt: isoDate,
  }),
  z.object({
    id: shortText,
    kind: z.literal('file'),
    path: z.string().min(1).max(4096),
    label: z.string().max(500).optional(),
    addedBy: shortText,
    addedAt: isoDate,
  }),
])
export type Evidence = z.infer<typeof evidenceSchema>

/** What a person recorded against one checklist item. */
export const itemStateSchema = z.object({
  status: itemStatusSchema,
  note: z.string().max(20_000),
  evidence: z.array(evidenceSchema).max(200),
  updatedBy: shortText.nullable(),
  updatedAt: isoDate.nullable(),
})
export type ItemState = z.infer<typeof itemStateSchema>

const hostSchema = z.string().trim().min(1).max(255)
const identifier = z.string().trim().min(1).max(63)

/**
 * The CHT instance's CouchDB: a base URL without credentials (SEC-09: the password is never in
 * the file, and a URL with `user:pass@` is refused) and the user name.
 */
export const couchdbProfileSchema = z.object({
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((u) => /^https?:\/\/[^/@\s]+(\/.*)?$/i.test(u), {
      message: 'Give an http(s) address without a user name or password in it',
    }),
  username: z.string().trim().max(200),
})
export type CouchdbProfile = z.infer<typeof couchdbProfileSchema>

export const SSL_MODES = ['disable', 'require', 'verify-full'] as const
const certPath = z.string().trim().min(1).max(4096).nullable()

/**
 * Files for TLS with client certificates (libpq's `sslrootcert`, `sslcert`, `sslkey`): paths on
 * this machine, read when a session opens. Optional: most servers need none.
 */
export const sslFilesSchema = z.object({ ca: certPath, cert: certPath, key: certPath })
export type SslFiles = z.infer<typeof sslFilesSchema>

/**
 * A PostgreSQL server and database. The password lives in the keychain or the environment, and
 * may be absent: a server that trusts the user, a `.pgpass` entry or a client certificate needs
 * none. `host` may be a Unix socket folder (starting with `/`).
 */
export const postgresProfileSchema = z.object({
  host: hostSchema,
  port: z.number().int().min(1).max(65535),
  database: identifier,
  user: z.string().trim().min(1).max(200),
  ssl: z.enum(SSL_MODES),
  sslFiles: sslFilesSchema.optional(),
})
export type PostgresProfile = z.infer<typeof postgresProfileSchema>

/** The CHT Sync database, with the raw table's schema and name (`POSTGRES_SCHEMA`/`POSTGRES_TABLE`). */
export const chtSyncProfileSchema = postgresProfileSchema.extend({
  schema: identifier,
  table: identifier,
})
export type ChtSyncProfile = z.infer<typeof chtSyncProfileSchema>

export const connectionsSchema = z.object({
  couchdb: couchdbProfileSchema.nullable(),
  couch2pg: postgresProfileSchema.nullable(),
  chtSync: chtSyncProfileSchema.nullable(),
})
export type Connections = z.infer<typeof connectionsSchema>
export const emptyConnections = (): Connections => ({
  couchdb: null,
  couch2pg: null,
  chtSync: null,
})

/** Set on a project created by the demo deployment: where its files and manifest are. */
export const demoInfoSchema = z.object({
  dir: z.string().max(4096),
  manifestPath: z.string().max(4096),
  size: z.string().max(20),
  seed: z.number().int(),
  documents: z.number().int(),
  startedAt: isoDate,
})
export type DemoInfo = z.infer<typeof demoInfoSchema>

export const projectSettingsSchema = z.object({
  staleAfterDays: z.number().int().min(1).max(365),
})
export type ProjectSettings = z.infer<typeof projectSettingsSchema>

/**
 * A migration project file, as written by this build.
 *
 * No field can hold a secret (SEC-09): connection passwords live in the OS keychain or the
 * environment, never here. Unknown keys are dropped on load, so nothing hostile rides along.
 */
export const projectDocumentSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: shortText,
  name: z.string().min(1).max(200),
  createdAt: isoDate,
  updatedAt: isoDate,
  appVersion: shortText,
  settings: projectSettingsSchema,
  items: z.record(shortText, itemStateSchema),
  results: z.record(shortText, storedResultSchema),
  connections: connectionsSchema,
  demo: demoInfoSchema.nullable(),
  /** The parity step's comparisons and the teardown gate's number of green days. */
  parity: paritySettingsSchema,
  /** What the checks read (the CHT Sync configuration, Watchdog), the sizing inputs, gate overrides. */
  checks: checkSettingsSchema,
  /** The Plan step's decisions about the couch2pg database's objects. */
  inventory: inventorySettingsSchema,
  /** The Teardown step's settings, backup record, dashboards, usage snapshots and audit trail. */
  teardown: teardownSettingsSchema,
  /** Who approved each step, in which role, when (schema 9). */
  signoff: signoffSettingsSchema,
})
export type ProjectDocument = z.infer<typeof projectDocumentSchema>

/**
 * Where the open project lives and whether it is saved: everything of the state but the document.
 * Sent with every change, so it stays small.
 */
export const projectMetaSchema = z.object({
  /**
   * Grows with every change the engine makes to the open project (and never goes back within a
   * process), so a copy knows whether a patch applies to it.
   */
  revision: z.number().int().nonnegative(),
  path: z.string().nullable(),
  dirty: z.boolean(),
  lastSavedAt: isoDate.nullable(),
  /** Set when the document was recovered from the `.bak` beside `path` and not yet saved. */
  recoveredFromBackup: z.boolean(),
  /**
   * Set when the document is an autosaved copy restored after the wizard did not close normally,
   * until it is saved: meanwhile nothing is autosaved over `path`, whose file may hold other work.
   */
  restoredFromAutosave: z.boolean().optional(),
  /**
   * Why the last save (an autosave included) failed, until a save succeeds. The document stays
   * dirty meanwhile, so an autosave failure is never silent.
   */
  lastSaveError: z.object({ code: errorCodeSchema, message: z.string() }).nullable(),
})
export type ProjectMeta = z.infer<typeof projectMetaSchema>

/** The project as the faces see it: the document plus where it lives and whether it is saved. */
export const projectStateSchema = projectMetaSchema.extend({ document: projectDocumentSchema })
export type ProjectState = z.infer<typeof projectStateSchema>

export const emptyItemState = (): ItemState => ({
  status: 'todo',
  note: '',
  evidence: [],
  updatedBy: null,
  updatedAt: null,
})
