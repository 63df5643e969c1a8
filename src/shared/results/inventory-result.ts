import { z } from 'zod'
import { isoDate, lineText, paragraphText, shortText, TEXT_LIMITS } from './common'

/**
 * The typed details of an inventory of the couch2pg database (`kind: 'inventory'`): one stored
 * result holding every object found, what the SQL analysis learnt of it, how it maps onto CHT
 * Sync and cht-pipeline, and a suggested migration order. Decisions about objects are the user's
 * and live in the project's `inventory` settings, so a new scan never overwrites them.
 */
export const INVENTORY_OBJECT_KINDS = [
  'table',
  'view',
  'materialized_view',
  'function',
  'procedure',
  'index',
  'trigger',
  'sequence',
  'extension',
] as const
export type InventoryObjectKind = (typeof INVENTORY_OBJECT_KINDS)[number]

/**
 * Who put an object there: cht-couch2pg (its library or analytics migrations), the deployment
 * (`custom`), or neither can be told (`unknown`, e.g. a table of another tool).
 */
export const OBJECT_ORIGINS = ['couch2pg', 'custom', 'unknown'] as const
export type ObjectOrigin = (typeof OBJECT_ORIGINS)[number]

export const COMPLEXITY_BANDS = ['simple', 'medium', 'significant'] as const
export type ComplexityBand = (typeof COMPLEXITY_BANDS)[number]

const keyList = z.array(shortText).max(2_000)

/** Where an object came from, judged from its name and shape against each couch2pg release. */
export const objectOriginSchema = z.object({
  origin: z.enum(OBJECT_ORIGINS),
  /** The couch2pg releases that install an object of this name and shape: `3.3.0 or later`. */
  release: shortText.nullable(),
  /** True when a known couch2pg object's definition differs from every release's. */
  modified: z.boolean(),
  /** What was compared and what differs, in a sentence, or null. */
  note: lineText.nullable(),
})
export type OriginVerdict = z.infer<typeof objectOriginSchema>

/** Usage evidence from the statistics views; null where the server does not have it. */
export const objectUsageSchema = z.object({
  seqScans: z.number().int().nonnegative().nullable(),
  idxScans: z.number().int().nonnegative().nullable(),
  /** `pg_stat_user_functions.calls` (needs `track_functions`). */
  calls: z.number().int().nonnegative().nullable(),
  /** Calls of the `pg_stat_statements` statements that name this object, and how many there are. */
  statementCalls: z.number().int().nonnegative().nullable(),
  statements: z.number().int().nonnegative().nullable(),
  lastVacuum: isoDate.nullable(),
  lastAnalyze: isoDate.nullable(),
})
export type ObjectUsage = z.infer<typeof objectUsageSchema>

/** Usage before any statistics are read: every figure unknown. */
export const emptyUsage = (): ObjectUsage => ({
  seqScans: null,
  idxScans: null,
  calls: null,
  statementCalls: null,
  statements: null,
  lastVacuum: null,
  lastAnalyze: null,
})

/** One `doc` value a query filters on: `doc->>'type' = 'data_record'` is `{ path: 'type', values: ['data_record'] }`. */
export const filterSchema = z.object({
  path: shortText,
  values: z.array(shortText).max(100),
})
export type SqlFilter = z.infer<typeof filterSchema>

/** What the SQL analysis found in a definition. */
export const sqlAnalysisSchema = z.object({
  /**
   * The JSON paths read from a jsonb column, dotted from the column: `doc.fields.patient_id`,
   * `doc.contact.parent._id`. Sorted, unique.
   */
  jsonPaths: z.array(shortText).max(500),
  /** Equality and `IN` filters on JSON paths (`type`, `form`, `contact_type` and others). */
  filters: z.array(filterSchema).max(100),
  /** Relations and functions named in the SQL, as written (qualified when written so), lower case. */
  references: z.array(shortText).max(500),
  /** Why a person must read this one (PL/pgSQL, dynamic SQL…), with what could still be found, or null. */
  manualReview: lineText.nullable(),
  /** The parser's message when it rejected the SQL, or null. */
  parseError: lineText.nullable(),
})
export type SqlAnalysis = z.infer<typeof sqlAnalysisSchema>

/** How an object maps onto CHT Sync and cht-pipeline. */
export const objectMappingSchema = z.object({
  /** cht-pipeline base models (or the CHT Sync raw table) that already cover what it reads. */
  models: z.array(shortText).max(50),
  /** The form names whose fields it reads (each a `cht_form_model` candidate). */
  forms: z.array(shortText).max(100),
  /** What no base model covers, in a sentence, or null when the base models cover it all. */
  leftover: lineText.nullable(),
  complexity: z.enum(COMPLEXITY_BANDS),
  /** Why that band: depth of dependencies, JSON paths, functions, dynamic SQL. */
  reasons: z.array(lineText).max(10),
})
export type ObjectMapping = z.infer<typeof objectMappingSchema>

export const columnSchema = z.object({ name: shortText, type: shortText })
export type InventoryColumn = z.infer<typeof columnSchema>

export const inventoryObjectSchema = z.object({
  /** Stable key, `kind:schema.name` (functions with their argument types): what decisions refer to. */
  key: shortText,
  schema: shortText,
  name: shortText,
  kind: z.enum(INVENTORY_OBJECT_KINDS),
  owner: shortText.nullable(),
  /** `sql`, `plpgsql`, … for functions and procedures; null otherwise. */
  language: shortText.nullable(),
  definition: z.string().max(TEXT_LIMITS.block).nullable(),
  columns: z.array(columnSchema).max(1_600),
  sizeBytes: z.number().int().nonnegative().nullable(),
  rows: z.number().int().nonnegative().nullable(),
  /** Keys of the objects this one reads or calls (an index: its table), and of those that read it. */
  dependsOn: keyList,
  usedBy: keyList,
  origin: objectOriginSchema,
  /** Null when readable; otherwise why the wizard could not read it (it is still listed). */
  unreadable: lineText.nullable(),
  usage: objectUsageSchema,
  /** Materialized views: populated, and whether a unique index lets `refresh_matviews()` refresh it. */
  matview: z.object({ populated: z.boolean(), uniqueIndex: z.boolean() }).nullable(),
  analysis: sqlAnalysisSchema.nullable(),
  mapping: objectMappingSchema.nullable(),
})
export type InventoryObject = z.infer<typeof inventoryObjectSchema>

export const STATEMENT_STATS = ['installed', 'not-installed', 'no-access'] as const

/** What the server says about itself and about couch2pg. */
export const inventoryServerSchema = z.object({
  version: shortText,
  database: shortText,
  /** When the statistics were last reset (usage counts run from then), or null. */
  statsSince: isoDate.nullable(),
  statements: z.enum(STATEMENT_STATS),
  trackFunctions: shortText.nullable(),
})

export const couch2pgFactsSchema = z.object({
  /** False when nothing of couch2pg was found: not a couch2pg database. */
  found: z.boolean(),
  /** The release the objects point to (`3.7.0 or later`), or null. */
  release: shortText.nullable(),
  /** Whether the postgrator tracking tables exist (`couch2pg_migrations` …). */
  migrationTables: z.boolean(),
  note: paragraphText.nullable(),
})

export const inventoryDetailsSchema = z.object({
  kind: z.literal('inventory'),
  server: inventoryServerSchema,
  couch2pg: couch2pgFactsSchema,
  objects: z.array(inventoryObjectSchema).max(50_000),
  /** Keys of the objects worth migrating, in an order that follows the dependency graph. */
  order: z.array(shortText).max(50_000),
})
export type InventoryDetails = z.infer<typeof inventoryDetailsSchema>
