import { fieldsOf, listOf, namesOf } from './ast'
import type { Collector } from './collector'
import {
  collectAliases,
  filtersOf,
  jsonOperator,
  readChain,
  type JsonAliases,
  type JsonChain,
} from './json-chains'
import { isNode, type Node } from './types'

/** Statements that may carry a `WITH`: their CTE names hide relations of the same name. */
const SCOPED = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt'])
/** Fields whose expressions decide which rows are read: equalities there are filters. */
const FILTERING = new Set(['whereClause', 'havingClause', 'quals', 'joinCondition', 'agg_filter'])
/** Fields naming what a statement creates, not what it reads. */
const CREATED = new Set(['intoClause', 'into', 'typeName'])

/**
 * Walks one parsed statement (any node of libpg-query's JSON) into `out`: relations (without the
 * CTE names in scope), function calls, JSON paths and filters. A `CREATE VIEW` or
 * `CREATE MATERIALIZED VIEW … AS` contributes its query only.
 */
export function collectStatement(statement: unknown, out: Collector): void {
  new StatementWalker(out, collectAliases(statement)).run(statement)
}

class StatementWalker {
  private readonly ctes: Set<string>[] = []
  /** Paths of alias definitions, added at the end unless a read continued the alias. */
  private readonly aliasPaths = new Map<string, JsonChain>()

  constructor(
    private readonly out: Collector,
    private readonly aliases: JsonAliases,
  ) {}

  run(statement: unknown): void {
    this.visit(statement, false)
    for (const [name, chain] of this.aliasPaths) {
      if (!this.aliases.get(name)?.used) this.out.addPath(chain.column, chain.keys)
    }
  }

  private visit(value: unknown, filtering: boolean): void {
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item, filtering)
      return
    }
    if (!isNode(value)) return
    for (const [key, child] of Object.entries(value)) this.entry(key, child, filtering)
  }

  private entry(key: string, child: unknown, filtering: boolean): void {
    if (!isNode(child) && !Array.isArray(child)) return
    if (CREATED.has(key)) return
    if (FILTERING.has(key)) return this.visit(child, true)
    if (!isNode(child)) return this.visit(child, filtering)
    if (SCOPED.has(key)) return this.scoped(child)
    switch (key) {
      case 'ViewStmt':
      case 'CreateTableAsStmt':
        return this.visit(child.query, false)
      // Typed fields hold a bare RangeVar: INSERT, UPDATE, DELETE, MERGE, REFRESH, COPY.
      case 'RangeVar':
      case 'relation':
        return this.relation(child)
      case 'FuncCall':
      case 'funccall':
        return this.call(child, filtering)
      case 'A_Expr':
        return this.expression(child, filtering)
      case 'ResTarget':
        return this.target(child, filtering)
      case 'TypeCast':
        return this.visit(child.arg, filtering)
      default:
        return this.visit(child, filtering)
    }
  }

  /** A statement with its own `WITH`: the CTE names are in scope for all of it. */
  private scoped(fields: Node): void {
    // A typed field: the WithClause's own fields, not a wrapped node.
    const withClause = isNode(fields.withClause) ? fields.withClause : null
    const names = new Set<string>()
    for (const cte of listOf(withClause?.ctes)) {
      const name = fieldsOf(cte, 'CommonTableExpr')?.ctename
      if (typeof name === 'string') names.add(name)
    }
    if (names.size > 0) this.ctes.push(names)
    // Row filters of an enclosing query do not reach into this one's select list.
    this.visit(fields, false)
    if (names.size > 0) this.ctes.pop()
  }

  private relation(rangeVar: Node): void {
    const name = typeof rangeVar.relname === 'string' ? rangeVar.relname : null
    if (name === null) return
    const schema = typeof rangeVar.schemaname === 'string' ? rangeVar.schemaname : null
    if (schema === null && this.ctes.some((scope) => scope.has(name))) return
    this.out.addRelation(schema, name)
  }

  private call(call: Node, filtering: boolean): void {
    const parts = namesOf(call.funcname)
    if (parts.every((p): p is string => p !== null)) this.out.addFunction(parts)
    this.visit(call.args, filtering)
    this.visit(call.agg_order, false)
    this.visit(call.agg_filter, true)
    this.visit(call.over, false)
  }

  private expression(expr: Node, filtering: boolean): void {
    const node = { A_Expr: expr }
    if (jsonOperator(node)) return this.chain(node, null)
    if (filtering) {
      for (const [keys, values] of filtersOf(expr, this.aliases)) this.out.addFilter(keys, values)
    }
    this.visit(expr.lexpr, filtering)
    this.visit(expr.rexpr, filtering)
  }

  /** A JSON operator chain: its longest path only, then whatever its keys compute. */
  private chain(node: Node, aliasName: string | null): void {
    const chain = readChain(node, this.aliases)
    if (!chain) {
      const expr = jsonOperator(node) as Node
      this.visit(expr.lexpr, false)
      this.visit(expr.rexpr, false)
      return
    }
    if (aliasName !== null) this.aliasPaths.set(aliasName, chain)
    else this.out.addPath(chain.column, chain.keys)
    for (const loose of chain.loose) this.visit(loose, false)
  }

  private target(target: Node, filtering: boolean): void {
    const name = typeof target.name === 'string' ? target.name : null
    const alias = name === null ? undefined : this.aliases.get(name)
    if (name !== null && alias && alias.definition === target.val && isNode(target.val)) {
      this.chain(target.val, name)
    } else {
      this.visit(target.val, filtering)
    }
    this.visit(target.indirection, filtering)
  }
}
