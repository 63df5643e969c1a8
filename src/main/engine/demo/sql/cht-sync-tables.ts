import pg from 'pg'
import { runInTransaction, type SqlClient } from './types'

/** Where CHT Sync writes: `POSTGRES_SCHEMA` and `POSTGRES_TABLE`. */
export interface ChtSyncTarget {
  schema: string
  table: string
}

/** CHT Sync's defaults (`env.template`): `v1.couchdb`. */
export const CHT_SYNC_DEFAULT_TARGET: ChtSyncTarget = { schema: 'v1', table: 'couchdb' }

/** The escaped names a statement needs: the schema, the raw table, and any relation in it. */
export function chtSyncNames(target: ChtSyncTarget) {
  const schema = pg.escapeIdentifier(target.schema)
  return {
    schema,
    raw: `${schema}.${pg.escapeIdentifier(target.table)}`,
    rel: (name: string) => `${schema}.${pg.escapeIdentifier(name)}`,
  }
}

/**
 * What CHT Sync v2 creates when its services start (reference 2.3): the schema; the raw table
 * (couch2pg service, `couch2pg/src/setup.js`) with its primary key; the progress table, whose name
 * is fixed whatever `POSTGRES_TABLE` is; and the dbt runner's `_dataemon` with the v2 `manifest`
 * and `dbt_selector` columns.
 */
export function chtSyncTablesSql(target: ChtSyncTarget): string[] {
  const { schema, raw, rel } = chtSyncNames(target)
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE IF NOT EXISTS ${raw} (
  saved_timestamp TIMESTAMP,
  _id VARCHAR PRIMARY KEY,
  _deleted BOOLEAN,
  source varchar,
  doc jsonb
)`,
    `CREATE TABLE IF NOT EXISTS ${rel('couchdb_progress')} (
  seq varchar,
  pending integer,
  updated_at timestamptz,
  source varchar PRIMARY KEY
)`,
    `CREATE TABLE IF NOT EXISTS ${rel('_dataemon')} (
  inserted_on TIMESTAMP DEFAULT NOW(),
  packages jsonb,
  manifest jsonb,
  dbt_selector text
)`,
  ]
}

/**
 * The raw table's secondary indexes, literally named `_deleted`, `saved_timestamp` and `source`.
 * CHT Sync creates them `CONCURRENTLY`; the demo does not, because nobody else is writing during
 * its load and a plain build is faster. The resulting indexes are the same.
 */
export function chtSyncIndexesSql(target: ChtSyncTarget): string[] {
  const { raw } = chtSyncNames(target)
  return ['_deleted', 'saved_timestamp', 'source'].map(
    (column) => `CREATE INDEX IF NOT EXISTS ${column} ON ${raw} (${column})`,
  )
}

/**
 * Creates the CHT Sync v2 schema, raw table, `couchdb_progress` and `_dataemon`, as the couch2pg
 * service and the dbt runner do at start. Run it before bulk-loading the raw table, then
 * `installChtSyncIndexes` and `buildChtSyncModels`. Idempotent.
 */
export async function installChtSyncTables(
  client: SqlClient,
  target: ChtSyncTarget = CHT_SYNC_DEFAULT_TARGET,
): Promise<void> {
  await runInTransaction(client, chtSyncTablesSql(target))
}

/** Creates the raw table's `_deleted`, `saved_timestamp` and `source` indexes, after the load. */
export async function installChtSyncIndexes(
  client: SqlClient,
  target: ChtSyncTarget = CHT_SYNC_DEFAULT_TARGET,
): Promise<void> {
  await runInTransaction(client, chtSyncIndexesSql(target))
}
