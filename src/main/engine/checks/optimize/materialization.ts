import { PAGE } from '../../../../shared/checklist/doc-pages'
import {
  PIPELINE_META_MODEL_NAMES,
  PIPELINE_MODEL_NAMES,
} from '../../../../shared/inventory/cht-pipeline-models'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { listOf, num } from '../pipeline/pipeline-common'
import { bytesOf, schemaStats, sqlName, type RelationStats, type SchemaStats } from './schema-stats'

/**
 * `optimize.materialization`: the plain views of the CHT Sync schema (a dashboard reading one
 * waits for its whole query each time, and dbt drops and recreates it on every run), and the
 * tables that are emptied and refilled on every run (the statistics collector has counted at
 * least as many deleted rows as the table holds). cht-pipeline's own models and CHT Sync's tables
 * are left out.
 */

/** Most relations listed per kind. */
export const MATERIALIZATION_SHOWN = 20
/** Tables of CHT Sync and dbt (cht-pipeline's meta models) that are never a project's model. */
const SYSTEM_TABLES = ['couchdb_progress', '_dataemon', ...PIPELINE_META_MODEL_NAMES]

/** Whether the relation is one of cht-pipeline's models or CHT Sync's and dbt's own tables. */
const notOurs = (stats: SchemaStats, r: RelationStats) =>
  PIPELINE_MODEL_NAMES.includes(r.name) || SYSTEM_TABLES.includes(r.name) || r.name === stats.table

/** The plain views of the schema that are not cht-pipeline's models, by name. */
export const plainViews = (stats: SchemaStats): RelationStats[] =>
  stats.relations
    .filter((r) => r.kind === 'v' && !notOurs(stats, r))
    .sort((a, b) => a.name.localeCompare(b.name))

/**
 * The tables rewritten whole on every run: `n_tup_del ≥ n_live_tup > 0`, as counted since the
 * statistics were last reset. The largest first.
 */
export const rewrittenTables = (stats: SchemaStats): RelationStats[] =>
  stats.relations
    .filter(
      (r) =>
        (r.kind === 'r' || r.kind === 'p') &&
        !notOurs(stats, r) &&
        (r.liveTuples ?? 0) > 0 &&
        (r.deletedTuples ?? 0) >= (r.liveTuples ?? 0),
    )
    .sort((a, b) => (b.liveTuples ?? 0) - (a.liveTuples ?? 0))

const MATVIEW = `{{ config(materialized='materialized_view') }}`
const INCREMENTAL = `{{ config(materialized='incremental', unique_key='uuid', on_schema_change='append_new_columns') }}`

/** Decides from the schema's relations. */
export function judgeMaterialization(stats: SchemaStats): CheckOutcome {
  const views = plainViews(stats)
  const rewritten = rewrittenTables(stats)
  const shownViews = views.slice(0, MATERIALIZATION_SHOWN)
  const shownTables = rewritten.slice(0, MATERIALIZATION_SHOWN)
  const evidence: EvidenceItem[] = [
    { type: 'measure', label: 'Plain views', value: views.length, unit: 'views', limit: null },
    {
      type: 'measure',
      label: 'Tables rewritten every run',
      value: rewritten.length,
      unit: 'tables',
      limit: null,
    },
    {
      type: 'fact',
      label: 'Statistics counted since',
      value: stats.statsReset ?? 'the database was created',
    },
  ]
  if (views.length) {
    evidence.push({
      type: 'table',
      caption: `Plain views of ${stats.schema}`,
      columns: ['view'],
      rows: shownViews.map((r) => [sqlName(stats.schema, r.name)]),
    })
  }
  if (rewritten.length) {
    evidence.push({
      type: 'table',
      caption: `Tables of ${stats.schema} emptied and refilled`,
      columns: ['table', 'live rows', 'deleted rows', 'size'],
      rows: shownTables.map((r) => [
        sqlName(stats.schema, r.name),
        r.liveTuples,
        r.deletedTuples,
        bytesOf(r.bytes),
      ]),
    })
  }
  if (views.length === 0 && rewritten.length === 0) {
    return {
      verdict: 'pass',
      summary: `${stats.schema} has no plain view and no table rewritten whole on every run besides cht-pipeline’s models.`,
      evidence,
    }
  }
  const advice: string[] = []
  const remedy: string[] = []
  if (views.length) {
    const names = listOf(shownViews.map((r) => sqlName(stats.schema, r.name)))
    advice.push(
      `${names} ${views.length === 1 ? 'is a plain view' : 'are plain views'}: every dashboard that reads ${views.length === 1 ? 'it' : 'them'} waits for the whole query, each time`,
    )
    remedy.push(
      `For ${names}: put ${MATVIEW} at the top of the model (dbt refreshes it on each run; dashboards then read stored rows, typically in milliseconds instead of the query’s full time). When the result is large (${num(100_000)} rows or more), make it incremental instead: ${INCREMENTAL} with a saved_timestamp filter in {% if is_incremental() %}.`,
    )
  }
  if (rewritten.length) {
    const names = listOf(shownTables.map((r) => sqlName(stats.schema, r.name)))
    advice.push(
      `${names} ${rewritten.length === 1 ? 'is' : 'are'} emptied and refilled on every run (as many rows deleted as it holds)`,
    )
    remedy.push(
      `For ${names}: make the model incremental: ${INCREMENTAL}, with {% if is_incremental() %} WHERE saved_timestamp >= (SELECT MAX(saved_timestamp) FROM {{ this }}) {% endif %} in its select. Each run then writes only the rows changed since the last one instead of the whole table.`,
    )
  }
  return {
    verdict: 'warn',
    summary: `${advice.join('; ')}.`,
    evidence,
    remedy: { text: remedy.join(' '), docUrl: PAGE.buildingModels.docUrl },
  }
}

/** Reads the schema's relations and decides. */
export async function runMaterialization(ctx: CheckContext): Promise<CheckOutcome> {
  return judgeMaterialization(await schemaStats(ctx))
}

/** `optimize.materialization`. */
export const OPTIMIZE_MATERIALIZATION = defineCheck('optimize.materialization', runMaterialization)
