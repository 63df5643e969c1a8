import type { Collector } from './collector'
import { analyseDynamic, type DynamicFinding } from './dynamic-sql'
import { assignedExpression, parsePlpgsql, parseStatements, SqlParseError } from './parser'
import { isNode, type Node } from './types'
import { collectStatement } from './walk'

/** PL/pgSQL statements that run SQL built at run time, with the field holding its expression. */
const DYNAMIC: Record<string, string> = {
  PLpgSQL_stmt_dynexecute: 'query',
  PLpgSQL_stmt_dynfors: 'query',
  PLpgSQL_stmt_return_query: 'dynquery',
  PLpgSQL_stmt_open: 'dynquery',
}

/** `PLpgSQL_expr.parseMode`: a whole statement, an expression, or an assignment (`x := …`). */
const STATEMENT = 0
const EXPRESSION = 2

/** What the walk of a PL/pgSQL body found besides what went into the collector. */
export interface PlpgsqlOutcome {
  manualReview: string
  dynamicRelationPrefixes?: string[]
}

const plural = (n: number, one: string, many: string) =>
  n === 0 ? `no ${one}` : `${n} ${n === 1 ? one : many}`

function describeDynamic(findings: DynamicFinding[]): string {
  const phrases = new Set<string>()
  for (const f of findings) {
    for (const prefix of f.prefixes) {
      phrases.add(`${f.verb} a relation whose name starts with “${prefix}”, chosen at run time`)
    }
    if (f.anyName) phrases.add(`${f.verb} a relation whose name is chosen at run time`)
    if (f.relations.length > 0) phrases.add(`${f.verb} ${f.relations.sort().join(', ')}`)
    if (!f.readable) phrases.add('builds a statement whose text could not be read')
  }
  if (phrases.size === 0) phrases.add('nothing more could be read from the statements it builds')
  return `Builds SQL at run time (EXECUTE): ${[...phrases].join('; ')}.`
}

class PlpgsqlWalker {
  queries = 0
  unreadable = 0
  readonly dynamic: DynamicFinding[] = []

  constructor(private readonly out: Collector) {}

  visit(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item)
      return
    }
    if (!isNode(value)) return
    for (const [key, child] of Object.entries(value)) {
      if (!isNode(child) && !Array.isArray(child)) continue
      if (key === 'PLpgSQL_expr' && isNode(child)) this.expression(child)
      else if (key in DYNAMIC && isNode(child)) this.dynamicStatement(child, DYNAMIC[key] as string)
      else this.visit(child)
    }
  }

  private dynamicStatement(stmt: Node, field: string): void {
    for (const [key, child] of Object.entries(stmt)) {
      const expr = key === field && isNode(child) ? child.PLpgSQL_expr : undefined
      if (isNode(expr) && typeof expr.query === 'string') {
        this.dynamic.push(analyseDynamic(expr.query, this.out))
      } else {
        this.visit(child)
      }
    }
  }

  /** An embedded query or expression: parsed as a statement or as `SELECT <expression>`. */
  private expression(expr: Node): void {
    const text = typeof expr.query === 'string' ? expr.query : null
    if (text === null) return
    const mode = typeof expr.parseMode === 'number' ? expr.parseMode : STATEMENT
    // Assignments (`x := …`) hold their target too: only what is assigned is an expression.
    const source = mode === STATEMENT || mode === EXPRESSION ? text : assignedExpression(text)
    if (source === null) {
      this.unreadable += 1
      return
    }
    try {
      const statements = parseStatements(mode === STATEMENT ? source : `SELECT ${source}`)
      for (const statement of statements) collectStatement(statement, this.out)
      if (mode === STATEMENT) this.queries += 1
    } catch (e) {
      if (!(e instanceof SqlParseError)) throw e
      this.unreadable += 1
    }
  }
}

/**
 * Analyses a whole `CREATE FUNCTION … LANGUAGE plpgsql` statement: every query and expression
 * of its body goes into `out`, and the manual-review note says what was found. PL/pgSQL always
 * needs a person (variables, control flow, side effects); SQL built at run time is named first.
 * Throws `SqlParseError` when PostgreSQL's PL/pgSQL parser rejects the body.
 */
export function analysePlpgsql(definition: string, out: Collector): PlpgsqlOutcome {
  const walker = new PlpgsqlWalker(out)
  for (const fn of parsePlpgsql(definition)) walker.visit(fn)
  const unreadable =
    walker.unreadable > 0
      ? `, ${plural(walker.unreadable, 'expression', 'expressions')} it could not parse`
      : ''
  const body =
    `PL/pgSQL: ${plural(walker.queries, 'query', 'queries')} read from its body${unreadable}; ` +
    'variables, control flow and side effects need a person to read.'
  if (walker.dynamic.length === 0) return { manualReview: body }
  const prefixes = [...new Set(walker.dynamic.flatMap((f) => f.prefixes))].sort()
  return {
    manualReview: `${describeDynamic(walker.dynamic)} ${body}`,
    ...(prefixes.length > 0 ? { dynamicRelationPrefixes: prefixes } : {}),
  }
}
