import { constantOf, fieldsOf, listOf, namesOf, operatorOf } from './ast'
import { Collector } from './collector'
import { UNKNOWN_KEY } from './json-chains'
import { parseStatements, SqlParseError } from './parser'
import { isNode } from './types'
import { collectStatement } from './walk'

/**
 * Stands for text only known at run time in a rebuilt statement: a plain lower-case identifier,
 * so it parses wherever a name or a value may stand and survives PostgreSQL's case folding.
 */
export const RUN_TIME = 'x__run_time__x'

/** What could still be read from one statement built at run time. */
export interface DynamicFinding {
  /** What the statement does to the relations it names: `reads`, `refreshes`… */
  verb: string
  /** Constant starts of relation names chosen at run time (`formview_`). */
  prefixes: string[]
  /** True when a relation name is chosen at run time with no constant start. */
  anyName: boolean
  /** Relations the rebuilt statement names outright. */
  relations: string[]
  /** False when no statement could be rebuilt from the expression. */
  readable: boolean
}

const quoteIdent = (text: string) => `"${text.replaceAll('"', '""')}"`
const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`

/**
 * Applies `format()`'s template to arguments already turned into text: `%s`, `%I`, `%L` and
 * `%%`, with positions (`%2$I`), the `-` flag and widths (`%-10s`, `%*s`). Null for a template
 * `format()` itself would reject.
 */
export function applyFormat(template: string, args: readonly string[]): string | null {
  let out = ''
  let next = 0
  const number = (from: number): [number | null, number] => {
    let end = from
    while (end < template.length && template.charAt(end) >= '0' && template.charAt(end) <= '9') {
      end += 1
    }
    return end > from ? [Number(template.slice(from, end)), end] : [null, from]
  }
  for (let i = 0; i < template.length; i += 1) {
    if (template[i] !== '%') {
      out += template[i]
      continue
    }
    i += 1
    if (template[i] === '%') {
      out += '%'
      continue
    }
    const [digits, end] = number(i)
    const position = digits !== null && template[end] === '$' ? digits : null
    if (position !== null) i = end + 1
    while (template[i] === '-') i += 1
    if (template[i] === '*') {
      i += 1
      const [widthArg, after] = number(i)
      if (widthArg !== null && template[after] === '$') i = after + 1
      else next += 1
    } else {
      i = number(i)[1]
    }
    const index = position !== null ? position - 1 : next
    next = index + 1
    const arg = args[index] ?? RUN_TIME
    const type = template[i]
    if (type === 's') out += arg
    else if (type === 'I') out += quoteIdent(arg)
    else if (type === 'L') out += quoteLiteral(arg)
    else return null
  }
  return out
}

/**
 * The text an expression builds, with `RUN_TIME` for every part only known at run time:
 * constants, `||`, `concat()`, `format()`, `quote_ident()` and `quote_literal()` are followed.
 */
export function textOf(node: unknown): string {
  const constant = constantOf(node)
  if (constant !== null) return constant
  const expr = fieldsOf(node, 'A_Expr')
  if (expr && expr.kind === 'AEXPR_OP' && operatorOf(expr) === '||') {
    return textOf(expr.lexpr) + textOf(expr.rexpr)
  }
  const call = fieldsOf(node, 'FuncCall')
  if (!call) return RUN_TIME
  const name = namesOf(call.funcname)
  const fn = name.length === 1 || name[0] === 'pg_catalog' ? name[name.length - 1] : null
  const args = listOf(call.args)
  switch (fn) {
    case 'format': {
      const template = constantOf(args[0])
      const text = template === null ? null : applyFormat(template, args.slice(1).map(textOf))
      return text ?? RUN_TIME
    }
    case 'concat':
      return args.map(textOf).join('')
    case 'quote_ident':
      return quoteIdent(textOf(args[0]))
    case 'quote_literal':
    case 'quote_nullable':
      return quoteLiteral(textOf(args[0]))
    default:
      return RUN_TIME
  }
}

const VERBS: Record<string, string> = {
  SelectStmt: 'reads',
  RefreshMatViewStmt: 'refreshes',
  InsertStmt: 'writes to',
  UpdateStmt: 'updates',
  DeleteStmt: 'deletes from',
  MergeStmt: 'merges into',
  TruncateStmt: 'empties',
}

const unknownSegments = (path: string) =>
  path
    .split('.')
    .map((segment) => (segment.includes(RUN_TIME) ? UNKNOWN_KEY : segment))
    .join('.')

/**
 * Reads a statement built at run time (`EXECUTE expr`, `RETURN QUERY EXECUTE expr`,
 * `FOR … IN EXECUTE expr`, `OPEN … FOR EXECUTE expr`): the expression itself is analysed like
 * any other, then the statement it builds is rebuilt with `RUN_TIME` for the parts only known
 * then, parsed, and what it names is added to `out`. Relation names holding `RUN_TIME` are not
 * added: their constant start is reported instead.
 */
export function analyseDynamic(expression: string, out: Collector): DynamicFinding {
  const finding: DynamicFinding = {
    verb: 'names',
    prefixes: [],
    anyName: false,
    relations: [],
    readable: false,
  }
  let built: string
  try {
    const [select] = parseStatements(`SELECT ${expression}`)
    collectStatement(select, out)
    const target = listOf(fieldsOf(select, 'SelectStmt')?.targetList)[0]
    built = textOf(fieldsOf(target, 'ResTarget')?.val)
  } catch (e) {
    if (e instanceof SqlParseError) return finding
    throw e
  }
  if (built.trim() === RUN_TIME) return finding
  const inner = new Collector()
  let statements: unknown[]
  try {
    statements = parseStatements(built)
  } catch (e) {
    if (e instanceof SqlParseError) return finding
    throw e
  }
  for (const statement of statements) collectStatement(statement, inner)
  finding.readable = true
  const first = statements[0]
  const kind = isNode(first) ? Object.keys(first)[0] : undefined
  finding.verb = (kind && VERBS[kind]) ?? 'names'
  for (const relation of inner.relations) {
    const at = relation.indexOf(RUN_TIME)
    if (at < 0) {
      out.relations.add(relation)
      finding.relations.push(relation)
    } else if (at === 0 || relation.slice(0, at).endsWith('.')) {
      finding.anyName = true
    } else {
      finding.prefixes.push(relation.slice(0, at))
    }
  }
  for (const fn of inner.functions) if (!fn.includes(RUN_TIME)) out.functions.add(fn)
  for (const path of inner.paths) out.paths.add(unknownSegments(path))
  for (const [path, values] of inner.filters) {
    if (path.includes(RUN_TIME)) continue
    const known = [...values].filter((v) => !v.includes(RUN_TIME))
    if (known.length > 0) out.addFilter(path.split('.'), known)
  }
  return finding
}
