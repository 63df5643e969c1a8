import { PAGE } from '../../../../shared/checklist/doc-pages'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { listOf, num, plural } from '../pipeline/pipeline-common'
import {
  createExpressionIndexSql,
  dashboardFilters,
  docExpression,
  indexedDocPath,
  storedInventory,
  type DashboardFilter,
} from './json-paths'
import { bytesOf, createIndexSql, schemaStats, sqlName, type SchemaStats } from './schema-stats'

/**
 * `optimize.json-indexes`: the `doc` paths that dashboards filter on (from the couch2pg
 * inventory's SQL analysis, for objects with usage or a replace/rebuild decision), checked
 * against the CHT Sync database: a path a cht-pipeline model holds needs an index on that model's
 * column; any other needs an expression index on the raw table (`<schema>.<table>`, `doc`).
 */

/** Most paths shown. */
export const PATHS_SHOWN = 30

/** Where a path lives in the CHT Sync database and whether an index serves it. */
export interface PathIndex extends DashboardFilter {
  /** `v1.data_record.form` or `v1.couchdb (doc->>'form')`. */
  where: string
  /** The relation that holds it: a model, or the raw table. */
  relation: string
  on: 'model' | 'raw'
  indexed: boolean
  /** The statement to run when it is not indexed. */
  statement: string | null
}

const firstKeys = (stats: SchemaStats, name: string): string[] | null =>
  stats.relations.find((r) => r.name === name)?.indexFirstKeys ?? null

/** Matches each path with the indexes of the CHT Sync schema. */
export function pathIndexes(filters: readonly DashboardFilter[], stats: SchemaStats): PathIndex[] {
  const rawPaths = new Set(
    (firstKeys(stats, stats.table) ?? []).flatMap((k) => indexedDocPath(k) ?? []),
  )
  return filters.map((f) => {
    const model = f.column ? firstKeys(stats, f.column.model) : null
    if (f.column && model) {
      const indexed = model.some((k) => k.replace(/"/g, '') === f.column!.column)
      return {
        ...f,
        where: `${sqlName(stats.schema, f.column.model)}.${f.column.column}`,
        relation: sqlName(stats.schema, f.column.model),
        on: 'model' as const,
        indexed,
        statement: indexed ? null : createIndexSql(stats.schema, f.column.model, f.column.column),
      }
    }
    const indexed = rawPaths.has(f.path)
    return {
      ...f,
      where: `${sqlName(stats.schema, stats.table)} (${docExpression(f.path)})`,
      relation: sqlName(stats.schema, stats.table),
      on: 'raw' as const,
      indexed,
      statement: indexed ? null : createExpressionIndexSql(stats.schema, stats.table, f.path),
    }
  })
}

/** Decides from the paths and the indexes found. */
export function judgeJsonIndexes(paths: readonly PathIndex[], stats: SchemaStats): CheckOutcome {
  const missing = paths.filter((p) => !p.indexed)
  const raw = stats.relations.find((r) => r.name === stats.table)
  const rawName = sqlName(stats.schema, stats.table)
  const evidence: EvidenceItem[] = [
    {
      type: 'measure',
      label: 'JSON paths dashboards filter on',
      value: paths.length,
      unit: null,
      limit: null,
    },
    {
      type: 'measure',
      label: 'Without an index',
      value: missing.length,
      unit: 'paths',
      limit: { op: '==', value: 0 },
    },
  ]
  if (paths.length) {
    evidence.push({
      type: 'table',
      caption: missing.length
        ? 'Paths dashboards filter on, those without an index first'
        : 'Paths dashboards filter on',
      columns: ['path', 'filtered by', 'values', 'in CHT Sync', 'indexed'],
      rows: [...missing, ...paths.filter((p) => p.indexed)]
        .slice(0, PATHS_SHOWN)
        .map((p) => [
          `doc.${p.path}`,
          listOf(p.objects, 3),
          listOf(p.values, 4),
          p.where,
          p.indexed ? 'yes' : 'no',
        ]),
    })
  }
  if (paths.length === 0) {
    return {
      verdict: 'pass',
      summary:
        'No object of the couch2pg inventory that dashboards use filters on a field of doc: there is no JSON path to index.',
      evidence,
    }
  }
  if (missing.length === 0) {
    return {
      verdict: 'pass',
      summary: `Each of the ${plural(paths.length, 'JSON path')} dashboards filter on has an index in the CHT Sync database (a model column’s or an expression index of ${rawName}).`,
      evidence,
    }
  }
  const onRaw = missing.filter((p) => p.on === 'raw')
  const onModels = missing.filter((p) => p.on === 'model')
  const size = raw ? `${num(Math.round(raw.rows ?? 0))} rows, ${bytesOf(raw.bytes)}` : null
  const statements = missing.slice(0, PATHS_SHOWN).map((p) => p.statement!)
  const first = onRaw[0]
  return {
    verdict: 'warn',
    summary: `${plural(missing.length, 'JSON path')} that dashboards filter on ${missing.length === 1 ? 'has' : 'have'} no index in the CHT Sync database: ${listOf(
      missing.map((p) => `doc.${p.path} (${listOf(p.objects, 2)})`),
    )}. A dashboard query filtering on ${missing.length === 1 ? 'it' : 'one'} reads every row of ${missing[0]!.relation}.`,
    evidence,
    remedy: {
      text: `${
        onModels.length
          ? `Index the model columns in the models’ config, so dbt keeps the index on every rebuild: {{ config(indexes=[{'columns': ['${onModels[0]!.column!.column}']}]) }}. `
          : ''
      }${
        first
          ? `Better than filtering the raw table: select the field as a column of the dbt model the dashboard reads (${docExpression(first.path)} AS ${first.path.split('.').pop()}) and declare it in the model’s indexes config. Until then, index the expression exactly as the queries write it. `
          : ''
      }To have the indexes now without blocking dashboards, run: ${statements.join(' ')} Expected gain: a filter on one value reads the matching rows through the index instead of ${
        size ? `all ${size} of ${rawName}` : 'the whole table'
      }; dashboards filtering on a rare value gain the most. The index costs some disk and a little time on each write.`,
      docUrl: PAGE.buildingModels.docUrl,
    },
  }
}

/** Reads the inventory from the project and the schema's indexes, and decides. */
export async function runJsonIndexes(ctx: CheckContext): Promise<CheckOutcome> {
  if (!storedInventory(ctx.document)) {
    return {
      verdict: 'skipped',
      summary: 'There is no inventory of the couch2pg database.',
      skippedBecause:
        'No inventory of the couch2pg database is stored: run it on the Plan step, so the paths dashboards filter on are known.',
    }
  }
  const filters = dashboardFilters(ctx.document)
  const stats = await schemaStats(ctx)
  return judgeJsonIndexes(pathIndexes(filters, stats), stats)
}

/** `optimize.json-indexes`. */
export const OPTIMIZE_JSON_INDEXES = defineCheck('optimize.json-indexes', runJsonIndexes)
