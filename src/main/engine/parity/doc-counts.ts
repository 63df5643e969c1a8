import type pg from 'pg'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import { readQuery, type ReadOptions } from '../db/read-transaction'
import { relationSources, type RelationSpec } from './pg-relations'

/**
 * Counts of live documents by type, form and month on one PostgreSQL side, per group (couch2pg
 * table, CHT Sync source), in one pass with grouping sets: by type; by type and form (reports);
 * by type and month of `reported_date` (UTC). Deletion stubs are not counted (couch2pg has no
 * row for a deleted document, CHT Sync's stub has no type).
 */

/** Rows kept per side: the largest groups first. */
export const COUNT_ROWS_LIMIT = 2_000

/** One count: the group of rows, the breakdown values ('' where not broken down), the rows. */
export interface CountRow {
  group: string
  type: string
  form: string
  month: string
  rows: number
}

/** Milliseconds of 3000-01-01: a later `reported_date` is not a date. */
const LATEST_MS = 32_503_680_000_000

export async function countBreakdown(
  pool: pg.Pool,
  spec: RelationSpec,
  read: ReadOptions,
): Promise<CountRow[]> {
  const branches = relationSources(spec).map(
    (s) =>
      `SELECT ${s.group} AS grp, left(doc->>'type', 100) AS type,` +
      ` CASE WHEN doc->>'type' = 'data_record' THEN left(doc->>'form', 100) END AS form,` +
      ` CASE WHEN jsonb_typeof(doc->'reported_date') = 'number'` +
      ` AND (doc->>'reported_date')::numeric BETWEEN 0 AND ${LATEST_MS}` +
      ` THEN to_char(to_timestamp((doc->>'reported_date')::numeric / 1000) AT TIME ZONE 'UTC', 'YYYY-MM') END AS month` +
      ` FROM ${s.from} WHERE NOT ${s.deleted}`,
  )
  const sql =
    `SELECT grp, type, form, month, GROUPING(form) AS gf, GROUPING(month) AS gm,` +
    ` count(*)::text AS n FROM (${branches.join(' UNION ALL ')}) AS d` +
    ` GROUP BY GROUPING SETS ((grp, type), (grp, type, form), (grp, type, month))` +
    ` HAVING GROUPING(form) = 1 OR type = 'data_record'` +
    ` ORDER BY count(*) DESC LIMIT ${COUNT_ROWS_LIMIT}`
  const { rows } = await readQuery<{
    grp: string | null
    type: string | null
    form: string | null
    month: string | null
    gf: number
    gm: number
    n: string
  }>(pool, read, sql)
  const text = (v: string | null, none: string) =>
    v === null ? none : clipText(String(v), TEXT_LIMITS.short)
  // GROUPING() tells a column the set left out (''), from a document without the value.
  return rows
    .map((r) => ({
      group: text(r.grp, ''),
      type: text(r.type, '(no type)'),
      form: Number(r.gf) === 1 ? '' : text(r.form, '(no form)'),
      month: Number(r.gm) === 1 ? '' : text(r.month, '(no date)'),
      rows: Number(r.n),
    }))
    .filter((r) => Number.isSafeInteger(r.rows))
}
