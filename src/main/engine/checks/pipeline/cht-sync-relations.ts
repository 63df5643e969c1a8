import { AppError } from '../../../../shared/result'
import { findRelations, relationIn, type Relation } from '../../db/catalog'
import type { ReadTx } from '../../db/read-transaction'
import type { CheckContext } from '../check-types'

/**
 * What the CHT Sync database holds in the profile's schema (reference 2.3, 3.2): the raw table,
 * the progress table, dbt's `_dataemon`, cht-pipeline's base models and `dbt_results`, and any
 * table of the Logstash era (one per CouchDB database, with `@timestamp` and `_rev`). Read from
 * the catalog once per run and shared by the pipeline checks.
 */

/** cht-pipeline's base models (v2.0.0, reference 3.2), in the order the reference lists them. */
export const BASE_MODELS = [
  'document_metadata',
  'contact',
  'contact_type',
  'person',
  'place',
  'patient',
  'data_record',
  'user',
  'feedback',
  'telemetry',
  'telemetry_devices',
] as const

/** The CHT Sync connection's schema and raw table (`POSTGRES_SCHEMA`, `POSTGRES_TABLE`). */
export interface ChtSyncTarget {
  schema: string
  table: string
}

export interface ChtSyncRelations extends ChtSyncTarget {
  raw: Relation | undefined
  progress: Relation | undefined
  dataemon: Relation | undefined
  metadata: Relation | undefined
  results: Relation | undefined
  /** The base models present, in `BASE_MODELS` order. */
  models: Relation[]
  /** Tables of the schema with Logstash-era columns (`@timestamp` or `_rev`), the raw table aside. */
  logstash: Relation[]
  /** Tables named like the raw table in other schemas (looked for only when it is missing). */
  elsewhere: Relation[]
}

/** The profile's schema and table; throws when the CHT Sync connection is not set. */
export function chtSyncTarget(ctx: CheckContext): ChtSyncTarget {
  const profile = ctx.document.connections.chtSync
  if (!profile) {
    throw new AppError('BAD_REQUEST', 'Set the CHT Sync connection first (Connections page).')
  }
  return { schema: profile.schema, table: profile.table }
}

/** Names of the tables in `schema` with a column of the Logstash era, at most 50. */
async function logstashNames(tx: ReadTx, schema: string): Promise<string[]> {
  const { rows } = await tx.query<{ name: string }>(
    `SELECT c.relname::text AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND EXISTS (SELECT 1 FROM pg_attribute a
                     WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                       AND a.attname IN ('@timestamp', '_rev'))
      ORDER BY 1
      LIMIT 50`,
    [schema],
  )
  return rows.map((r) => String(r.name))
}

/** Reads what the schema holds (see `ChtSyncRelations`), in the caller's transaction. */
export async function readChtSyncRelations(
  tx: ReadTx,
  target: ChtSyncTarget,
): Promise<ChtSyncRelations> {
  const { schema, table } = target
  const logstash = (await logstashNames(tx, schema)).filter((n) => n !== table)
  const names = [
    table,
    'couchdb_progress',
    '_dataemon',
    'dbt_results',
    ...BASE_MODELS,
    ...logstash.slice(0, 50),
  ]
  const found = await findRelations(tx, [...new Set(names)], schema)
  const raw = relationIn(found, schema, table)
  const elsewhere = raw
    ? []
    : (await findRelations(tx, [table], null)).filter((r) => r.schema !== schema)
  return {
    schema,
    table,
    raw,
    progress: relationIn(found, schema, 'couchdb_progress'),
    dataemon: relationIn(found, schema, '_dataemon'),
    metadata: relationIn(found, schema, 'document_metadata'),
    results: relationIn(found, schema, 'dbt_results'),
    models: BASE_MODELS.flatMap((m) => relationIn(found, schema, m) ?? []),
    logstash: logstash.flatMap((n) => relationIn(found, schema, n) ?? []),
    elsewhere,
  }
}

/** `readChtSyncRelations` once per run (the checks of a run share it). */
export function chtSyncRelations(ctx: CheckContext): Promise<ChtSyncRelations> {
  const target = chtSyncTarget(ctx)
  return ctx.memo(`pipeline.relations:${target.schema}.${target.table}`, () =>
    ctx.read('chtSync', (tx) => readChtSyncRelations(tx, target)),
  )
}

/** True when the relation exists and this session may read it. */
export const readable = (r: Relation | undefined): r is Relation =>
  r !== undefined && r.canSelect && r.schemaUsage
