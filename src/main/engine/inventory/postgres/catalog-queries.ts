/**
 * The catalog statements of the couch2pg inventory: plain reads of `pg_catalog` and the statistics
 * views, each bounded (`LIMIT`), every definition clipped on the server (`left(…)`), run inside one
 * read-only transaction. Objects that belong to an extension are left out (the extension itself is
 * listed); so are the system schemas.
 */

/** Most objects of one kind read; one more than this marks the inventory as cut short. */
export const OBJECT_LIMIT = 20_000
/** Longest definition kept, in characters (the stored bound). */
export const DEFINITION_LIMIT = 100_000

const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`

const notExtensionMember = (catalog: string, column: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass
     AND e.objid = ${column} AND e.deptype = 'e')`

export const SERVER_SQL = `SELECT current_setting('server_version') AS version,
  current_setting('server_version_num')::int AS version_num, current_database() AS database,
  current_setting('track_functions') AS track_functions,
  (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()) AS stats_reset`

export const RELATIONS_SQL = `SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name,
  c.relkind::text AS relkind, pg_get_userbyid(c.relowner) AS owner,
  CASE WHEN c.relkind IN ('r', 'p', 'm') THEN pg_total_relation_size(c.oid) END::float8 AS bytes,
  c.reltuples::float8 AS reltuples, c.relispopulated AS populated,
  has_schema_privilege(n.oid, 'USAGE') AS schema_usage,
  has_table_privilege(c.oid, 'SELECT') AS can_select,
  CASE WHEN c.relkind IN ('v', 'm') THEN left(pg_get_viewdef(c.oid), ${DEFINITION_LIMIT + 1}) END
    AS definition
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_SCHEMA}
  AND ${notExtensionMember('pg_class', 'c.oid')}
ORDER BY n.nspname, c.relname
LIMIT ${OBJECT_LIMIT + 1}`

export const COLUMNS_SQL = `SELECT a.attrelid::text AS oid, a.attname AS name,
  format_type(a.atttypid, a.atttypmod) AS type
FROM pg_attribute a
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
LIMIT 400000`

export const INDEXES_SQL = `SELECT i.indexrelid::text AS oid, n.nspname AS schema, c.relname AS name,
  i.indrelid::text AS table_oid, i.indisunique AS is_unique, i.indpred IS NOT NULL AS partial,
  pg_get_userbyid(c.relowner) AS owner, pg_relation_size(c.oid)::float8 AS bytes,
  left(pg_get_indexdef(i.indexrelid), 10001) AS definition,
  ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts) k
         ORDER BY k) AS keys
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE i.indrelid = ANY($1::oid[])
ORDER BY n.nspname, c.relname
LIMIT ${OBJECT_LIMIT + 1}`

/** `prokind` arrived in PostgreSQL 11; before it aggregates and window functions had flags. */
const prokind = (versionNum: number) =>
  versionNum >= 110000
    ? 'p.prokind::text'
    : `CASE WHEN p.proisagg THEN 'a' WHEN p.proiswindow THEN 'w' ELSE 'f' END`

export const functionsSql = (versionNum: number) => `SELECT * FROM (
SELECT p.oid::text AS oid, n.nspname AS schema, p.proname AS name, ${prokind(versionNum)} AS prokind,
  pg_get_userbyid(p.proowner) AS owner, l.lanname AS language,
  pg_get_function_identity_arguments(p.oid) AS args,
  has_function_privilege(p.oid, 'EXECUTE') AS can_execute,
  has_schema_privilege(n.oid, 'USAGE') AS schema_usage
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_language l ON l.oid = p.prolang
WHERE ${USER_SCHEMA} AND ${notExtensionMember('pg_proc', 'p.oid')}) f
WHERE f.prokind <> 'a'
ORDER BY f.schema, f.name, f.args
LIMIT ${OBJECT_LIMIT + 1}`

/** Definitions apart: `pg_get_functiondef` is the costly part and is read only for kept oids. */
export const FUNCTION_DEFS_SQL = `SELECT p.oid::text AS oid,
  left(pg_get_functiondef(p.oid), ${DEFINITION_LIMIT + 1}) AS definition
FROM pg_proc p WHERE p.oid = ANY($1::oid[])`

export const FUNCTION_COLUMNS_SQL = `SELECT p.oid::text AS oid, a.name, format_type(a.type, NULL) AS type
FROM pg_proc p,
  unnest(p.proargnames, p.proallargtypes::oid[], p.proargmodes::text[])
    WITH ORDINALITY AS a(name, type, mode, ord)
WHERE p.oid = ANY($1::oid[]) AND a.mode IN ('t', 'o')
ORDER BY p.oid, a.ord
LIMIT 400000`

export const TRIGGERS_SQL = `SELECT t.oid::text AS oid, t.tgname AS name, t.tgrelid::text AS table_oid,
  t.tgfoid::text AS function_oid, left(pg_get_triggerdef(t.oid), 10001) AS definition
FROM pg_trigger t
WHERE NOT t.tgisinternal AND t.tgrelid = ANY($1::oid[])
ORDER BY t.tgname
LIMIT ${OBJECT_LIMIT + 1}`

/** Sequences owned by a column (`serial`, identity): the sequence depends on its table. */
export const SEQUENCE_OWNERS_SQL = `SELECT d.objid::text AS oid, d.refobjid::text AS table_oid
FROM pg_depend d
WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
  AND d.deptype IN ('a', 'i') AND d.objid = ANY($1::oid[])`

export const EXTENSIONS_SQL = `SELECT e.oid::text AS oid, e.extname AS name, e.extversion AS version,
  n.nspname AS schema, pg_get_userbyid(e.extowner) AS owner
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE n.nspname <> 'pg_catalog'
ORDER BY e.extname
LIMIT 1000`

/**
 * What views and materialized views read (through their rewrite rule) and what SQL-standard
 * function bodies (`BEGIN ATOMIC`, PostgreSQL 14+) read: relations and functions, by oid.
 */
export const DEPENDENCIES_SQL = `SELECT DISTINCT 'c:' || r.ev_class::text AS oid, d.refobjid::text AS ref,
  (d.refclassid = 'pg_proc'::regclass) AS is_function
FROM pg_depend d JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
WHERE d.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass)
  AND d.refobjid <> r.ev_class AND r.ev_class = ANY($1::oid[])
UNION
SELECT DISTINCT 'p:' || d.objid::text, d.refobjid::text, (d.refclassid = 'pg_proc'::regclass)
FROM pg_depend d
WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'n'
  AND d.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass) AND d.objid = ANY($2::oid[])
LIMIT 400000`

export const TABLE_STATS_SQL = `SELECT relid::text AS oid, seq_scan::float8 AS seq_scan,
  idx_scan::float8 AS idx_scan,
  GREATEST(last_vacuum, last_autovacuum) AS last_vacuum,
  GREATEST(last_analyze, last_autoanalyze) AS last_analyze
FROM pg_stat_user_tables
LIMIT ${OBJECT_LIMIT + 1}`

export const INDEX_STATS_SQL = `SELECT indexrelid::text AS oid, idx_scan::float8 AS idx_scan
FROM pg_stat_user_indexes
LIMIT ${OBJECT_LIMIT + 1}`

export const FUNCTION_STATS_SQL = `SELECT funcid::text AS oid, calls::float8 AS calls
FROM pg_stat_user_functions
LIMIT ${OBJECT_LIMIT + 1}`

/** Most `pg_stat_statements` entries read, the most called first. */
export const STATEMENT_LIMIT = 5_000

/** `schema` is quoted by the caller (`quoteIdent`). */
export const statementsSql = (schema: string) => `SELECT left(s.query, 20000) AS query,
  s.calls::float8 AS calls
FROM ${schema}.pg_stat_statements s
WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
ORDER BY s.calls DESC
LIMIT ${STATEMENT_LIMIT}`
