import { objectLabel } from '../../../../shared/inventory/object-key'
import type { InventoryObject, ObjectMapping } from '../../../../shared/results/inventory-result'
import { COUCH2PG_MAPPINGS, RAW_TABLE_NAMES } from '../mapping/couch2pg-objects'
import { listSome } from '../mapping/leftover'
import { compare, isCustom, isMappedKind, namesRead, upstreamOf } from '../mapping/object-graph'
import {
  baseFromClause,
  chooseBaseSource,
  resolveBaseColumn,
  type BaseSource,
  type ResolvedColumn,
} from './base-source'
import { keyColumnOf } from './key-column'
import { baseWhere } from './model-where'
import { nullOf, sqlIdent } from './sql-text'

/** Rows (of the object or anything upstream) from which a model with a key is made incremental. */
export const LARGE_TABLE_ROWS = 1_000_000

/** One column of a scaffold model. */
export interface PlannedColumn extends ResolvedColumn {
  name: string
  type: string
}

/** What a scaffold model selects, from where, and how it is materialized, before it is written. */
export interface ModelPlan {
  name: string
  object: InventoryObject
  mapping: ObjectMapping | null
  materialization: 'incremental' | 'materialized_view'
  /** The old object's key column (see `keyColumnOf`), or null. */
  key: string | null
  /** Whether the object or something upstream holds `LARGE_TABLE_ROWS` rows or more. */
  large: boolean
  /** FROM and JOIN lines; empty for a model with nothing to select from (a table to seed). */
  from: string[]
  columns: PlannedColumn[]
  where: string[]
  /** The `saved_timestamp` an incremental run filters on (`data_record.saved_timestamp`), or null. */
  incrementalOn: string | null
  todos: string[]
  /** The models it `ref()`s: cht-pipeline's or this scaffold's. */
  refs: string[]
}

/** What planning a model needs to know of the rest of the scaffold and the inventory. */
export interface PlanContext {
  byKey: Map<string, InventoryObject>
  objects: readonly InventoryObject[]
  mappings: ReadonlyMap<string, ObjectMapping>
  /** The model name of each object being rebuilt, by key. */
  names: ReadonlyMap<string, string>
  /** Plans made so far (upstream first), by object key. */
  plans: ReadonlyMap<string, ModelPlan>
}

const CONSTRUCTS: ReadonlyArray<[string, RegExp]> = [
  ['GROUP BY', /\bgroup\s+by\b/i],
  ['DISTINCT', /\bdistinct\b/i],
  ['UNION', /\bunion\b/i],
  ['window functions', /\bover\s*\(/i],
  ['CASE', /\bcase\b/i],
  ['joins', /\bjoin\b/i],
  ['subqueries', /\(\s*select\b/i],
]
/** Rows that are not one per source document: an incremental filter would give partial results. */
const AGGREGATES =
  /\bgroup\s+by\b|\bdistinct\b|\bunion\b|\bover\s*\(|\b(count|sum|avg|min|max|array_agg|string_agg|json_agg|jsonb_agg|bool_and|bool_or)\s*\(/i

/** How the dependencies of an object stand in the scaffold. */
function classifyDeps(object: InventoryObject, ctx: PlanContext) {
  const names = namesRead(object, ctx.byKey)
  const readsBase = [...names].some(
    (n) => RAW_TABLE_NAMES.has(n) || Object.hasOwn(COUCH2PG_MAPPINGS, n),
  )
  const rebuilt: InventoryObject[] = []
  const missing: InventoryObject[] = []
  const functions: InventoryObject[] = []
  for (const key of object.dependsOn) {
    const dep = ctx.byKey.get(key)
    if (!dep || key === object.key) continue
    if (ctx.names.has(key)) rebuilt.push(dep)
    else if (dep.kind === 'function' || dep.kind === 'procedure') functions.push(dep)
    else if (isCustom(dep) && isMappedKind(dep)) missing.push(dep)
  }
  return { readsBase, rebuilt, missing, functions }
}

/**
 * Plans the model of one object being rebuilt (plan its rebuilt upstream objects first).
 *
 * It selects from the base models its mapping names (joined to the raw table for the JSON paths
 * they do not cover) when it reads couch2pg's tables or views, else from the rebuilt object it
 * shares most columns with. It is `incremental` when the object or anything upstream holds
 * `LARGE_TABLE_ROWS` rows or more, it has a plain key column the model fills, what it selects
 * from has a `saved_timestamp`, nothing is flagged for manual review, and its definition does
 * not aggregate (GROUP BY, DISTINCT, UNION, window or aggregate functions: rows that are not one
 * per document would come out partial); otherwise a materialized view.
 */
export function planModel(object: InventoryObject, ctx: PlanContext): ModelPlan {
  const name = ctx.names.get(object.key) ?? object.name
  const mapping = ctx.mappings.get(object.key) ?? null
  const deps = classifyDeps(object, ctx)
  const todos: string[] = []
  const refs = new Set<string>()
  const source = chooseBaseSource(mapping?.models ?? [])
  let from: string[] = []
  let columns: PlannedColumn[]
  let where: string[] = []
  let incrementalOn: string | null = null
  let others = deps.rebuilt

  if (source && (deps.readsBase || deps.rebuilt.length === 0)) {
    columns = object.columns.map((c) => ({ ...c, ...resolveBaseColumn(c, source, object) }))
    where = baseWhere(object, source.primary, todos)
    from = baseFromClause(
      source,
      columns.some((c) => c.raw),
    )
    for (const m of [source.primary, ...source.joined]) refs.add(m)
    if (source.primary !== 'contact_type') incrementalOn = `${source.primary}.saved_timestamp`
    unjoinedTodo(source, todos)
  } else if (deps.rebuilt.length > 0) {
    const upstream = bestUpstream(object, deps.rebuilt, ctx)
    const alias = ctx.names.get(upstream.key)!
    const plan = ctx.plans.get(upstream.key)
    const offered = new Set((plan?.columns ?? upstream.columns).map((c) => c.name))
    columns = object.columns.map((c) => ({ ...c, ...fromUpstream(c, alias, offered) }))
    from = [`FROM {{ ref('${alias}') }} ${alias}`]
    refs.add(alias)
    if (plan?.columns.some((c) => c.name === 'saved_timestamp' && c.filled)) {
      incrementalOn = `${alias}.saved_timestamp`
    }
    others = deps.rebuilt.filter((d) => d.key !== upstream.key)
  } else {
    columns = object.columns.map((c) => ({ ...c, ...placeholder(c.type) }))
    todos.push(
      object.kind === 'table'
        ? 'A table of its own: load its data with a dbt seed (seeds/*.csv) or keep the job that fills it; this model selects nothing yet.'
        : 'It reads nothing this scaffold can select from: write its SELECT from the old definition below.',
    )
  }
  dependencyTodos(deps, others, ctx, todos)
  for (const d of others) refs.add(ctx.names.get(d.key)!)
  reviewTodos(object, columns, todos)

  const key = keyColumnOf(object, ctx.objects)
  const large = [object, ...upstreamOf(object.key, ctx.byKey)].some(
    (o) => (o.rows ?? 0) >= LARGE_TABLE_ROWS,
  )
  const keyFilled = columns.some((c) => c.name === key && c.filled)
  const incremental =
    large &&
    key !== null &&
    /^[a-z_][a-z0-9_]*$/.test(key) &&
    keyFilled &&
    incrementalOn !== null &&
    !object.analysis?.manualReview &&
    !object.analysis?.parseError &&
    !AGGREGATES.test(object.definition ?? '')
  if (incremental && !columns.some((c) => c.name === 'saved_timestamp')) {
    columns.push({
      name: 'saved_timestamp',
      type: 'timestamp without time zone',
      expr: incrementalOn!,
      from: `${incrementalOn} (added for incremental runs)`,
      note: 'added: incremental runs filter on it',
      raw: false,
      filled: true,
    })
  }
  return {
    name,
    object,
    mapping,
    materialization: incremental ? 'incremental' : 'materialized_view',
    key,
    large,
    from,
    columns,
    where,
    incrementalOn: incremental ? incrementalOn : null,
    todos,
    refs: [...refs],
  }
}

function placeholder(type: string): ResolvedColumn {
  return {
    expr: nullOf(type),
    from: 'not translated: see the old definition',
    note: 'TODO(review): fill it from the old definition',
    raw: false,
    filled: false,
  }
}

function fromUpstream(
  column: { name: string; type: string },
  alias: string,
  offered: ReadonlySet<string>,
): ResolvedColumn {
  if (!offered.has(column.name)) return placeholder(column.type)
  const expr = `${alias}.${sqlIdent(column.name)}`
  return { expr, from: expr, note: null, raw: false, filled: true }
}

/** The rebuilt upstream offering most of the object's column names (then the first by name). */
function bestUpstream(
  object: InventoryObject,
  rebuilt: readonly InventoryObject[],
  ctx: PlanContext,
): InventoryObject {
  const wanted = new Set(object.columns.map((c) => c.name))
  const score = (o: InventoryObject) =>
    (ctx.plans.get(o.key)?.columns ?? o.columns).filter((c) => wanted.has(c.name)).length
  return [...rebuilt].sort(
    (a, b) => score(b) - score(a) || compare(ctx.names.get(a.key)!, ctx.names.get(b.key)!),
  )[0]!
}

function unjoinedTodo(source: BaseSource, todos: string[]): void {
  if (source.unjoined.length === 0) return
  const models = source.unjoined.map((m) => `ref('${m}')`)
  todos.push(
    `It also reads ${listSome(models, 5)}: join ${source.unjoined.length === 1 ? 'it' : 'them'} as the old definition does.`,
  )
}

function dependencyTodos(
  deps: ReturnType<typeof classifyDeps>,
  others: readonly InventoryObject[],
  ctx: PlanContext,
  todos: string[],
): void {
  for (const d of others) {
    todos.push(
      `It also reads ${objectLabel(d)}, now ref('${ctx.names.get(d.key)}'): join it as the old definition does.`,
    )
  }
  for (const d of deps.missing) {
    todos.push(
      `It reads ${objectLabel(d)}, which this scaffold does not rebuild: rebuild it too, or read the base models it maps to.`,
    )
  }
  for (const d of deps.functions) {
    todos.push(
      `It calls ${objectLabel(d)}: move its logic into this model (or a macro), or keep the function and point it at the new models.`,
    )
  }
}

function reviewTodos(object: InventoryObject, columns: PlannedColumn[], todos: string[]): void {
  if (object.kind === 'function' || object.kind === 'procedure') {
    todos.push(
      'A function becomes a model without parameters: select every row here and filter in the dashboard, or keep a function over this model.',
    )
  }
  if (object.analysis?.manualReview) todos.push(object.analysis.manualReview)
  if (object.analysis?.parseError) {
    todos.push(`The SQL parser rejected the old definition: ${object.analysis.parseError}`)
  }
  const used = CONSTRUCTS.filter(([, re]) => re.test(object.definition ?? '')).map(([n]) => n)
  if (used.length > 0) {
    todos.push(
      `The old definition uses ${listSome(used, 7)}, which this scaffold does not translate: rewrite that logic from the definition below.`,
    )
  }
  const unfilled = columns.filter((c) => !c.filled).length
  if (unfilled > 0) {
    todos.push(
      `${unfilled} of ${columns.length} columns are NULL placeholders: fill them from the old definition.`,
    )
  }
  if (columns.length === 0) {
    todos.push(
      'The inventory lists no columns for it: write its SELECT list from the old definition.',
    )
  }
}
