import { loadModule, parseSync } from 'libpg-query'
import { AppError } from '../../../shared/result'
import { readRefusalOfTree } from './read-statement-rules'

/** Longer SQL is refused before parsing; the wizard's own statements are a few hundred characters. */
export const MAX_GATED_SQL_CHARS = 100_000
/** Verdicts kept per SQL text; the engine's probes are a few dozen distinct statements. */
const CACHE_LIMIT = 1_000

let loaded: Promise<void> | null = null
const verdicts = new Map<string, string | null>()

/** Loads the parser (WASM) once per process; later calls share the same promise. */
function parser(): Promise<void> {
  loaded ??= loadModule().catch((e: unknown) => {
    loaded = null
    throw e
  })
  return loaded
}

function parseError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e)
  return message.length > 300 ? `${message.slice(0, 299)}…` : message
}

/**
 * Why `sql` is not a single read statement, in words a person understands, or null when the gate
 * lets it through. Checked with PostgreSQL's own parser (libpg-query), so what the gate reads is
 * what the server will run; verdicts are cached per SQL text.
 */
export async function readRefusal(sql: string): Promise<string | null> {
  const cached = verdicts.get(sql)
  if (cached !== undefined) return cached
  let verdict: string | null
  if (sql.trim() === '') {
    verdict = 'The SQL holds no statement.'
  } else if (sql.length > MAX_GATED_SQL_CHARS) {
    verdict = `The SQL is ${sql.length.toLocaleString('en-US')} characters long; at most ${MAX_GATED_SQL_CHARS.toLocaleString('en-US')} are accepted.`
  } else {
    await parser()
    try {
      verdict = readRefusalOfTree(parseSync(sql).stmts ?? [])
    } catch (e) {
      verdict = `The SQL could not be parsed: ${parseError(e)}.`
    }
  }
  // The oldest verdict goes first; a Map keeps insertion order.
  if (verdicts.size >= CACHE_LIMIT) verdicts.delete(verdicts.keys().next().value as string)
  verdicts.set(sql, verdict)
  return verdict
}

/**
 * The gate every statement the engine sends passes (SEC-12): returns when `sql` is a single read
 * statement, else throws `AppError('SQL_REFUSED')` naming what was found, and the statement never
 * reaches the server. SQL typed by users goes through the same gate.
 */
export async function assertReadStatement(sql: string): Promise<void> {
  const refusal = await readRefusal(sql)
  if (refusal !== null) throw new AppError('SQL_REFUSED', refusal)
}

/**
 * SQL a person typed, made ready to wrap as a subquery: it must pass the gate (else
 * `SQL_REFUSED`, its message prefixed with `who`, and nothing is sent), and it is cut to the one
 * statement PostgreSQL's parser found (byte offsets of the UTF-8 text), without a terminating
 * semicolon or a trailing comment that would break the wrapper. Put it on lines of its own inside
 * the parentheses, so that a `--` comment within it cannot swallow the closing one.
 */
export async function gatedStatementText(sql: string, who: string): Promise<string> {
  const refusal = await readRefusal(sql)
  if (refusal !== null) throw new AppError('SQL_REFUSED', `${who}: ${refusal}`)
  const stmt = parseSync(sql).stmts?.[0]
  const bytes = Buffer.from(sql, 'utf8')
  const start = stmt?.stmt_location ?? 0
  const end = stmt?.stmt_len ? start + stmt.stmt_len : bytes.length
  return bytes.subarray(start, end).toString('utf8')
}
