import {
  CHT_SYNC_DEFAULT_SCHEMA,
  CHT_SYNC_DEFAULT_TABLE,
  postgresTarget,
} from '../connection-targets'
import { quoteIdent } from '../sql/quote'
import { commandContext, type CommandContext } from './command-context'
import type { CommandBlock, CommandSource } from './command-types'

/**
 * Read-only SQL on the CHT Sync database that shows it is running: the progress rows per
 * database (`couchdb_progress`: `pending`, `updated_at`), the raw table's live rows and newest
 * write, how far dbt's models trail it (`document_metadata`, Watchdog's `dbt_latency`), and the
 * latest dbt run (`dbt_results`) — the same measures as the setup and production checks.
 */

/** `"schema"."name"`. */
export const qualifiedName = (schema: string, name: string): string =>
  `${quoteIdent(schema)}.${quoteIdent(name)}`

/** The raw table and schema the SQL names, from the connection or CHT Sync's defaults. */
export function chtSyncNames(ctx: CommandContext) {
  const schema = ctx.chtSync?.schema ?? CHT_SYNC_DEFAULT_SCHEMA
  const table = ctx.chtSync?.table ?? CHT_SYNC_DEFAULT_TABLE
  return {
    schema,
    raw: qualifiedName(schema, table),
    progress: qualifiedName(schema, 'couchdb_progress'),
    metadata: qualifiedName(schema, 'document_metadata'),
    results: qualifiedName(schema, 'dbt_results'),
  }
}

/** Where a CHT Sync statement runs, and what is missing to know it. */
export function onChtSync(ctx: CommandContext): { where: string; missing: string[] } {
  if (!ctx.chtSync) {
    return {
      where: 'Run on the CHT Sync database in psql or pgAdmin.',
      missing: [
        `No CHT Sync connection yet: the SQL names CHT Sync’s default schema and table (${CHT_SYNC_DEFAULT_SCHEMA}.${CHT_SYNC_DEFAULT_TABLE}).`,
      ],
    }
  }
  return {
    where: `Run on the CHT Sync database (${postgresTarget(ctx.chtSync)}) in psql or pgAdmin.`,
    missing: [],
  }
}

/**
 * True unless the raw table is known to predate CHT Sync 2, which added its `source` column
 * (an untested table is assumed current).
 */
export const hasSourceColumn = (ctx: CommandContext): boolean =>
  ctx.chtSyncEra === null || ctx.chtSyncEra === 'v2'

/** The progress per database and the raw table's live rows and newest write. */
export function syncProgressSql(ctx: CommandContext): string {
  const n = chtSyncNames(ctx)
  const bySource = hasSourceColumn(ctx)
  return [
    '-- Per CouchDB database: updated_at under a minute old and pending near 0 mean it keeps up.',
    'SELECT source, pending, updated_at, now() - updated_at AS since_update',
    `  FROM ${n.progress}`,
    ' ORDER BY source;',
    '',
    bySource
      ? '-- Live rows and deletion stubs per database, and the newest write.'
      : '-- Live rows and deletion stubs, and the newest write (this table has no source column).',
    bySource ? 'SELECT source,' : 'SELECT',
    '       count(*) FILTER (WHERE _deleted IS NOT TRUE) AS live_rows,',
    '       count(*) FILTER (WHERE _deleted) AS deleted_rows,',
    '       max(saved_timestamp) AS newest_write',
    `  FROM ${n.raw}${bySource ? '' : ';'}`,
    ...(bySource ? [' GROUP BY source', ' ORDER BY source;'] : []),
  ].join('\n')
}

/** dbt's lag behind the raw table and the results of its latest run. */
export function dbtFreshnessSql(ctx: CommandContext): string {
  const n = chtSyncNames(ctx)
  return [
    '-- How far the models trail the raw table (Watchdog’s dbt_latency).',
    `SELECT (SELECT max(saved_timestamp) FROM ${n.raw})`,
    `     - (SELECT max(saved_timestamp) FROM ${n.metadata}) AS dbt_latency;`,
    '',
    '-- The latest dbt run, failures first.',
    'SELECT name, status, execution_time, rows_affected, start_time',
    `  FROM ${n.results}`,
    ` WHERE invocation_id = (SELECT invocation_id FROM ${n.results}`,
    '                        WHERE start_time IS NOT NULL',
    '                        ORDER BY start_time DESC LIMIT 1)',
    " ORDER BY lower(coalesce(status, '')) IN ('success', 'pass'), name;",
  ].join('\n')
}

/** The block of `syncProgressSql`. */
export function syncProgressBlock(source: CommandSource): CommandBlock {
  const ctx = commandContext(source)
  const on = onChtSync(ctx)
  return {
    id: 'sync-progress-sql',
    title: 'Is data arriving?',
    language: 'sql',
    purpose: `Shows each database’s progress and the rows copied so far. ${on.where}`,
    text: syncProgressSql(ctx),
    missing: on.missing,
  }
}

/** The block of `dbtFreshnessSql`. */
export function dbtFreshnessBlock(source: CommandSource): CommandBlock {
  const ctx = commandContext(source)
  const on = onChtSync(ctx)
  return {
    id: 'dbt-freshness-sql',
    title: 'Are the models up to date?',
    language: 'sql',
    purpose: `Shows how far dbt trails the raw table and how its latest run went. ${on.where}`,
    text: dbtFreshnessSql(ctx),
    missing: on.missing,
  }
}

/** The database's size and how much of CouchDB is copied, for the tenfold estimate. */
export function sizingBlock(source: CommandSource): CommandBlock {
  const ctx = commandContext(source)
  const on = onChtSync(ctx)
  const n = chtSyncNames(ctx)
  return {
    id: 'sizing-sql',
    title: 'Size of the database so far',
    language: 'sql',
    purpose: `Gives the database’s size and the share of CouchDB copied so far: divide the size by the share for the full estimate. ${on.where}`,
    text: [
      'SELECT pg_size_pretty(pg_database_size(current_database())) AS database_size;',
      '',
      '-- Percentage copied: rows so far against rows plus the changes still pending.',
      'SELECT round(100.0 * count(*)',
      `       / nullif(count(*) + (SELECT coalesce(sum(pending), 0) FROM ${n.progress}), 0), 1)`,
      '       AS percent_synced',
      `  FROM ${n.raw};`,
    ].join('\n'),
    missing: on.missing,
  }
}
