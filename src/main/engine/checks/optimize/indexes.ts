import { PAGE } from '../../../../shared/checklist/doc-pages'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { listOf, num, plural } from '../pipeline/pipeline-common'
import {
  bytesOf,
  createIndexSql,
  LARGE_ROWS,
  schemaStats,
  sqlName,
  type RelationStats,
  type SchemaStats,
} from './schema-stats'

/**
 * `optimize.indexes`: tables and materialized views of the CHT Sync schema with at least
 * `LARGE_ROWS` estimated rows that have a `saved_timestamp` column but no index led by it. The
 * raw table is left out: its indexes are CHT Sync's own.
 */

/** Most relations advised on. */
export const INDEXES_SHOWN = 20

/** Whether an index of the relation has `saved_timestamp` as its first key column. */
export const savedTimestampIndexed = (r: RelationStats): boolean =>
  r.indexFirstKeys.some((k) => k === 'saved_timestamp' || k === '"saved_timestamp"')

/** The relations of `stats` that need the index, the largest first. */
export function missingSavedIndex(stats: SchemaStats): RelationStats[] {
  return stats.relations
    .filter(
      (r) =>
        ['r', 'p', 'm'].includes(r.kind) &&
        r.name !== stats.table &&
        (r.rows ?? 0) >= LARGE_ROWS &&
        r.hasSavedTimestamp &&
        !savedTimestampIndexed(r),
    )
    .sort((a, b) => (b.rows ?? 0) - (a.rows ?? 0))
}

/** Decides from the schema's relations. */
export function judgeIndexes(stats: SchemaStats): CheckOutcome {
  const large = stats.relations.filter(
    (r) => r.kind !== 'v' && r.name !== stats.table && (r.rows ?? 0) >= LARGE_ROWS,
  )
  const missing = missingSavedIndex(stats).slice(0, INDEXES_SHOWN)
  const evidence: CheckOutcome['evidence'] = [
    {
      type: 'measure',
      label: 'Large relations',
      value: large.length,
      unit: 'relations',
      limit: null,
    },
    {
      type: 'measure',
      label: 'Without a saved_timestamp index',
      value: missing.length,
      unit: 'relations',
      limit: { op: '==', value: 0 },
    },
    {
      type: 'table',
      caption: missing.length
        ? `Large relations of ${stats.schema} without a saved_timestamp index`
        : `Large relations of ${stats.schema} (${num(LARGE_ROWS)} rows or more)`,
      columns: ['relation', 'rows', 'size', 'indexes (first key)'],
      rows: (missing.length ? missing : large.slice(0, INDEXES_SHOWN)).map((r) => [
        sqlName(stats.schema, r.name),
        r.rows === null ? null : Math.round(r.rows),
        bytesOf(r.bytes),
        r.indexFirstKeys.length ? r.indexFirstKeys.join(', ') : '(none)',
      ]),
    },
  ]
  if (missing.length === 0) {
    return {
      verdict: 'pass',
      summary: large.length
        ? `Every relation of ${stats.schema} with ${num(LARGE_ROWS)} rows or more and a saved_timestamp column has an index led by it (${plural(large.length, 'large relation')}).`
        : `No relation of ${stats.schema} besides the raw table has ${num(LARGE_ROWS)} rows or more: no index is needed yet.`,
      evidence,
    }
  }
  const names = missing.map((r) => sqlName(stats.schema, r.name))
  const statements = missing.map((r) => createIndexSql(stats.schema, r.name, 'saved_timestamp'))
  return {
    verdict: 'warn',
    summary: `${listOf(names)} ${missing.length === 1 ? 'has' : 'have'} ${num(LARGE_ROWS)} rows or more and a saved_timestamp column, but no index led by it: every incremental run, and every model that reads the newest rows, scans ${missing.length === 1 ? 'it' : 'them'} whole.`,
    evidence,
    remedy: {
      text: `Declare the index in each model’s config so dbt keeps it on every rebuild: {{ config(indexes=[{'columns': ['saved_timestamp']}]) }} (merged into the model’s existing config). To have it now, without blocking dashboards, run: ${statements.join(' ')} Expected gain: an incremental run then finds its new rows through the index instead of reading all ${num(Math.round(missing[0]!.rows ?? 0))} rows of ${names[0]}, so its time follows the rows added, not the table’s size.`,
      docUrl: PAGE.buildingModels.docUrl,
    },
  }
}

/** Reads the schema's relations and decides. */
export async function runIndexes(ctx: CheckContext): Promise<CheckOutcome> {
  return judgeIndexes(await schemaStats(ctx))
}

/** `optimize.indexes`. */
export const OPTIMIZE_INDEXES = defineCheck('optimize.indexes', runIndexes)
