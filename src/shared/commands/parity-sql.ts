import { postgresTarget } from '../connection-targets'
import { quoteIdent, quoteLiteral } from '../sql/quote'
import type { CommandContext } from './command-context'
import { chtSyncNames, hasSourceColumn, qualifiedName } from './sync-sql'

/**
 * The parity step's comparisons as read-only SQL an implementer runs in psql or pgAdmin: the
 * same tables, columns and rules as the engine's document parity (src/main/engine/parity:
 * couch2pg's `doc->>'_id'`, CHT Sync's `_id` and `_deleted`, counts of live documents by type,
 * form and UTC month of `reported_date`), one statement per side, so that each side runs where
 * its database is and the two results are set side by side.
 */

/** The couch2pg tables and the CouchDB databases each holds (reference 1.4). */
export const COUCH2PG_TABLE_DATABASES: Record<string, string[]> = {
  couchdb: ['medic', 'medic-sentinel'],
  couchdb_users_meta: ['medic-users-meta'],
  couchdb_medic_logs: ['medic-logs'],
  couchdb_medic_users: ['_users'],
}

/** Milliseconds of 3000-01-01: a later `reported_date` is not a date (as the engine reads it). */
const LATEST_MS = 32_503_680_000_000

/** The UTC month of `reported_date`, or null when it is not a number of milliseconds. */
export const MONTH_SQL =
  `CASE WHEN jsonb_typeof(doc->'reported_date') = 'number'` +
  ` AND (doc->>'reported_date')::numeric BETWEEN 0 AND ${LATEST_MS}` +
  ` THEN to_char(to_timestamp((doc->>'reported_date')::numeric / 1000) AT TIME ZONE 'UTC', 'YYYY-MM') END`

/** A couch2pg table, qualified when the connection test found its schema. */
export function couch2pgTable(ctx: CommandContext, table: string): string {
  const schema = ctx.couch2pgTables?.schema
  return schema ? qualifiedName(schema, table) : quoteIdent(table)
}

/** The couch2pg tables to count: those the test found, else the main one. */
export function couch2pgTablesOf(ctx: CommandContext): string[] {
  const found = (ctx.couch2pgTables?.tables ?? []).filter((t) => t in COUCH2PG_TABLE_DATABASES)
  return found.length > 0 ? found : ['couchdb']
}

/** Where each side runs, with what is missing to know it. */
export function sides(ctx: CommandContext) {
  const missing: string[] = []
  if (!ctx.couch2pg)
    missing.push('No couch2pg connection yet: run its part on the couch2pg database.')
  else if (!ctx.couch2pgTables) {
    missing.push(
      'The couch2pg connection is not tested yet: its tables are named without a schema (couch2pg writes in the default one).',
    )
  }
  if (!ctx.chtSync)
    missing.push('No CHT Sync connection yet: its part names the default v1.couchdb.')
  return {
    old: ctx.couch2pg
      ? `the couch2pg database (${postgresTarget(ctx.couch2pg)})`
      : 'the couch2pg database',
    new: ctx.chtSync
      ? `the CHT Sync database (${postgresTarget(ctx.chtSync)})`
      : 'the CHT Sync database',
    missing,
  }
}

/** CHT Sync's live rows of the databases couch2pg keeps in `couchdb` (medic and its sentinel). */
export function chtSyncLiveWhere(ctx: CommandContext, databases: string[]): string {
  const live = '_deleted IS NOT TRUE'
  if (!hasSourceColumn(ctx)) return live
  return `${live} AND split_part(source, '/', 2) IN (${databases.map(quoteLiteral).join(', ')})`
}

/** Rows per couch2pg table. */
export function couch2pgCountsSql(ctx: CommandContext): string {
  const branches = couch2pgTablesOf(ctx).map(
    (t) =>
      `SELECT ${quoteLiteral(t)} AS couch2pg_table, count(*) AS live_rows FROM ${couch2pgTable(ctx, t)}`,
  )
  const legend = couch2pgTablesOf(ctx).map(
    (t) => `--   ${t}: ${COUCH2PG_TABLE_DATABASES[t]!.join(' + ')}`,
  )
  return [
    '-- couch2pg: rows per table (it deletes the row of a deleted document). Databases per table:',
    ...legend,
    branches.join('\nUNION ALL\n') + ';',
  ].join('\n')
}

/** Live rows per CouchDB database in the raw table. */
export function chtSyncCountsSql(ctx: CommandContext): string {
  const n = chtSyncNames(ctx)
  if (!hasSourceColumn(ctx)) {
    return [
      '-- CHT Sync: live rows (this raw table predates the source column: one total).',
      `SELECT count(*) AS live_rows FROM ${n.raw} WHERE _deleted IS NOT TRUE;`,
    ].join('\n')
  }
  return [
    '-- CHT Sync: live rows per CouchDB database (deletion stubs left out).',
    "SELECT split_part(source, '/', 2) AS couchdb_database, count(*) AS live_rows",
    `  FROM ${n.raw}`,
    ' WHERE _deleted IS NOT TRUE',
    ' GROUP BY 1',
    ' ORDER BY 1;',
  ].join('\n')
}

/** Live documents by type, on each side, for medic and medic-sentinel. */
export function byTypeSql(ctx: CommandContext): { old: string; new: string } {
  const select = "SELECT doc->>'type' AS type, count(*) AS documents"
  const tail = ' GROUP BY 1\n ORDER BY 2 DESC, 1;'
  return {
    old: `${select}\n  FROM ${couch2pgTable(ctx, 'couchdb')}\n${tail}`,
    new: `${select}\n  FROM ${chtSyncNames(ctx).raw}\n WHERE ${chtSyncLiveWhere(ctx, COUCH2PG_TABLE_DATABASES.couchdb!)}\n${tail}`,
  }
}

/** Reports by form and UTC month, on each side. */
export function byFormMonthSql(ctx: CommandContext): { old: string; new: string } {
  const select = `SELECT doc->>'form' AS form,\n       ${MONTH_SQL} AS month,\n       count(*) AS reports`
  const report = "doc->>'type' = 'data_record'"
  const tail = ' GROUP BY 1, 2\n ORDER BY 1, 2;'
  return {
    old: `${select}\n  FROM ${couch2pgTable(ctx, 'couchdb')}\n WHERE ${report}\n${tail}`,
    new: `${select}\n  FROM ${chtSyncNames(ctx).raw}\n WHERE ${report} AND ${chtSyncLiveWhere(ctx, COUCH2PG_TABLE_DATABASES.couchdb!)}\n${tail}`,
  }
}

/**
 * The base models against couch2pg's views (reference 7): reports per form and month
 * (`form_metadata` vs `data_record`), contacts per type (`contactview_metadata` vs `contact`).
 */
export function modelCountsSql(ctx: CommandContext): { old: string; new: string } {
  const n = chtSyncNames(ctx)
  const model = (name: string) => qualifiedName(n.schema, name)
  return {
    old: [
      "SELECT formname AS form, to_char(reported, 'YYYY-MM') AS month, count(*) AS reports",
      `  FROM ${couch2pgTable(ctx, 'form_metadata')}`,
      ' GROUP BY 1, 2 ORDER BY 1, 2;',
      '',
      'SELECT coalesce(contact_type, type) AS contact_type, count(*) AS contacts',
      `  FROM ${couch2pgTable(ctx, 'contactview_metadata')}`,
      ' GROUP BY 1 ORDER BY 1;',
    ].join('\n'),
    new: [
      "SELECT form, to_char(reported AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*) AS reports",
      `  FROM ${model('data_record')}`,
      ' GROUP BY 1, 2 ORDER BY 1, 2;',
      '',
      'SELECT contact_type, count(*) AS contacts',
      `  FROM ${model('contact')}`,
      ' GROUP BY 1 ORDER BY 1;',
    ].join('\n'),
  }
}

/** The ids of medic and medic-sentinel on each side, one per line, for a set difference. */
export function idListSql(ctx: CommandContext): { old: string; new: string } {
  return {
    old: `SELECT doc->>'_id' FROM ${couch2pgTable(ctx, 'couchdb')};`,
    new: `SELECT _id FROM ${chtSyncNames(ctx).raw} WHERE ${chtSyncLiveWhere(ctx, COUCH2PG_TABLE_DATABASES.couchdb!)};`,
  }
}

/** Both id differences in one query, for couch2pg and CHT Sync in the same database. */
export function missingIdsOneDatabaseSql(ctx: CommandContext): string {
  const ids = idListSql(ctx)
  const strip = (s: string) => s.replace(/;$/, '')
  return [
    "SELECT 'only in couch2pg' AS side, id FROM (",
    `  ${strip(ids.old)}`,
    '  EXCEPT',
    `  ${strip(ids.new)}`,
    ') AS o(id)',
    'UNION ALL',
    "SELECT 'only in CHT Sync', id FROM (",
    `  ${strip(ids.new)}`,
    '  EXCEPT',
    `  ${strip(ids.old)}`,
    ') AS n(id)',
    'ORDER BY 1, 2',
    'LIMIT 200;',
  ].join('\n')
}

/** The deletion stubs CHT Sync keeps, per database (couch2pg has no row for them). */
export function deletedStubsSql(ctx: CommandContext): string {
  const n = chtSyncNames(ctx)
  const bySource = hasSourceColumn(ctx)
  return [
    '-- Deletion stubs: rows CHT Sync keeps for deleted documents. Leave them out of every count.',
    bySource
      ? "SELECT split_part(source, '/', 2) AS couchdb_database, count(*) AS deleted_rows"
      : 'SELECT count(*) AS deleted_rows',
    `  FROM ${n.raw}`,
    ` WHERE _deleted${bySource ? '\n GROUP BY 1\n ORDER BY 1' : ''};`,
  ].join('\n')
}

/** Each pipeline's checkpoints: couch2pg's stored seq, CHT Sync's pending changes. */
export function lagSql(ctx: CommandContext): { old: string; new: string } {
  const n = chtSyncNames(ctx)
  return {
    old: [
      '-- couch2pg: where it stands per database (source is host:port/db; seq is opaque).',
      "SELECT source, split_part(seq, '-', 1) AS seq_number",
      `  FROM ${couch2pgTable(ctx, 'couchdb_progress')}`,
      ' ORDER BY source;',
    ].join('\n'),
    new: [
      '-- CHT Sync: changes still to copy per database (source is host/db).',
      "SELECT source, split_part(seq, '-', 1) AS seq_number, pending, updated_at",
      `  FROM ${n.progress}`,
      ' ORDER BY source;',
    ].join('\n'),
  }
}
