import type pg from 'pg'
import { readTransaction, SESSION_PROFILES, type ReadOptions } from '../db/read-transaction'
import { compareCodePoints } from '../workers/tasks/code-point-order'
import { relationSources, type RelationSpec } from './pg-relations'

/**
 * Segment boundaries from a sample of one side's ids, without a pass over the table: a block
 * sample (`TABLESAMPLE SYSTEM`, which reads only the sampled pages) sized from the planner's
 * row estimate, sorted in code-point order here, then every k-th id. The boundaries only need to
 * be the same for every side of one run; a sample makes segments about even for any id shape
 * (UUIDs, `org.couchdb.user:…`, `form:…`), where a fixed grid of prefixes would not.
 */

/** Sampled ids per wanted boundary: enough for even segments, few enough to be cheap. */
const OVERSAMPLE = 4
/** Bytes per row assumed when a table was never analysed (CHT documents are about 1 KB). */
const BYTES_PER_ROW_GUESS = 1_024

/** The planner's row estimate of each table of `spec`, or a guess from its size on disk. */
async function estimatedRows(pool: pg.Pool, spec: RelationSpec, options: ReadOptions) {
  const names = relationSources(spec).map((s) => s.regclass)
  const { rows } = await readTransaction(pool, options, (tx) =>
    tx.query<{ reltuples: number; bytes: string }>(
      `SELECT c.reltuples::float8 AS reltuples, pg_relation_size(c.oid)::text AS bytes
         FROM unnest($1::text[]) AS t(name) JOIN pg_class c ON c.oid = t.name::regclass`,
      [names],
    ),
  )
  return rows.reduce(
    (sum, r) => sum + (r.reltuples >= 0 ? r.reltuples : Number(r.bytes) / BYTES_PER_ROW_GUESS),
    0,
  )
}

/**
 * About `target` boundaries (strictly ascending in code-point order; fewer for small tables,
 * none for an empty one) taken from a block sample of `spec`'s ids. `seed` makes the sample
 * repeatable on an unchanged table.
 */
export async function sampleBoundaries(
  pool: pg.Pool,
  spec: RelationSpec,
  target: number,
  options: ReadOptions = SESSION_PROFILES.scan,
  seed = 0,
): Promise<string[]> {
  if (target < 1) return []
  const rows = await estimatedRows(pool, spec, options)
  const percent = rows <= 0 ? 100 : Math.min(100, (100 * target * OVERSAMPLE) / rows)
  const sql = relationSources(spec)
    .map(
      (s) =>
        `SELECT ${s.id} AS id FROM ${s.from} TABLESAMPLE SYSTEM ($1::float8) REPEATABLE ($2::float8)`,
    )
    .join(' UNION ALL ')
  const sample = await readTransaction(pool, options, (tx) =>
    tx.query<{ id: string | null }>(`SELECT id FROM (${sql}) AS s WHERE id IS NOT NULL`, [
      percent,
      seed,
    ]),
  )
  const ids = [...new Set(sample.rows.map((r) => r.id as string))].sort(compareCodePoints)
  const step = Math.max(1, ids.length / (target + 1))
  const out: string[] = []
  for (let k = 1; k <= target; k++) {
    const id = ids[Math.floor(k * step)]
    if (id !== undefined && (out.length === 0 || out[out.length - 1] !== id)) out.push(id)
  }
  return out
}
