import type pg from 'pg'
import {
  scanWithCursor,
  DEFAULT_SCAN_BUDGET,
  type ScanBudget,
  type ScanOutcome,
} from './cursor-scan'
import { DbConnectError, DbTimeoutError, queryCancelled } from './errors'
import { cancelOnServer } from './server-cancel'
import { assertReadStatement, gatedStatementText } from './sql-gate'

/** How long one read operation may take, and what may stop it. */
export interface ReadOptions {
  /** The server cancels any statement of the transaction that runs longer (`SET LOCAL`). */
  statementTimeoutMs: number
  /**
   * The whole operation (getting a session, every statement) must end this long after it began;
   * when it passes, the running query is cancelled on the server. Absent: statements only.
   */
  deadlineMs?: number
  /** Cancels the running query on the server, throws away the session, rejects with CANCELLED. */
  signal?: AbortSignal
  /**
   * `work_mem` for the transaction's statements (`SET LOCAL`, issued by the engine with the
   * timeout), in MB: an integer from 1 to `MAX_WORK_MEM_MB`. Absent: the server's setting.
   */
  workMemMb?: number
}

/** The largest `workMemMb` the engine sets (per sort or hash node of a statement). */
export const MAX_WORK_MEM_MB = 1_024

/**
 * The two session profiles (architecture, "Databases: the rules"): `probe` for connection tests
 * and catalog reads (short), `scan` for inventory and parity reads through cursors (long, bounded
 * by a row and byte budget instead, see `ReadTx.scan`).
 */
export const SESSION_PROFILES = {
  probe: { statementTimeoutMs: 30_000 },
  scan: { statementTimeoutMs: 10 * 60_000 },
} as const satisfies Record<string, ReadOptions>

/** The client gives a statement this long past its server-side timeout before cancelling it. */
export const CLIENT_GRACE_MS = 2_000

/** Statements of one read-only transaction; each passes the gate first. */
export interface ReadTx {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<pg.QueryResult<R>>
  /** Streams rows through a cursor within `budget` (see `scanWithCursor`). */
  scan<R = pg.QueryResultRow>(
    sql: string,
    params: readonly unknown[],
    budget: Partial<ScanBudget>,
    onRows: (rows: R[]) => void | Promise<void>,
  ): Promise<ScanOutcome>
}

/** The engine's own statements: fixed strings of this module, never from a caller (SEC-12). */
const begin = (statementTimeoutMs: number, workMemMb?: number) =>
  `BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}` +
  (workMemMb === undefined ? '' : `; SET LOCAL work_mem = '${workMemOf(workMemMb)}MB'`)
const ROLLBACK = 'ROLLBACK'

/** `workMemMb` checked: only an integer in range ever reaches the SQL. */
function workMemOf(mb: number): number {
  if (!Number.isInteger(mb) || mb < 1 || mb > MAX_WORK_MEM_MB) {
    throw new RangeError(`work_mem must be a whole number of MB from 1 to ${MAX_WORK_MEM_MB}.`)
  }
  return mb
}

const seconds = (ms: number) => Math.round(ms / 100) / 10

/**
 * Runs `work` in one read-only transaction the engine opens itself (SEC-12), so several
 * statements share one session and few round trips: `BEGIN READ ONLY`, `SET LOCAL
 * statement_timeout` and, when asked, `SET LOCAL work_mem` (`workMemMb`, checked here: a
 * `RangeError` before connecting) go in one, every statement passes the gate
 * (`assertReadStatement`: a single read, or `SQL_REFUSED` before anything is sent), and the
 * transaction always ends with ROLLBACK.
 *
 * When `signal` fires, or a statement outlives its timeout by `CLIENT_GRACE_MS` (the server did
 * not stop it: a network black hole), or the operation's deadline passes, the running query is
 * cancelled on the server (`cancelOnServer`), the session is destroyed instead of returned to the
 * pool, and the call rejects with `AppError('CANCELLED')` or `DbTimeoutError`. Failing to get a
 * session rejects with `DbConnectError` (the driver's error as its cause).
 */
export function readTransaction<T>(
  pool: pg.Pool,
  options: ReadOptions,
  work: (tx: ReadTx) => Promise<T>,
): Promise<T> {
  return gatedTransaction(pool, options, assertReadStatement, work)
}

/**
 * `readTransaction` with the gate each statement passes given: `assertReadStatement` for every
 * caller but `explainAnalyze`, whose gate lets through the one EXPLAIN ANALYZE it built.
 */
async function gatedTransaction<T>(
  pool: pg.Pool,
  options: ReadOptions,
  gate: (sql: string) => Promise<void>,
  work: (tx: ReadTx) => Promise<T>,
): Promise<T> {
  const { signal } = options
  if (options.workMemMb !== undefined) workMemOf(options.workMemMb)
  if (signal?.aborted) throw queryCancelled()
  const deadlineAt = options.deadlineMs === undefined ? null : Date.now() + options.deadlineMs
  let client: pg.PoolClient | null = null
  let broken = false
  let ended = false
  let cancelling: Promise<void> = Promise.resolve()

  /** Races one round trip against the signal, its watchdog and the deadline. */
  const run = <R>(task: () => Promise<R>): Promise<R> => {
    if (ended) return Promise.reject(new Error('The read transaction has already ended.'))
    if (broken) return Promise.reject(new Error('The read session was cancelled.'))
    if (signal?.aborted) return Promise.reject(queryCancelled())
    const limit = options.statementTimeoutMs + CLIENT_GRACE_MS
    const left = deadlineAt === null ? limit : Math.max(0, deadlineAt - Date.now())
    return new Promise<R>((resolve, reject) => {
      let settled = false
      const finish = () => {
        settled = true
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      const trip = (error: Error) => {
        if (settled) return
        finish()
        broken = true
        if (client) cancelling = cancelOnServer(pool.options, client)
        void cancelling.then(() => reject(error))
      }
      const onAbort = () => trip(queryCancelled())
      // Whichever ends first: this statement's allowance, or what is left of the operation's.
      const deadlineFirst = options.deadlineMs !== undefined && left < limit
      const timeout = deadlineFirst
        ? new DbTimeoutError(
            options.deadlineMs as number,
            `The database operation did not finish within ${seconds(options.deadlineMs as number)} s and was cancelled on the server.`,
          )
        : new DbTimeoutError(options.statementTimeoutMs)
      const timer = setTimeout(() => trip(timeout), Math.min(limit, left))
      signal?.addEventListener('abort', onAbort, { once: true })
      task().then(
        (value) => {
          if (settled) return
          finish()
          resolve(value)
        },
        (error: unknown) => {
          if (settled) return
          finish()
          reject(error)
        },
      )
    })
  }

  const connecting = pool.connect()
  try {
    client = await run(() =>
      connecting.catch((e: unknown) => {
        throw new DbConnectError(e)
      }),
    )
  } catch (e) {
    // A session that arrives after the caller gave up is closed, not leaked.
    connecting.then(
      (late) => late.release(true),
      () => undefined,
    )
    throw e
  }
  const session = client as pg.PoolClient
  try {
    await run(() => session.query(begin(options.statementTimeoutMs, options.workMemMb)))
    const tx: ReadTx = {
      async query<R extends pg.QueryResultRow>(sql: string, params: readonly unknown[] = []) {
        await gate(sql)
        return run(() => session.query<R>(sql, [...params]))
      },
      async scan<R>(
        sql: string,
        params: readonly unknown[],
        budget: Partial<ScanBudget>,
        onRows: (rows: R[]) => void | Promise<void>,
      ) {
        await gate(sql)
        try {
          return await scanWithCursor<R>(
            session,
            sql,
            params,
            { ...DEFAULT_SCAN_BUDGET, ...budget },
            onRows,
            run,
          )
        } catch (e) {
          // The cursor's state is unknown after a failure: the session is not reused.
          broken = true
          throw e
        }
      },
    }
    return await work(tx)
  } finally {
    if (!broken) {
      await run(() => session.query(ROLLBACK)).catch(() => {
        broken = true
      })
    }
    ended = true
    await cancelling
    session.release(broken ? true : undefined)
  }
}

/** One read statement in its own read-only transaction (see `readTransaction`). */
export function readQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(
  pool: pg.Pool,
  options: ReadOptions,
  sql: string,
  params: readonly unknown[] = [],
): Promise<pg.QueryResult<R>> {
  return readTransaction(pool, options, (tx) => tx.query<R>(sql, params))
}

/** One cursor scan in its own read-only transaction (see `readTransaction`, `scanWithCursor`). */
export function readScan<R = pg.QueryResultRow>(
  pool: pg.Pool,
  options: ReadOptions,
  sql: string,
  params: readonly unknown[],
  budget: Partial<ScanBudget>,
  onRows: (rows: R[]) => void | Promise<void>,
): Promise<ScanOutcome> {
  return readTransaction(pool, options, (tx) => tx.scan<R>(sql, params, budget, onRows))
}

/**
 * `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` of a statement a person typed, in a read-only
 * transaction with `options`' timeout (SEC-12): the statement must pass the gate on its own
 * (else `SQL_REFUSED` prefixed with `who`, and nothing is sent), and the EXPLAIN around it is
 * built here; it is the one statement the gate lets through besides reads, as ANALYZE only runs
 * the gated read, which `readQuery` would run as it is. Returns the plan as PostgreSQL gives it.
 */
export async function explainAnalyze(
  pool: pg.Pool,
  options: ReadOptions,
  sql: string,
  who: string,
): Promise<unknown> {
  const body = await gatedStatementText(sql, who)
  // On lines of their own: a `--` comment at the end of the query cannot swallow anything.
  const text = `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)\n${body}\n`
  const gate = async (statement: string) => {
    if (statement !== text) await assertReadStatement(statement)
  }
  const { rows } = await gatedTransaction(pool, options, gate, (tx) =>
    tx.query<{ 'QUERY PLAN': unknown }>(text),
  )
  return rows[0]?.['QUERY PLAN']
}
