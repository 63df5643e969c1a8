import { arrayLiteral, constantOf, constantList, fieldsOf, namesOf, operatorOf } from './ast'
import { isNode, type Node } from './types'

/** The operators that read into a json or jsonb value. */
export const JSON_OPERATORS: ReadonlySet<string> = new Set(['->', '->>', '#>', '#>>'])
/** The ones whose result is json again, so an alias of it can be read further. */
const JSON_VALUED: ReadonlySet<string> = new Set(['->', '#>'])

/** Where a key is not a constant (`doc->>p_key`), the path holds this. */
export const UNKNOWN_KEY = '?'

/** A chain of JSON operators over a column: `c.doc->'fields'->>'x'` is `doc` with two keys. */
export interface JsonChain {
  column: string
  keys: string[]
  /** Key expressions that are not constants: they are walked like any other expression. */
  loose: unknown[]
}

/**
 * An output column that is a json value read from a column (`doc->'fields' AS f`): reads of
 * `f->>'x'` in the same statement are `doc.fields.x`. `used` tells whether any read went on.
 */
export interface JsonAlias {
  column: string
  keys: string[]
  /** The `ResTarget.val` that defines it, to recognise the definition during the walk. */
  definition: unknown
  used: boolean
}

export type JsonAliases = Map<string, JsonAlias>

/** The `A_Expr` fields of a binary JSON operator, or null. */
export function jsonOperator(node: unknown): Node | null {
  const expr = fieldsOf(node, 'A_Expr')
  if (!expr || expr.kind !== 'AEXPR_OP') return null
  const op = operatorOf(expr)
  return op !== null && JSON_OPERATORS.has(op) ? expr : null
}

function keysOf(node: unknown, op: string, chain: JsonChain): void {
  const constant = constantOf(node)
  if (op === '->' || op === '->>') {
    if (constant !== null) chain.keys.push(constant)
    else {
      chain.keys.push(UNKNOWN_KEY)
      chain.loose.push(node)
    }
    return
  }
  const keys = constant !== null ? arrayLiteral(constant) : constantList(node)
  if (keys) chain.keys.push(...keys)
  else {
    chain.keys.push(UNKNOWN_KEY)
    chain.loose.push(node)
  }
}

/**
 * The chain `node` reads, or null when it does not start at a column. Casts are looked through
 * (`(doc->'a')::jsonb #>> '{b}'`); a column that is a known alias continues the aliased path
 * (and marks the alias used when `markUsed`).
 */
export function readChain(
  node: unknown,
  aliases: JsonAliases | null,
  markUsed = true,
): JsonChain | null {
  const column = fieldsOf(node, 'ColumnRef')
  if (column) {
    const names = namesOf(column.fields)
    const last = names[names.length - 1]
    if (!last) return null
    const alias = aliases?.get(last)
    if (alias) {
      if (markUsed) alias.used = true
      return { column: alias.column, keys: [...alias.keys], loose: [] }
    }
    return { column: last, keys: [], loose: [] }
  }
  const cast = fieldsOf(node, 'TypeCast')
  if (cast) return readChain(cast.arg, aliases, markUsed)
  const expr = jsonOperator(node)
  if (!expr) return null
  const chain = readChain(expr.lexpr, aliases, markUsed)
  if (chain) keysOf(expr.rexpr, operatorOf(expr) as string, chain)
  return chain
}

function findResTargets(value: unknown, out: Node[]): void {
  if (Array.isArray(value)) {
    for (const item of value) findResTargets(item, out)
    return
  }
  if (!isNode(value)) return
  for (const [key, child] of Object.entries(value)) {
    if (key === 'ResTarget' && isNode(child)) out.push(child)
    findResTargets(child, out)
  }
}

/**
 * The JSON aliases of a statement. A name defined twice with different paths is left out (the
 * analysis cannot tell which one a read means), and so is one named like its own column.
 */
export function collectAliases(statement: unknown): JsonAliases {
  const targets: Node[] = []
  findResTargets(statement, targets)
  const aliases: JsonAliases = new Map()
  const conflicting = new Set<string>()
  // Twice, so an alias of an alias (`f->'a' AS g`) resolves whatever order they come in.
  for (let round = 0; round < 2; round += 1) {
    for (const target of targets) {
      const name = typeof target.name === 'string' ? target.name : null
      const expr = jsonOperator(target.val)
      if (!name || !expr || conflicting.has(name) || !JSON_VALUED.has(operatorOf(expr) ?? '')) {
        continue
      }
      const chain = readChain(target.val, aliases, false)
      if (!chain || chain.column === name || chain.keys.includes(UNKNOWN_KEY)) continue
      const known = aliases.get(name)
      if (known && known.definition !== target.val) {
        aliases.delete(name)
        conflicting.add(name)
        continue
      }
      aliases.set(name, { ...chain, definition: target.val, used: false })
    }
  }
  return aliases
}

/**
 * Columns of couch2pg's own views that hold a document value under another name:
 * `form_metadata.formname` is `doc.form`, `contactview_metadata.contact_type` is
 * `doc.contact_type` (reference 1.5). A view that filters on them filters those documents.
 */
const COUCH2PG_VALUE_COLUMNS: Readonly<Record<string, string[]>> = {
  formname: ['form'],
  contact_type: ['contact_type'],
}

/**
 * The key paths (without the column) an equality side reads, for filters: a JSON chain with
 * constant keys, through casts, or each argument of a `COALESCE` of such chains; or a column of
 * couch2pg's views known to hold a document value (`COUCH2PG_VALUE_COLUMNS`).
 */
export function filterPaths(node: unknown, aliases: JsonAliases): string[][] {
  const column = fieldsOf(node, 'ColumnRef')
  if (column) {
    const names = namesOf(column.fields)
    const path = COUCH2PG_VALUE_COLUMNS[names[names.length - 1] ?? '']
    return path ? [path] : []
  }
  const cast = fieldsOf(node, 'TypeCast')
  if (cast) return filterPaths(cast.arg, aliases)
  const coalesce = fieldsOf(node, 'CoalesceExpr')
  if (coalesce && Array.isArray(coalesce.args)) {
    return coalesce.args.flatMap((arg) => filterPaths(arg, aliases))
  }
  if (!jsonOperator(node)) return []
  const chain = readChain(node, aliases)
  if (!chain || chain.keys.length === 0 || chain.keys.includes(UNKNOWN_KEY)) return []
  return [chain.keys]
}

/** The filters one `A_Expr` of a WHERE, HAVING, JOIN … ON or FILTER clause states. */
export function filtersOf(expr: Node, aliases: JsonAliases): [string[], string[]][] {
  if (operatorOf(expr) !== '=') return []
  const out: [string[], string[]][] = []
  const add = (paths: string[][], values: string[] | null) => {
    if (values) for (const path of paths) out.push([path, values])
  }
  if (expr.kind === 'AEXPR_OP') {
    const left = constantOf(expr.lexpr)
    const right = constantOf(expr.rexpr)
    if (right !== null) add(filterPaths(expr.lexpr, aliases), [right])
    else if (left !== null) add(filterPaths(expr.rexpr, aliases), [left])
  } else if (expr.kind === 'AEXPR_IN' || expr.kind === 'AEXPR_OP_ANY') {
    add(filterPaths(expr.lexpr, aliases), constantList(expr.rexpr))
  }
  return out
}
