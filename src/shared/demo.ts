import { z } from 'zod'

/**
 * The demo deployment: sizes, the endpoints it prints, and the manifest of the differences it
 * injects between CouchDB, the couch2pg database and the CHT Sync database.
 */
export const DEMO_SIZES = ['small', 'medium', 'large'] as const
export const demoSizeSchema = z.enum(DEMO_SIZES)
export type DemoSize = z.infer<typeof demoSizeSchema>
/** About how many documents each size generates; `--docs` overrides it. */
export const DEMO_SIZE_DOCS: Record<DemoSize, number> = {
  small: 20_000,
  medium: 200_000,
  large: 1_000_000,
}

/**
 * Whether the demo injects its known differences (`injected`, the default) or starts with both
 * pipelines caught up and identical (`none`): parity must then find nothing.
 */
export const DEMO_DISCREPANCY_MODES = ['injected', 'none'] as const
export const demoDiscrepancyModeSchema = z.enum(DEMO_DISCREPANCY_MODES)
export type DemoDiscrepancyMode = z.infer<typeof demoDiscrepancyModeSchema>

/**
 * The cht-couch2pg release the demo's couch2pg database looks like: `3.7` (the latest, with its
 * migration tables, the logs and users tables, and the deployment's own expression indexes) or
 * `3.5` (as releases before 3.6 leave a database that was never migrated by Postgrator: no
 * migration tables, no `couchdb_medic_logs` or `couchdb_medic_users`, no added indexes).
 */
export const DEMO_COUCH2PG_RELEASES = ['3.7', '3.5'] as const
export const demoCouch2pgReleaseSchema = z.enum(DEMO_COUCH2PG_RELEASES)
export type DemoCouch2pgRelease = z.infer<typeof demoCouch2pgReleaseSchema>

/** Which shape of deployment a demo is; the manifest states it. */
export const demoVariantSchema = z.object({
  discrepancies: demoDiscrepancyModeSchema,
  couch2pgRelease: demoCouch2pgReleaseSchema,
  /** couch2pg's `SYNC_DB_USERS` (off by default, as in its sample configuration). */
  syncUsers: z.boolean(),
})
export type DemoVariant = z.infer<typeof demoVariantSchema>

/** The default demo: injected differences, couch2pg 3.7, `_users` not synced. */
export const DEFAULT_DEMO_VARIANT: DemoVariant = {
  discrepancies: 'injected',
  couch2pgRelease: '3.7',
  syncUsers: false,
}

/**
 * What one pipeline of the demo syncs: the CouchDB address it names in its progress rows (never
 * the address the wizard uses, as on a real server) and the databases it copies.
 */
export const demoPipelineSchema = z.object({
  /** couch2pg: `host:port`; CHT Sync: `host` (its sources carry no port). */
  couchdbHost: z.string(),
  databases: z.array(z.string()),
  /** `couchdb_progress.source` of each database, in the pipeline's own format. */
  sources: z.record(z.string(), z.string()),
})
export type DemoPipeline = z.infer<typeof demoPipelineSchema>

/** The kinds of injected difference; each is listed in the manifest by document id. */
export const DISCREPANCY_KINDS = [
  'missing_in_cht_sync',
  'stale_revision_in_cht_sync',
  'delete_not_applied_in_cht_sync',
  'delete_not_applied_in_couch2pg',
  'couch2pg_behind',
  'model_lag',
  'model_wrong_value',
  'dbt_run_failed',
] as const
export const discrepancyKindSchema = z.enum(DISCREPANCY_KINDS)
export type DiscrepancyKind = z.infer<typeof discrepancyKindSchema>

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()])

export const discrepancySchema = z.object({
  kind: discrepancyKindSchema,
  /** The CouchDB document id; null only for a failed dbt run, which is about a model. */
  docId: z.string().nullable(),
  /** The CouchDB database the document lives in (`medic`, `medic-sentinel`, …), or null. */
  database: z.string().nullable(),
  /** A sentence saying what differs, for people. */
  detail: z.string(),
  /** What differs, for machines: e.g. `couchRev`, `chtSyncRev`, `model`, `column`, `expected`, `actual`. */
  data: z.record(z.string(), scalar),
})
export type Discrepancy = z.infer<typeof discrepancySchema>

export const demoEndpointsSchema = z.object({
  couchdb: z.object({ url: z.string(), username: z.string(), databases: z.array(z.string()) }),
  couch2pg: z.object({
    host: z.string(),
    port: z.number(),
    database: z.string(),
    user: z.string(),
  }),
  chtSync: z.object({
    host: z.string(),
    port: z.number(),
    database: z.string(),
    user: z.string(),
    schema: z.string(),
    table: z.string(),
  }),
})
export type DemoEndpoints = z.infer<typeof demoEndpointsSchema>

export const demoManifestSchema = z.object({
  generatedAt: z.string(),
  seed: z.number().int(),
  size: demoSizeSchema,
  documents: z.object({
    total: z.number().int(),
    byDatabase: z.record(z.string(), z.number().int()),
    deleted: z.number().int(),
  }),
  endpoints: demoEndpointsSchema,
  /** Absent in manifests written before variants existed: those were the default. */
  variant: demoVariantSchema.default(DEFAULT_DEMO_VARIANT),
  /** What each pipeline syncs; absent in manifests written before it was recorded. */
  pipelines: z
    .object({ couch2pg: demoPipelineSchema, chtSync: demoPipelineSchema })
    .nullable()
    .default(null),
  discrepancies: z.array(discrepancySchema),
})
export type DemoManifest = z.infer<typeof demoManifestSchema>
