import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import {
  MAX_PROGRESS_SOURCES,
  type ProgressSource,
} from '../../../shared/results/connection-result'
import { sourceDatabase } from '../../../shared/results/progress-source'
import { hasColumns, type Relation } from '../db/catalog'
import { qualified } from '../db/identifiers'
import type { ReadTx } from '../db/read-transaction'

/** The rows of a `couchdb_progress` table, at most `MAX_PROGRESS_SOURCES` of them. */
export interface ProgressRows {
  rows: ProgressSource[]
  /** True when the table holds more rows than were read. */
  truncated: boolean
}

const iso = (value: Date | string | null): string | null => {
  if (value === null) return null
  const time = new Date(value).getTime()
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

/** `pending` as stored: a non-negative integer, else null (NULL, or a value out of range). */
const pendingOf = (text: string | null): number | null => {
  const n = text === null ? NaN : Number(text)
  return Number.isSafeInteger(n) && n >= 0 ? n : null
}

/**
 * Reads a pipeline's progress rows (reference 1.5 and 2.3): per source, the database it names,
 * the sequence (clipped, opaque) and, where the table has them (CHT Sync 1.0 and later),
 * `pending` and `updated_at`. Values from the server are clipped before they are kept; a table
 * without a `source` column (couch2pg before 2018) or that this user may not read gives no rows.
 */
export async function readProgressRows(tx: ReadTx, relation: Relation): Promise<ProgressRows> {
  if (!relation.canSelect || !relation.schemaUsage || !hasColumns(relation, 'source')) {
    return { rows: [], truncated: false }
  }
  const column = (name: string, cast: string) =>
    hasColumns(relation, name) ? `${name}${cast}` : 'NULL'
  const { rows } = await tx.query<{
    source: string
    seq: string | null
    pending: string | null
    updated: Date | null
  }>(
    `SELECT left(source::text, ${TEXT_LIMITS.line}) AS source,
            left(${column('seq', '::text')}, ${TEXT_LIMITS.short * 2}) AS seq,
            ${column('pending', '::text')} AS pending,
            ${column('updated_at', '::timestamptz')} AS updated
       FROM ${qualified(relation.schema, relation.name)}
      WHERE source IS NOT NULL
      ORDER BY source
      LIMIT ${MAX_PROGRESS_SOURCES + 1}`,
  )
  return {
    rows: rows.slice(0, MAX_PROGRESS_SOURCES).map((row) => {
      const source = clipText(String(row.source), TEXT_LIMITS.line)
      return {
        source,
        database: sourceDatabase(source),
        seq: row.seq === null ? null : clipText(String(row.seq), TEXT_LIMITS.short),
        pending: pendingOf(row.pending),
        updatedAt: iso(row.updated),
      }
    }),
    truncated: rows.length > MAX_PROGRESS_SOURCES,
  }
}
