import { TEXT_LIMITS } from '../../../../shared/results/common'
import { isNode, type Node } from './types'

type LibpgQuery = typeof import('libpg-query')

let loading: Promise<void> | null = null
let lib: LibpgQuery | null = null

/**
 * Loads PostgreSQL's parser (libpg-query, WASM) once per process or worker; later calls share
 * the same promise. `analyzeSql` and `relationsOfStatement` need it loaded first.
 */
export function loadSqlParser(): Promise<void> {
  loading ??= (async () => {
    // Required here rather than imported: a worker thread evaluates every task's modules when it
    // starts, and only the one analysing SQL should pay for compiling the parser's WebAssembly.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require('libpg-query') as LibpgQuery
    await module.loadModule()
    lib = module
  })().catch((e: unknown) => {
    loading = null
    throw e
  })
  return loading
}

function parser(): LibpgQuery {
  if (!lib) throw new Error('The SQL parser is not loaded: await loadSqlParser() first.')
  return lib
}

/** A parse failure, carrying the parser's own message. */
export class SqlParseError extends Error {
  override readonly name = 'SqlParseError'
}

/** The parser's message, clipped to a stored line. */
export function messageOf(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e)
  const limit = TEXT_LIMITS.line
  return message.length > limit ? `${message.slice(0, limit - 1)}…` : message
}

/** The statements of `sql` (`RawStmt.stmt` nodes), or a `SqlParseError`. */
export function parseStatements(sql: string): Node[] {
  const { parseSync } = parser()
  let tree: { stmts?: { stmt?: unknown }[] }
  try {
    tree = parseSync(sql) as typeof tree
  } catch (e) {
    throw new SqlParseError(messageOf(e))
  }
  return (tree.stmts ?? []).map((s) => s.stmt).filter(isNode)
}

/** The `PLpgSQL_function` trees of a whole `CREATE FUNCTION … LANGUAGE plpgsql` statement. */
export function parsePlpgsql(sql: string): Node[] {
  const { parsePlPgSQLSync } = parser()
  let tree: { plpgsql_funcs?: unknown[] }
  try {
    tree = parsePlPgSQLSync(sql) as unknown as typeof tree
  } catch (e) {
    throw new SqlParseError(messageOf(e))
  }
  return (tree.plpgsql_funcs ?? [])
    .map((f) => (isNode(f) ? f.PLpgSQL_function : undefined))
    .filter(isNode)
}

/**
 * The text after the assignment operator of a PL/pgSQL assignment (`x := n + 1`, `r.f = 2`):
 * found with PostgreSQL's scanner, so strings and comments holding `:=` are not mistaken for it.
 * Null when there is none.
 */
export function assignedExpression(text: string): string | null {
  const { scanSync } = parser()
  let tokens: { end: number; text: string }[]
  try {
    tokens = scanSync(text).tokens
  } catch {
    return null
  }
  let depth = 0
  for (const token of tokens) {
    if (token.text === '(' || token.text === '[') depth += 1
    else if (token.text === ')' || token.text === ']') depth -= 1
    else if (depth === 0 && (token.text === ':=' || token.text === '=')) {
      // Scanner offsets are bytes of the UTF-8 text.
      return Buffer.from(text, 'utf8').subarray(token.end).toString('utf8')
    }
  }
  return null
}
