import type { RawSplit } from '../../../shared/results/connection-result'
import {
  estimateRows,
  hasColumns,
  isCountable,
  rowCounts,
  type Relation,
  type RowCount,
} from '../db/catalog'
import { qualified } from '../db/identifiers'
import type { ReadTx } from '../db/read-transaction'

/** The raw table's rows, and their split into live rows and `_deleted` stubs where it has one. */
export interface RawCount extends RowCount {
  split: RawSplit | null
}

/** What `pg_stats` keeps about a column: its most common values and their frequencies. */
export interface ColumnStats {
  nullFrac: number
  /** `most_common_vals` as text elements (`t`, `f` for a boolean); null when none are kept. */
  values: string[] | null
  freqs: number[] | null
}

/**
 * The share of rows whose boolean column is true, from its statistics: the frequency of `t`
 * among the most common values, or, when `t` is not among them, what the listed values and NULLs
 * leave (a boolean has no other value). Null when the statistics cannot tell.
 */
export function trueFraction(stats: ColumnStats): number | null {
  const { values, freqs, nullFrac } = stats
  if (values === null || freqs === null || values.length !== freqs.length) {
    return nullFrac >= 1 ? 0 : null
  }
  const at = values.indexOf('t')
  const fraction = at >= 0 ? freqs[at] : 1 - freqs.reduce((a, b) => a + b, 0) - nullFrac
  return fraction === undefined || !Number.isFinite(fraction)
    ? null
    : Math.min(1, Math.max(0, fraction))
}

/** `{f,t}` → `['f', 't']`: a one-dimensional array of plain elements, as `anyarray::text` gives. */
const arrayElements = (text: string | null): string[] | null =>
  text === null
    ? null
    : text
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter((v) => v !== '')

async function deletedStats(tx: ReadTx, raw: Relation): Promise<ColumnStats | null> {
  const { rows } = await tx.query<{
    null_frac: number | string
    vals: string | null
    freqs: (number | string)[] | null
  }>(
    `SELECT null_frac::float8 AS null_frac, most_common_vals::text AS vals,
            most_common_freqs::float8[] AS freqs
       FROM pg_stats
      WHERE schemaname = $1 AND tablename = $2 AND attname = '_deleted'
      ORDER BY inherited DESC
      LIMIT 1`,
    [raw.schema, raw.name],
  )
  const row = rows[0]
  if (!row) return null
  return {
    nullFrac: Number(row.null_frac) || 0,
    values: arrayElements(row.vals),
    freqs: row.freqs === null ? null : row.freqs.map(Number),
  }
}

/**
 * Counts CHT Sync's raw table (reference 2.4: a deleted document stays as a `_deleted` stub).
 *
 * A table the probe may count (`isCountable`) is counted exactly in one statement, with its
 * stubs (`count(*) FILTER (WHERE _deleted)`; a NULL `_deleted` is a live row). A large one gets
 * the row estimate, split by the `_deleted` frequency of its column statistics (marked as an
 * estimate), or no split when the table was never analysed. A raw table without `_deleted`
 * (before CHT Sync 1.0) has no split.
 */
export async function countRawTable(tx: ReadTx, raw: Relation): Promise<RawCount> {
  if (!hasColumns(raw, '_deleted')) {
    const [count] = await rowCounts(tx, [raw])
    return { rows: count?.rows ?? null, exact: count?.exact ?? false, split: null }
  }
  if (isCountable(raw)) {
    const { rows } = await tx.query<{ total: string; deleted: string }>(
      `SELECT count(*)::text AS total, count(*) FILTER (WHERE _deleted)::text AS deleted
         FROM ${qualified(raw.schema, raw.name)}`,
    )
    const total = Number(rows[0]?.total)
    const deleted = Number(rows[0]?.deleted)
    if (Number.isSafeInteger(total) && Number.isSafeInteger(deleted)) {
      return { rows: total, exact: true, split: { live: total - deleted, deleted, exact: true } }
    }
  }
  const estimate = estimateRows(raw)
  const stats = estimate === null ? null : await deletedStats(tx, raw)
  const fraction = stats ? trueFraction(stats) : null
  if (estimate === null || fraction === null) return { rows: estimate, exact: false, split: null }
  const deleted = Math.round(estimate * fraction)
  return {
    rows: estimate,
    exact: false,
    split: { live: estimate - deleted, deleted, exact: false },
  }
}
