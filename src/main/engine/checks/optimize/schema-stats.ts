import { ident } from '../../db/identifiers'
import type { ReadTx } from '../../db/read-transaction'
import type { CheckContext } from '../check-types'
import { chtSyncTarget, type ChtSyncTarget } from '../pipeline/cht-sync-relations'
import { numberOrNull, shownName } from '../pipeline/pipeline-common'
import { JOIN_KEYS } from './join-keys'

/**
 * What the optimize checks read of the CHT Sync schema, once per run: each table, materialized
 * view and view with its size, its row estimate, the first key column of each of its indexes,
 * and the statistics collector's counters (scans, deletions) since `stats_reset`. One catalog
 * query, bounded; nothing reads the tables themselves.
 */

/** A relation this large (estimated rows) is worth an index or a materialization. */
export const LARGE_ROWS = 100_000
/** Most relations of the schema read (the largest first). */
const RELATIONS_READ = 500

/** One relation of the CHT Sync schema as the catalog and the statistics collector see it. */
export interface RelationStats {
  name: string
  /** `r` table, `p` partitioned table, `v` view, `m` materialized view. */
  kind: string
  /** `reltuples` when the table was analysed, else `n_live_tup`; null for views. */
  rows: number | null
  /** `pg_total_relation_size`: table, indexes and TOAST. */
  bytes: number
  hasSavedTimestamp: boolean
  /** The first key column (or expression) of each index, in index name order. */
  indexFirstKeys: string[]
  /** Its columns named like the models' join keys (`JOIN_KEYS`), in column order. */
  joinColumns: string[]
  liveTuples: number | null
  deletedTuples: number | null
  seqScans: number | null
  idxScans: number | null
  seqTupRead: number | null
}

export interface SchemaStats extends ChtSyncTarget {
  relations: RelationStats[]
  /** When the counters were last reset (`pg_stat_database.stats_reset`), ISO; null when never. */
  statsReset: string | null
}

interface Row {
  name: string
  kind: string
  reltuples: unknown
  live: unknown
  deleted: unknown
  seq_scan: unknown
  idx_scan: unknown
  seq_tup_read: unknown
  bytes: unknown
  has_saved: boolean
  firsts: string[] | null
  joins: string[] | null
}

/** Reads the schema's relations (see `SchemaStats`) in the caller's transaction. */
export async function readSchemaStats(tx: ReadTx, target: ChtSyncTarget): Promise<SchemaStats> {
  const { rows } = await tx.query<Row>(
    `SELECT left(c.relname::text, 200) AS name, c.relkind::text AS kind,
            CASE WHEN c.relkind IN ('r', 'p', 'm') AND c.reltuples > 0
                 THEN c.reltuples::float8 END AS reltuples,
            s.n_live_tup::float8 AS live, s.n_tup_del::float8 AS deleted,
            s.seq_scan::float8 AS seq_scan, s.idx_scan::float8 AS idx_scan,
            s.seq_tup_read::float8 AS seq_tup_read,
            pg_total_relation_size(c.oid)::float8 AS bytes,
            EXISTS (SELECT 1 FROM pg_attribute a
                     WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                       AND a.attname = 'saved_timestamp') AS has_saved,
            ARRAY(SELECT left(pg_get_indexdef(i.indexrelid, 1, true), 100)
                    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                   WHERE i.indrelid = c.oid ORDER BY ic.relname LIMIT 20) AS firsts,
            ARRAY(SELECT a.attname::text FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                     AND a.attname::text = ANY($2::text[])
                   ORDER BY a.attnum) AS joins
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm')
      ORDER BY pg_total_relation_size(c.oid) DESC, c.relname
      LIMIT ${RELATIONS_READ}`,
    [target.schema, [...JOIN_KEYS]],
  )
  const { rows: reset } = await tx.query<{ reset: string | null }>(
    `SELECT to_char(stats_reset AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS reset
       FROM pg_stat_database WHERE datname = current_database()`,
  )
  return {
    ...target,
    statsReset: reset[0]?.reset ?? null,
    relations: rows.map((r) => {
      const live = numberOrNull(r.live)
      return {
        name: r.name,
        kind: r.kind,
        rows: numberOrNull(r.reltuples) ?? (r.kind === 'v' ? null : live),
        bytes: numberOrNull(r.bytes) ?? 0,
        hasSavedTimestamp: r.has_saved === true,
        indexFirstKeys: (r.firsts ?? []).map(String),
        joinColumns: (r.joins ?? []).map(String),
        liveTuples: live,
        deletedTuples: numberOrNull(r.deleted),
        seqScans: numberOrNull(r.seq_scan),
        idxScans: numberOrNull(r.idx_scan),
        seqTupRead: numberOrNull(r.seq_tup_read),
      }
    }),
  }
}

/** `readSchemaStats` once per run (the optimize checks share it). */
export function schemaStats(ctx: CheckContext): Promise<SchemaStats> {
  const target = chtSyncTarget(ctx)
  return ctx.memo(`optimize.stats:${target.schema}`, () =>
    ctx.read('chtSync', (tx) => readSchemaStats(tx, target)),
  )
}

/** `123 MB`, `4.2 GB` */
export function bytesOf(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = n
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`
}

/** A relation's name for SQL a person runs: schema-qualified, quoted only where needed. */
export const sqlName = (schema: string, name: string): string => shownName(schema, name)

/** The index a person would create, concurrently so dashboards keep reading meanwhile. */
export const createIndexSql = (schema: string, name: string, column: string): string => {
  const plain = /^[a-z_][a-z0-9_$]*$/.test(column) ? column : ident(column)
  return `CREATE INDEX CONCURRENTLY ON ${sqlName(schema, name)} (${plain});`
}
