import { PAGE } from '../../../../shared/checklist/doc-pages'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { listOf, num } from '../pipeline/pipeline-common'
import {
  bytesOf,
  LARGE_ROWS,
  schemaStats,
  sqlName,
  type RelationStats,
  type SchemaStats,
} from './schema-stats'

/**
 * `optimize.seq-scans`: large tables and materialized views of the CHT Sync schema that queries
 * mostly read from end to end (`pg_stat_all_tables`: far more sequential scans than index scans,
 * each reading at least half the table). The raw table is left out: dbt reads it, not dashboards.
 */

/** Sequential scans must outnumber index scans by this factor… */
export const SEQ_OVER_IDX = 10
/** …and read on average at least this share of the table each. */
export const SEQ_READ_SHARE = 0.5
/** Most relations advised on. */
export const SEQ_SHOWN = 20

/** Whether the relation is read whole by most queries (see the module comment). */
export function mostlyScanned(r: RelationStats): boolean {
  const rows = r.rows ?? 0
  const seq = r.seqScans ?? 0
  if (rows < LARGE_ROWS || seq === 0) return false
  if (r.idxScans !== null && seq <= SEQ_OVER_IDX * r.idxScans) return false
  return (r.seqTupRead ?? 0) / seq >= SEQ_READ_SHARE * rows
}

/** The relations of `stats` read whole, the most scanned first. */
export const scannedWhole = (stats: SchemaStats): RelationStats[] =>
  stats.relations
    .filter((r) => r.kind !== 'v' && r.name !== stats.table && mostlyScanned(r))
    .sort((a, b) => (b.seqScans ?? 0) - (a.seqScans ?? 0))

/** Decides from the schema's relations. */
export function judgeSeqScans(stats: SchemaStats): CheckOutcome {
  const found = scannedWhole(stats)
  const shown = found.slice(0, SEQ_SHOWN)
  const since = stats.statsReset
    ? `since the statistics were reset on ${stats.statsReset}`
    : 'since the database was created'
  const evidence: EvidenceItem[] = [
    {
      type: 'fact',
      label: 'Statistics counted since',
      value: stats.statsReset ?? 'the database was created',
    },
    {
      type: 'measure',
      label: 'Large relations read whole',
      value: found.length,
      unit: 'relations',
      limit: { op: '==', value: 0 },
    },
  ]
  if (found.length) {
    evidence.push({
      type: 'table',
      caption: `Large relations of ${stats.schema} mostly read by sequential scans`,
      columns: ['relation', 'rows', 'size', 'seq scans', 'index scans', 'rows per seq scan'],
      rows: shown.map((r) => [
        sqlName(stats.schema, r.name),
        r.rows === null ? null : Math.round(r.rows),
        bytesOf(r.bytes),
        r.seqScans,
        r.idxScans,
        r.seqScans ? Math.round((r.seqTupRead ?? 0) / r.seqScans) : null,
      ]),
    })
  }
  if (found.length === 0) {
    return {
      verdict: 'pass',
      summary: `No relation of ${stats.schema} with ${num(LARGE_ROWS)} rows or more is read mostly by whole-table scans, counted ${since}.`,
      evidence,
    }
  }
  const names = shown.map((r) => sqlName(stats.schema, r.name))
  const first = names[0]!
  return {
    verdict: 'warn',
    summary: `${listOf(names)} ${found.length === 1 ? 'is' : 'are'} read mostly from end to end: more than ${SEQ_OVER_IDX} times as many sequential scans as index scans, each reading at least half the rows (${since}). The queries that read ${found.length === 1 ? 'it' : 'them'} have no index for what they filter on.`,
    evidence,
    remedy: {
      text: `Find the dashboard queries that read ${first} and run each first with EXPLAIN (ANALYZE, BUFFERS) <the dashboard query>; a "Seq Scan on ${first}" with a Filter that removes most rows names the columns to index. Declare the index in the model’s config, e.g. {{ config(indexes=[{'columns': ['reported']}, {'columns': ['parent_uuid']}]) }} with the columns the plan shows, or create it now with CREATE INDEX CONCURRENTLY ON ${first} (<column>); then run the EXPLAIN again: an Index Scan or Bitmap Heap Scan reading only the matching rows instead of all of them is the gain. If the queries need most rows anyway, pre-aggregate them in a smaller model for the dashboard to read.`,
      docUrl: PAGE.tuning.docUrl,
    },
  }
}

/** Reads the schema's relations and decides. */
export async function runSeqScans(ctx: CheckContext): Promise<CheckOutcome> {
  return judgeSeqScans(await schemaStats(ctx))
}

/** `optimize.seq-scans`. */
export const OPTIMIZE_SEQ_SCANS = defineCheck('optimize.seq-scans', runSeqScans)
