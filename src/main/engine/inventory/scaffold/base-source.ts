import {
  findPipelineModel,
  PIPELINE_SOURCE,
} from '../../../../shared/inventory/cht-pipeline-models'
import type { InventoryColumn, InventoryObject } from '../../../../shared/results/inventory-result'
import { baseColumnFor, pathLeaf } from '../mapping/doc-paths'
import { castTo, jsonPathExpr, nullOf, sqlIdent } from './sql-text'

/**
 * How a scaffold model reads cht-pipeline's base models: which one it selects from, which it
 * joins, and which expression fills each of the old object's columns (a base-model column, else
 * the document in CHT Sync's raw table, else a NULL to review).
 */

/** The base model a scaffold selects from, by preference, when its mapping lists several. */
export const PRIMARY_MODELS = [
  'data_record',
  'contact',
  'feedback',
  'telemetry',
  'telemetry_devices',
  'user',
  'document_metadata',
] as const

/** Base models joined to a primary one on its key, and how. */
const SECONDARY_JOINS: Readonly<Record<string, { primary: string; on: string }>> = {
  person: { primary: 'contact', on: 'person.uuid = contact.uuid' },
  place: { primary: 'contact', on: 'place.uuid = contact.uuid' },
  contact_type: { primary: 'contact', on: 'contact_type.id = contact.contact_type' },
  telemetry_devices: { primary: 'telemetry', on: 'telemetry_devices.uuid = telemetry.uuid' },
}

/**
 * Old column names that mean a base-model column (couch2pg's `form_metadata`, the docs' formview
 * habits and `cht_form_model`'s names): a guess by name, marked as one in the model.
 */
export const COLUMN_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  data_record: {
    reported_by: 'contact_uuid',
    chw: 'contact_uuid',
    chw_uuid: 'contact_uuid',
    reported_by_parent: 'parent_uuid',
    chw_area: 'parent_uuid',
    chw_area_uuid: 'parent_uuid',
    area_uuid: 'parent_uuid',
    reported_by_grandparent: 'grandparent_uuid',
    branch_uuid: 'grandparent_uuid',
    formname: 'form',
    from: 'from_phone',
  },
  contact: { type: 'contact_type', is_active: 'active' },
  person: { alternative_phone: 'phone2' },
  document_metadata: { type: 'doc_type' },
}

const KEY_ALIASES = new Set(['_id', 'doc_id', 'id', 'uuid'])

/** The alias of CHT Sync's raw table in scaffold SQL. */
export const RAW_ALIAS = 'raw'

/** `{{ source('couchdb', env_var('POSTGRES_TABLE')) }}`, as cht-pipeline's own models write it. */
export const RAW_SOURCE = `{{ source('${PIPELINE_SOURCE.name}', env_var('${PIPELINE_SOURCE.tableEnv}')) }}`

/** A base model's key column (`user_id` for `user`, `id` for `contact_type`, else `uuid`). */
export const modelKey = (model: string): string =>
  model === 'user' ? 'user_id' : model === 'contact_type' ? 'id' : 'uuid'

/** The base models a scaffold reads: the primary one and those joined to it. */
export interface BaseSource {
  primary: string
  joined: string[]
  /** Models of the mapping it cannot join on a key (a report's contact, say): left to review. */
  unjoined: string[]
}

/** The primary model among `models` and what joins to it, or null when none is a primary. */
export function chooseBaseSource(models: readonly string[]): BaseSource | null {
  const primary = PRIMARY_MODELS.find((m) => models.includes(m))
  if (!primary) return null
  const joined: string[] = []
  const unjoined: string[] = []
  for (const m of models) {
    if (m === primary) continue
    if (SECONDARY_JOINS[m]?.primary === primary) joined.push(m)
    else if (m !== 'document_metadata') unjoined.push(m)
  }
  return { primary, joined, unjoined }
}

/** The FROM and JOIN lines of a base source, the raw table joined when `raw` is set. */
export function baseFromClause(source: BaseSource, raw: boolean): string[] {
  const p = source.primary
  const lines = [`FROM {{ ref('${p}') }} ${p}`]
  for (const m of source.joined) {
    lines.push(`LEFT JOIN {{ ref('${m}') }} ${m} ON ${SECONDARY_JOINS[m]!.on}`)
  }
  if (raw) {
    // The base models already leave deleted documents out; the raw row may have been deleted since.
    lines.push(
      `INNER JOIN ${RAW_SOURCE} ${RAW_ALIAS}`,
      `  ON ${RAW_ALIAS}._id = ${p}.${modelKey(p)} AND NOT ${RAW_ALIAS}._deleted`,
    )
  }
  return lines
}

/** One column of a scaffold model: the expression, and where it comes from in words. */
export interface ResolvedColumn {
  expr: string
  /** `data_record.contact_uuid`, `raw doc.fields.edd`, … (schema.yml's description). */
  from: string
  /** A comment for the SQL line (a guess, a TODO), or null. */
  note: string | null
  raw: boolean
  /** False for the NULL placeholder of a column left to review. */
  filled: boolean
}

const hasColumn = (model: string, column: string) =>
  findPipelineModel(model)?.columns.includes(column) ?? false

/**
 * The expression filling `column` from a base source: the same name in a base model, a name
 * that means a base-model column (`COLUMN_ALIASES`, key names), a JSON path the old object read
 * whose last name is the column's (from the base model when its column has that name, else
 * from the raw document, cast like the old column), else a typed NULL to review.
 */
export function resolveBaseColumn(
  column: InventoryColumn,
  source: BaseSource,
  object: InventoryObject,
): ResolvedColumn {
  const name = column.name.toLowerCase()
  const models = [source.primary, ...source.joined]
  const base = (model: string, col: string, note: string | null = null): ResolvedColumn => ({
    expr: `${model}.${col}`,
    from: `${model}.${col}`,
    note,
    raw: false,
    filled: true,
  })
  const direct = models.find((m) => hasColumn(m, name))
  if (direct) return base(direct, name)
  for (const m of models) {
    const alias = Object.hasOwn(COLUMN_ALIASES[m] ?? {}, name) ? COLUMN_ALIASES[m]![name] : null
    if (alias) return base(m, alias, `matched by name to ${m}.${alias}: check`)
  }
  if (KEY_ALIASES.has(name)) {
    return base(source.primary, modelKey(source.primary), 'the document id')
  }
  const paths = (object.analysis?.jsonPaths ?? []).filter((p) => pathLeaf(p).toLowerCase() === name)
  for (const path of paths) {
    const covered = baseColumnFor(path, models)
    if (covered && covered.column === name) return base(covered.model, covered.column)
  }
  const asJson = /^jsonb?$/i.test(column.type)
  for (const path of paths) {
    const read = jsonPathExpr(RAW_ALIAS, path, asJson)
    const expr = read === null ? null : asJson ? read : castTo(read, column.type)
    if (expr !== null)
      return { expr, from: `${path} (raw table)`, note: null, raw: true, filled: true }
  }
  return {
    expr: nullOf(column.type),
    from: 'not translated: see the old definition',
    note: `TODO(review): no JSON path or base-model column named ${sqlIdent(column.name)}; translate its expression from the old definition`,
    raw: false,
    filled: false,
  }
}
