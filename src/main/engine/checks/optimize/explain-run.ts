import type { ExplainQuery } from '../../../../shared/checks/check-settings'
import { explainTag } from '../../../../shared/checks/optimize-catalog'
import { isAppError } from '../../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import { DbTimeoutError } from '../../db/errors'
import { explainAnalyze, readTransaction } from '../../db/read-transaction'
import { gatedStatementText, readRefusal } from '../../db/sql-gate'
import type { CheckContext } from '../check-types'
import { summarizePlan, type PlanSummary } from './explain-plan'

/**
 * How `optimize.explain` explains one dashboard query: refused unless it is one read statement
 * (the SQL gate), then `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` in a read-only transaction with a
 * statement timeout, and a plain `EXPLAIN (FORMAT JSON)` (estimates only) when ANALYZE runs out
 * of time. A query the server rejects (a missing table, a permission) is reported, not thrown.
 */

/** ANALYZE runs the query: it may take this long before the plain EXPLAIN is used instead. */
export const ANALYZE_TIMEOUT_MS = 15_000
/** A plain EXPLAIN only plans. */
export const PLAIN_TIMEOUT_MS = 10_000

export type ExplainHow = 'analyze' | 'plain' | 'refused' | 'error'

/** One query's EXPLAIN, as the check judges it. */
export interface ExplainedQuery {
  id: string
  label: string
  tag: string
  how: ExplainHow
  /** Why it was refused, what the server said, or that ANALYZE timed out; null otherwise. */
  note: string | null
  plan: PlanSummary | null
}

/** What explaining needs of the database: the two kinds of EXPLAIN (injected in unit tests). */
export interface Explainer {
  /** The statement timeouts the two use, for the notes. */
  analyzeTimeoutMs: number
  plainTimeoutMs: number
  analyze(sql: string, label: string): Promise<unknown>
  plain(sql: string, label: string): Promise<unknown>
}

const EXPLAIN_FIRST = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*explain\b/i

const seconds = (ms: number) => Math.round(ms / 100) / 10

/** Whether an error is a timeout: the server's statement_timeout (57014) or the client's own. */
const timedOut = (e: unknown): boolean =>
  e instanceof DbTimeoutError ||
  (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '57014')

/** A database error about the query itself (an SQLSTATE), not about reaching the server. */
function serverMessage(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return null
  const { code, message } = e as { code?: unknown; message?: unknown }
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null
  return clipText(`PostgreSQL refused it: ${String(message)} (${code}).`, TEXT_LIMITS.line)
}

/** Explains one query (see the module comment); throws only on cancel or a lost connection. */
export async function explainOne(
  query: ExplainQuery,
  explainer: Explainer,
  signal: AbortSignal,
): Promise<ExplainedQuery> {
  const base = { id: query.id, label: query.label, tag: explainTag(query) }
  if (EXPLAIN_FIRST.test(query.sql)) {
    const note =
      'Give the query itself, without EXPLAIN: the check adds EXPLAIN (ANALYZE, BUFFERS).'
    return { ...base, how: 'refused', note, plan: null }
  }
  const refusal = await readRefusal(query.sql)
  if (refusal !== null) return { ...base, how: 'refused', note: refusal, plan: null }
  let note: string
  try {
    const plan = summarizePlan(await explainer.analyze(query.sql, query.label))
    if (plan) return { ...base, how: 'analyze', note: null, plan }
    note = 'EXPLAIN ANALYZE gave no plan the wizard can read; the plain EXPLAIN is shown.'
  } catch (e) {
    if (signal.aborted) throw e
    if (isAppError(e) && e.code === 'SQL_REFUSED') {
      return { ...base, how: 'refused', note: e.message, plan: null }
    }
    if (!timedOut(e)) {
      const message = serverMessage(e)
      if (message === null) throw e
      return { ...base, how: 'error', note: message, plan: null }
    }
    note = `EXPLAIN ANALYZE did not finish within ${seconds(explainer.analyzeTimeoutMs)} s and was cancelled on the server; the plain EXPLAIN (estimates, no times) is shown.`
  }
  try {
    const plan = summarizePlan(await explainer.plain(query.sql, query.label))
    if (plan) return { ...base, how: 'plain', note, plan }
    return { ...base, how: 'error', note: 'EXPLAIN gave no plan the wizard can read.', plan: null }
  } catch (e) {
    if (signal.aborted) throw e
    const message = timedOut(e)
      ? `Even the plain EXPLAIN did not finish within ${seconds(explainer.plainTimeoutMs)} s.`
      : serverMessage(e)
    if (message === null) throw e
    return { ...base, how: 'error', note: message, plan: null }
  }
}

/** The explainer on the CHT Sync database, through the read-only gate and the check's signal. */
export async function databaseExplainer(
  ctx: CheckContext,
  timeouts: { analyzeTimeoutMs?: number; plainTimeoutMs?: number } = {},
): Promise<Explainer> {
  const pool = await ctx.pool('chtSync')
  const signal = ctx.signal
  const analyzeTimeoutMs = timeouts.analyzeTimeoutMs ?? ANALYZE_TIMEOUT_MS
  const plainTimeoutMs = timeouts.plainTimeoutMs ?? PLAIN_TIMEOUT_MS
  return {
    analyzeTimeoutMs,
    plainTimeoutMs,
    analyze: (sql, label) =>
      explainAnalyze(
        pool,
        { statementTimeoutMs: analyzeTimeoutMs, signal },
        sql,
        `“${label}” was not explained`,
      ),
    async plain(sql, label) {
      const body = await gatedStatementText(sql, `“${label}” was not explained`)
      const { rows } = await readTransaction(
        pool,
        { statementTimeoutMs: plainTimeoutMs, signal },
        (tx) => tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON)\n${body}\n`),
      )
      return rows[0]?.['QUERY PLAN']
    },
  }
}
