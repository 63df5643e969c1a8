import type pg from 'pg'
import Cursor from 'pg-cursor'
import type { Partial as PartialRun } from '../../../shared/results/common'

/** How much a scan may read before it stops and says it is partial. */
export interface ScanBudget {
  /** Rows handed to the caller at most. */
  maxRows: number
  /** Approximate bytes of row data handed to the caller at most (see `approximateBytes`). */
  maxBytes: number
  /** Rows fetched per round trip. */
  batchRows: number
}

export const DEFAULT_SCAN_BUDGET: ScanBudget = {
  maxRows: 1_000_000,
  maxBytes: 256 * 1024 * 1024,
  batchRows: 1_000,
}

/** What a scan read: rows and bytes handed over, and why it stopped early (null: it did not). */
export interface ScanOutcome {
  rows: number
  bytes: number
  partial: PartialRun
}

/**
 * The size of a value as the caller will hold it, roughly: string length, buffer length, 8 for
 * numbers and dates, JSON length for parsed `json`/`jsonb`. Cheap enough to run on every row.
 */
export function approximateBytes(value: unknown): number {
  if (value === null || value === undefined) return 0
  if (typeof value === 'string') return value.length
  if (typeof value === 'number' || typeof value === 'bigint' || value instanceof Date) return 8
  if (typeof value === 'boolean') return 1
  if (Buffer.isBuffer(value)) return value.length
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + approximateBytes(v), 0)
  return JSON.stringify(value)?.length ?? 0
}

const rowBytes = (row: unknown): number =>
  typeof row === 'object' && row !== null
    ? Object.values(row).reduce((sum: number, v) => sum + approximateBytes(v), 0)
    : approximateBytes(row)

const count = (n: number) => n.toLocaleString('en-US')

/**
 * Streams a statement's rows through a server-side cursor (pg-cursor) in batches, handing each to
 * `onRows`, so the process never holds more than a batch. Stops at the row or byte budget,
 * closes the cursor and says so in `partial` (reason `budget`); a result that ends exactly at the
 * budget is complete. `run` wraps each round trip with the transaction's cancel and timeout.
 */
export async function scanWithCursor<R>(
  client: pg.ClientBase,
  sql: string,
  params: readonly unknown[],
  budget: ScanBudget,
  onRows: (rows: R[]) => void | Promise<void>,
  run: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<ScanOutcome> {
  const cursor = client.query(new Cursor<R>(sql, [...params]))
  let rows = 0
  let bytes = 0
  for (;;) {
    // One row more than the budget allows tells "exactly at the budget" from "more to come".
    const want = Math.max(1, Math.min(budget.batchRows, budget.maxRows - rows + 1))
    const batch = await run(() => cursor.read(want))
    let take = Math.min(batch.length, budget.maxRows - rows)
    let over: 'rows' | 'bytes' | null = batch.length > take ? 'rows' : null
    for (let i = 0; i < take; i++) {
      const size = rowBytes(batch[i])
      if (bytes + size > budget.maxBytes) {
        take = i
        over = 'bytes'
        break
      }
      bytes += size
    }
    if (take > 0) await onRows(take === batch.length ? batch : batch.slice(0, take))
    rows += take
    if (over) {
      await run(() => cursor.close())
      const note =
        over === 'rows'
          ? `Stopped at the budget of ${count(budget.maxRows)} rows; more rows were left unread.`
          : `Stopped at the budget of ${count(Math.round(budget.maxBytes / 1024))} KB of row data after ${count(rows)} rows; more rows were left unread.`
      return { rows, bytes, partial: { reason: 'budget', note } }
    }
    if (batch.length < want) {
      await run(() => cursor.close())
      return { rows, bytes, partial: null }
    }
  }
}
