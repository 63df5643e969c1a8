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
  discrepancies: z.array(discrepancySchema),
})
export type DemoManifest = z.infer<typeof demoManifestSchema>
