import { z } from 'zod'
import { connectionErrorKindSchema } from '../connections'
import { endpointIdSchema } from '../endpoints'
import { isoDate, lineText, paragraphText, shortText } from './common'

/**
 * The typed details of a connection test (`kind: 'connection'`): what the probes learnt about the
 * server, as facts for machines, per endpoint. Sentences for people are made from them by
 * `describeConnection` (connection-describe.ts), so a saved project reads the same offline and the
 * checks and parity can reuse the facts without parsing text.
 */

export const COUCH_DATABASE_STATES = [
  'present',
  'absent',
  'unauthorized',
  'forbidden',
  'unknown',
] as const

/** One CHT database as `GET /<db>` described it. Counts are null where the server did not say. */
export const couchDatabaseFactSchema = z.object({
  name: shortText,
  state: z.enum(COUCH_DATABASE_STATES),
  docCount: z.number().int().nonnegative().nullable(),
  /** Null when the server's answer had no `doc_del_count`: unknown, never 0. */
  deletedCount: z.number().int().nonnegative().nullable(),
  /** The HTTP status of an answer the wizard could not read (state `unknown`). */
  httpStatus: z.number().int().nullable(),
})
export type CouchDatabaseFact = z.infer<typeof couchDatabaseFactSchema>

export const couchdbFactsSchema = z.object({
  endpoint: z.literal('couchdb'),
  vendor: z.enum(['couchdb', 'pouchdb-server']),
  /** The CouchDB version from `GET /`, or null when the server does not report one. */
  version: shortText.nullable(),
  /** The CHT version from `/api/v2/monitoring`; null where the address is a bare CouchDB. */
  chtVersion: shortText.nullable(),
  /** Who `/_session` says the credentials are; null when anonymous or not reported. */
  signedInAs: z.object({ name: shortText, admin: z.boolean() }).nullable(),
  anonymous: z.boolean(),
  databases: z.array(couchDatabaseFactSchema).max(20),
})
export type CouchdbFacts = z.infer<typeof couchdbFactsSchema>

/** What every PostgreSQL probe learns first about the server and the session. */
export const postgresServerFactSchema = z.object({
  /** `16.4`, from `server_version`. */
  version: shortText,
  database: shortText,
  user: shortText,
})
export type PostgresServerFact = z.infer<typeof postgresServerFactSchema>

export const tableFactSchema = z.object({
  name: shortText,
  /** The planner's estimate, or an exact count for a small table; null when unknown. */
  rows: z.number().int().nonnegative().nullable(),
  /** True when `rows` is an exact `count(*)`, false for the planner's estimate. */
  exact: z.boolean(),
})
export type TableFact = z.infer<typeof tableFactSchema>

/** Most progress rows kept per pipeline (a real couch2pg may serve several CHT instances). */
export const MAX_PROGRESS_SOURCES = 50

/**
 * One row of a pipeline's `couchdb_progress`: which CouchDB database it copies and how far it got.
 * The host in `source` is how the pipeline reaches CouchDB (`couchdb:5984/medic`, `couchdb/medic`),
 * rarely the wizard's address, so rows are matched to databases by `database` only.
 */
export const progressSourceSchema = z.object({
  /** `source` as the pipeline wrote it: `host:port/db` (couch2pg), `host/db` (CHT Sync). */
  source: lineText,
  /** The database it names (the last path segment); null when it names none (`default-source`). */
  database: shortText.nullable(),
  /**
   * The stored sequence, clipped to a short text: opaque (reference 6.3), never ordered or
   * subtracted; only its numeric prefix may be shown. Null when the row has none.
   */
  seq: shortText.nullable(),
  /**
   * CHT Sync's `pending` (changes left at its last read); null for couch2pg, before CHT Sync 1.0,
   * on a source's first row (`seq '0'`) and after a failed read.
   */
  pending: z.number().int().nonnegative().nullable().default(null),
  /** CHT Sync's `updated_at`; null for couch2pg and before CHT Sync 1.0. */
  updatedAt: isoDate.nullable().default(null),
})
export type ProgressSource = z.infer<typeof progressSourceSchema>

/** How couch2pg's release was known: from Postgrator's migration tables, or from its tables. */
export const RELEASE_SOURCES = ['migrations', 'tables'] as const

export const couch2pgFactsSchema = z.object({
  endpoint: z.literal('couch2pg'),
  server: postgresServerFactSchema,
  /** The schema holding couch2pg's `couchdb (doc jsonb)` table. */
  schema: shortText,
  /** The release, e.g. `3.7` or `3.6 or later`; null when nothing tells. */
  release: shortText.nullable(),
  /** Where `release` came from; null when unknown (and in results stored before it was kept). */
  releaseFrom: z.enum(RELEASE_SOURCES).nullable().default(null),
  /** The newest migration applied per Postgrator table; absent tables are not listed. */
  migrations: z.array(z.object({ table: shortText, latest: z.number().int().nullable() })).max(10),
  tables: z.array(tableFactSchema).max(20),
  progress: z.object({
    table: z.boolean(),
    /** `source` values of `couchdb_progress` (`host:port/db`), as couch2pg wrote them. */
    sources: z.array(lineText).max(MAX_PROGRESS_SOURCES),
    /** The same rows with their database and sequence (empty in results stored before). */
    bySource: z.array(progressSourceSchema).max(MAX_PROGRESS_SOURCES).default([]),
    /** True when the table holds more rows than `bySource` lists. */
    truncated: z.boolean().default(false),
  }),
})
export type Couch2pgFacts = z.infer<typeof couch2pgFactsSchema>

export const CHT_SYNC_ERAS = ['v2', 'v1', 'pre-1.0', 'logstash'] as const
export const chtSyncEraSchema = z.enum(CHT_SYNC_ERAS)
export type ChtSyncEra = z.infer<typeof chtSyncEraSchema>

export const chtSyncProgressFactSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('absent') }),
  z.object({ state: z.literal('unreadable') }),
  z.object({
    state: z.literal('read'),
    sources: z.number().int().nonnegative(),
    /** Sum of `pending` over the sources; null when the column is missing or all NULL. */
    pending: z.number().nonnegative().nullable(),
    updatedAt: isoDate.nullable(),
    /** True when the table has `pending` and `updated_at` (CHT Sync 1.0 and later). */
    monitoringColumns: z.boolean(),
    /** The rows, per source (at most 50; empty in results stored before they were kept). */
    bySource: z.array(progressSourceSchema).max(MAX_PROGRESS_SOURCES).default([]),
  }),
])
export type ChtSyncProgressFact = z.infer<typeof chtSyncProgressFactSchema>

/**
 * The raw table's rows split into live documents and `_deleted` stubs (CHT Sync keeps a stub per
 * deleted document, reference 2.4). Exact when counted; otherwise the row estimate times the
 * `_deleted` frequency of the column statistics (`pg_stats`).
 */
export const rawSplitSchema = z.object({
  live: z.number().int().nonnegative(),
  deleted: z.number().int().nonnegative(),
  exact: z.boolean(),
})
export type RawSplit = z.infer<typeof rawSplitSchema>

export const chtSyncFactsSchema = z.object({
  endpoint: z.literal('chtSync'),
  server: postgresServerFactSchema,
  schema: shortText,
  table: shortText,
  era: chtSyncEraSchema,
  rawRows: z.number().int().nonnegative().nullable(),
  rawRowsExact: z.boolean(),
  /**
   * Live rows and `_deleted` stubs; null when the era has no `_deleted` column, when neither a
   * count nor statistics tell, and in results stored before it was kept.
   */
  rawSplit: rawSplitSchema.nullable().default(null),
  progress: chtSyncProgressFactSchema,
  /** `_dataemon`'s shape: `v2` with `manifest` and `dbt_selector`; null when absent. */
  dataemon: z.enum(['v2', 'v1']).nullable(),
  /** cht-pipeline's version from `document_metadata`; null when no models exist yet. */
  pipeline: z.enum(['v2', 'v1']).nullable(),
  /** The latest dbt invocation in `dbt_results`; null when none is recorded or readable. */
  dbtLastRun: z
    .object({
      endedAt: isoDate.nullable(),
      results: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
    })
    .nullable(),
  /** CHT Sync writes into schema `public` of the couch2pg database (table names clash). */
  schemaClash: z.boolean(),
})
export type ChtSyncFacts = z.infer<typeof chtSyncFactsSchema>

export const endpointFactsSchema = z.discriminatedUnion('endpoint', [
  couchdbFactsSchema,
  couch2pgFactsSchema,
  chtSyncFactsSchema,
])
export type EndpointFacts = z.infer<typeof endpointFactsSchema>

export const connectionErrorSchema = z.object({
  kind: connectionErrorKindSchema,
  message: paragraphText,
  hint: paragraphText,
  /** What the server turned out to be when it was not what the profile expected. */
  looksLike: z.enum(['couch2pg', 'cht-sync', 'couchdb', 'postgresql', 'http']).nullable(),
})
export type ConnectionError = z.infer<typeof connectionErrorSchema>

/** A fact for people, as projects of schema 2 stored them (kept for migrated results only). */
export const legacyFactSchema = z.object({ label: shortText, value: paragraphText })

export const connectionDetailsSchema = z.object({
  kind: z.literal('connection'),
  endpoint: endpointIdSchema,
  ok: z.boolean(),
  durationMs: z.number().nonnegative(),
  /** `PostgreSQL 16.4`, `CouchDB 3.3.3`, `PouchDB Server (…)`; null when nothing answered. */
  serverLabel: shortText.nullable(),
  /** What the probes learnt; may be present on a failure too (learnt before it). */
  facts: endpointFactsSchema.nullable(),
  error: connectionErrorSchema.nullable(),
  /** Facts of a result migrated from a schema-2 project, as text; empty for new results. */
  legacyFacts: z.array(legacyFactSchema).max(50),
})
export type ConnectionDetails = z.infer<typeof connectionDetailsSchema>
