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
 * `LARGE_ROWS` estimated rows that have a `saved_timestamp` column but no index led by it, or a
 * join column (`JOIN_KEYS`) that no index leads with. The raw table is left out: its indexes are
 * CHT Sync's own.
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

/** A join column of a large relation with no index led by it. */
export interface MissingJoinIndex {
  relation: RelationStats
  column: string
}

/** An index's first key as `pg_get_indexdef` gives it, without the quotes of an identifier. */
const keyName = (key: string): string =>
  key.startsWith('"') && key.endsWith('"') ? key.slice(1, -1).replace(/""/g, '"') : key

/**
 * The join columns of the schema's large tables and materialized views (not the raw table) that
 * no index leads with, the largest relations first.
 */
export function missingJoinIndexes(stats: SchemaStats): MissingJoinIndex[] {
  const missing: MissingJoinIndex[] = []
  const large = stats.relations
    .filter(
      (r) =>
        ['r', 'p', 'm'].includes(r.kind) && r.name !== stats.table && (r.rows ?? 0) >= LARGE_ROWS,
    )
    .sort((a, b) => (b.rows ?? 0) - (a.rows ?? 0))
  for (const relation of large) {
    const led = new Set(relation.indexFirstKeys.map(keyName))
    for (const column of relation.joinColumns) {
      if (!led.has(column)) missing.push({ relation, column })
    }
  }
  return missing
}

/** Most join columns advised on. */
export const JOIN_INDEXES_SHOWN = 40

function indexEvidence(
  stats: SchemaStats,
  large: RelationStats[],
  missing: RelationStats[],
  joins: MissingJoinIndex[],
): CheckOutcome['evidence'] {
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
      type: 'measure',
      label: 'Join columns without an index',
      value: joins.length,
      unit: 'columns',
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
  if (joins.length > 0) {
    evidence.push({
      type: 'table',
      caption: `Join columns of large relations of ${stats.schema} with no index led by them`,
      columns: ['relation', 'column', 'rows'],
      rows: joins
        .slice(0, JOIN_INDEXES_SHOWN)
        .map((j) => [
          sqlName(stats.schema, j.relation.name),
          j.column,
          j.relation.rows === null ? null : Math.round(j.relation.rows),
        ]),
    })
  }
  return evidence
}

function savedTimestampAdvice(stats: SchemaStats, missing: RelationStats[]) {
  const names = missing.map((r) => sqlName(stats.schema, r.name))
  const statements = missing.map((r) => createIndexSql(stats.schema, r.name, 'saved_timestamp'))
  return {
    summary: `${listOf(names)} ${missing.length === 1 ? 'has' : 'have'} ${num(LARGE_ROWS)} rows or more and a saved_timestamp column, but no index led by it: every incremental run, and every model that reads the newest rows, scans ${missing.length === 1 ? 'it' : 'them'} whole.`,
    remedy: `Declare the index in each model’s config so dbt keeps it on every rebuild: {{ config(indexes=[{'columns': ['saved_timestamp']}]) }} (merged into the model’s existing config). To have it now, without blocking dashboards, run: ${statements.join(' ')} Expected gain: an incremental run then finds its new rows through the index instead of reading all ${num(Math.round(missing[0]!.rows ?? 0))} rows of ${names[0]}, so its time follows the rows added, not the table’s size.`,
  }
}

function joinAdvice(stats: SchemaStats, joins: MissingJoinIndex[]) {
  const shown = joins.slice(0, JOIN_INDEXES_SHOWN)
  const pairs = shown.map((j) => `${sqlName(stats.schema, j.relation.name)}.${j.column}`)
  const statements = shown.map((j) => createIndexSql(stats.schema, j.relation.name, j.column))
  const first = shown[0]!
  return {
    summary: `${listOf(pairs)} ${shown.length === 1 ? 'is a join column' : 'are join columns'} of a large relation with no index led by ${shown.length === 1 ? 'it' : 'them'}: a dashboard joining or filtering on ${shown.length === 1 ? 'it' : 'them'} reads the whole relation.`,
    remedy: `Add the index in the model’s config, e.g. {{ config(indexes=[{'columns': ['${first.column}']}]) }} for ${sqlName(stats.schema, first.relation.name)}, or now, without blocking dashboards: ${statements.join(' ')} Expected gain: a lookup or a join on the column reads the matching rows through the index instead of all ${num(Math.round(first.relation.rows ?? 0))} rows of ${sqlName(stats.schema, first.relation.name)}.`,
  }
}

/**
 * Decides from the schema's relations: large models without an index led by `saved_timestamp`,
 * and large models whose join columns (`JOIN_KEYS`) no index leads with.
 */
export function judgeIndexes(stats: SchemaStats): CheckOutcome {
  const large = stats.relations.filter(
    (r) => r.kind !== 'v' && r.name !== stats.table && (r.rows ?? 0) >= LARGE_ROWS,
  )
  const missing = missingSavedIndex(stats).slice(0, INDEXES_SHOWN)
  const joins = missingJoinIndexes(stats)
  const evidence = indexEvidence(stats, large, missing, joins)
  if (missing.length === 0 && joins.length === 0) {
    return {
      verdict: 'pass',
      summary: large.length
        ? `Every relation of ${stats.schema} with ${num(LARGE_ROWS)} rows or more has an index led by saved_timestamp (where it has the column) and by each of its join columns (${plural(large.length, 'large relation')}).`
        : `No relation of ${stats.schema} besides the raw table has ${num(LARGE_ROWS)} rows or more: no index is needed yet.`,
      evidence,
    }
  }
  const parts = [
    ...(missing.length ? [savedTimestampAdvice(stats, missing)] : []),
    ...(joins.length ? [joinAdvice(stats, joins)] : []),
  ]
  return {
    verdict: 'warn',
    summary: parts.map((p) => p.summary).join(' '),
    evidence,
    remedy: { text: parts.map((p) => p.remedy).join(' '), docUrl: PAGE.buildingModels.docUrl },
  }
}

/** Reads the schema's relations and decides. */
export async function runIndexes(ctx: CheckContext): Promise<CheckOutcome> {
  return judgeIndexes(await schemaStats(ctx))
}

/** `optimize.indexes`. */
export const OPTIMIZE_INDEXES = defineCheck('optimize.indexes', runIndexes)
