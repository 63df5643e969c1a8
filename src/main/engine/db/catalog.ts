import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import { qualified } from './identifiers'
import type { ReadTx } from './read-transaction'

/** What the catalog says about the server and this session. */
export interface ServerInfo {
  /** `PostgreSQL 16.4` */
  label: string
  version: string
  database: string
  user: string
  /** `current_schema()`: where unqualified names go, couch2pg's "default schema". */
  schema: string | null
  /** `transaction_read_only` as the server reports it inside the gate's transaction. */
  readOnly: boolean
}

/** One table, view or materialised view, read from the catalog (no SELECT on it needed). */
export interface Relation {
  schema: string
  name: string
  /** `r` table, `p` partitioned table, `v` view, `m` materialised view, `f` foreign table. */
  kind: string
  columns: string[]
  /**
   * The planner's row estimate (`reltuples`); null when PostgreSQL 14 or later says the table was
   * never analysed (-1). PostgreSQL 13 and older say 0 for that, so 0 may mean "unknown" too.
   */
  estimatedRows: number | null
  /** The statistics collector's live-row count (`n_live_tup`), kept without ANALYZE; else null. */
  liveTuples: number | null
  /** `pg_relation_size`: the main fork's size on disk (of its partitions, for a partitioned table). */
  bytes: number
  schemaUsage: boolean
  canSelect: boolean
}

const short = (text: string) => clipText(text, TEXT_LIMITS.short)

/**
 * Identifies the server and the session. Every string is clipped to the stored bounds: a hostile
 * server may answer a version of megabytes.
 */
export async function serverInfo(tx: ReadTx): Promise<ServerInfo> {
  const { rows } = await tx.query<{
    version: string
    database: string
    user: string
    schema: string | null
    read_only: string
  }>(
    `SELECT current_setting('server_version') AS version, current_database() AS database,
            current_user AS "user", current_schema() AS schema,
            current_setting('transaction_read_only') AS read_only`,
  )
  const row = rows[0]
  if (!row) throw new Error('the server did not describe itself')
  const version = short(String(row.version).split(' ')[0] ?? '')
  return {
    label: short(`PostgreSQL ${version}`),
    version,
    database: short(String(row.database)),
    user: short(String(row.user)),
    schema: row.schema === null ? null : short(String(row.schema)),
    readOnly: row.read_only === 'on',
  }
}

/**
 * Finds relations by name, in one schema or in every non-system schema, from `pg_class` and
 * `pg_attribute` (readable by every role), with the session user's privileges on each, so that a
 * missing grant is reported as such rather than as a missing table. Names travel as parameters.
 */
export async function findRelations(
  tx: ReadTx,
  names: readonly string[],
  schema: string | null,
): Promise<Relation[]> {
  const { rows } = await tx.query<{
    schema: string
    name: string
    kind: string
    columns: string[]
    reltuples: number
    live_tuples: string | null
    bytes: string
    schema_usage: boolean
    can_select: boolean
  }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
            ARRAY(SELECT a.attname::text FROM pg_attribute a
                  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                  ORDER BY a.attnum) AS columns,
            c.reltuples::float8 AS reltuples,
            (SELECT s.n_live_tup FROM pg_stat_all_tables s WHERE s.relid = c.oid)::text
              AS live_tuples,
            (CASE WHEN c.relkind = 'p'
                  THEN (SELECT coalesce(sum(pg_relation_size(i.inhrelid)), 0) FROM pg_inherits i
                         WHERE i.inhparent = c.oid)
                  ELSE pg_relation_size(c.oid) END)::text AS bytes,
            has_schema_privilege(n.oid, 'USAGE') AS schema_usage,
            has_table_privilege(c.oid, 'SELECT') AS can_select
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = ANY($1::text[])
        AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND ($2::text IS NULL OR n.nspname = $2::text)
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY n.nspname, c.relname
      LIMIT 200`,
    [names, schema],
  )
  return rows.map((r) => ({
    schema: r.schema,
    name: r.name,
    kind: r.kind,
    columns: r.columns,
    estimatedRows: r.reltuples < 0 ? null : Math.round(r.reltuples),
    liveTuples: countOrNull(r.live_tuples),
    bytes: Number(r.bytes) || 0,
    schemaUsage: r.schema_usage,
    canSelect: r.can_select,
  }))
}

const countOrNull = (text: string | null): number | null => {
  const n = text === null ? NaN : Number(text)
  return Number.isSafeInteger(n) && n >= 0 ? n : null
}

/** The relation called `name` in `schema`, if it was found. */
export const relationIn = (relations: Relation[], schema: string, name: string) =>
  relations.find((r) => r.schema === schema && r.name === name)

/** True when the relation has every one of the columns. */
export const hasColumns = (relation: Relation | undefined, ...columns: string[]): boolean =>
  relation !== undefined && columns.every((c) => relation.columns.includes(c))

/** Below this planner estimate a table is counted exactly (`count(*)` is quick). */
export const EXACT_COUNT_BELOW = 100_000
/**
 * A table larger than this on disk is never counted in a probe, whatever the planner says: its
 * `count(*)` could outlast the probe's statement timeout. (100,000 small rows take a few MB.)
 */
export const EXACT_COUNT_MAX_BYTES = 256 * 1024 * 1024

/** A relation's row count: exact, or an estimate, or unknown (null). */
export interface RowCount {
  rows: number | null
  exact: boolean
}

/**
 * True when a probe may count the relation exactly: a readable table or materialised view, not
 * large on disk, that the planner estimates small or knows nothing about. An estimate of 0 counts
 * as small: PostgreSQL 13 and older say 0 for a table never analysed, and a table analysed while
 * empty says 0 until the next ANALYZE, however many rows it holds since.
 */
export const isCountable = (r: Relation): boolean =>
  r.canSelect &&
  r.schemaUsage &&
  ['r', 'p', 'm'].includes(r.kind) &&
  r.bytes <= EXACT_COUNT_MAX_BYTES &&
  (r.estimatedRows === null || r.estimatedRows < EXACT_COUNT_BELOW)

/**
 * The best estimate of a relation not counted: the planner's when it is above 0, else the
 * statistics collector's live rows, else 0 for a relation with no pages at all; null (unknown)
 * rather than a 0 that may be wrong.
 */
export function estimateRows(r: Relation): number | null {
  if (r.estimatedRows !== null && r.estimatedRows > 0) return r.estimatedRows
  if (r.liveTuples !== null && r.liveTuples > 0) return r.liveTuples
  if (r.bytes === 0 && ['r', 'p', 'm'].includes(r.kind)) return 0
  return null
}

/**
 * Row counts of relations, in their order: exact `count(*)` for small tables and for tables the
 * planner knows nothing about (see `isCountable`), in one statement; an estimate for the rest
 * (`estimateRows`), never a full count of a large table in a probe.
 */
export async function rowCounts(tx: ReadTx, relations: Relation[]): Promise<RowCount[]> {
  const counted = relations.filter(isCountable)
  const exact = new Map<Relation, number>()
  if (counted.length > 0) {
    const columns = counted.map(
      (r, i) => `(SELECT count(*) FROM ${qualified(r.schema, r.name)})::text AS c${i}`,
    )
    const { rows } = await tx.query<Record<string, string>>(`SELECT ${columns.join(', ')}`)
    counted.forEach((r, i) => {
      const value = Number(rows[0]?.[`c${i}`])
      if (Number.isFinite(value)) exact.set(r, value)
    })
  }
  return relations.map((r) => {
    const n = exact.get(r)
    return n === undefined ? { rows: estimateRows(r), exact: false } : { rows: n, exact: true }
  })
}
