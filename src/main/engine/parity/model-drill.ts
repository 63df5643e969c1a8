import type { Partial as PartialRun } from '../../../shared/results/common'
import { readScan } from '../db/read-transaction'
import { BatchQueue, mergeByKey, RowReader } from './model-merge'
import type { ResolvedPair } from './model-schema'
import { onSide, sideReadOptions } from './model-side'
import { drillSql, type SideKey } from './model-sql'
import { drillKey, type DrillRow, type ModelTally } from './model-tally'
import type { MappedColumn, ModelSide } from './model-types'

/** Rows fetched per round trip of a drill-down cursor. */
const DRILL_BATCH = 5_000
/** The drill-down's budget: far above any model, so a run is never cut short silently. */
const DRILL_BUDGET = { maxRows: 200_000_000, maxBytes: 64 * 1024 ** 3, batchRows: DRILL_BATCH }

/** What the drill-down needs to know of the run. */
export interface DrillPlan {
  sides: Record<SideKey, { side: ModelSide; from: string }>
  keys: ResolvedPair[]
  columns: ResolvedPair<MappedColumn>[]
  buckets: number
  /** The buckets to read; null: every row (relative tolerances). */
  only: number[] | null
  statementTimeoutMs: number | undefined
  signal: AbortSignal | undefined
}

/**
 * Reads the rows of the differing buckets from both sides at once, each through a cursor in key
 * order, and merges them into `tally`: keys on one side only, and each column of the keys on both.
 * At most a few batches per side are held. Returns how many rows each side sent, and the scan
 * budget's note when a side stopped at it (the result is then partial).
 *
 * If the merge fails or the caller cancels, both cursors are cancelled on their servers.
 */
export async function drillDown(
  plan: DrillPlan,
  tally: ModelTally,
): Promise<{ fetched: { old: number; new: number }; partial: PartialRun }> {
  const stop = new AbortController()
  const signal = plan.signal ? AbortSignal.any([plan.signal, stop.signal]) : stop.signal
  const fetched = { old: 0, new: 0 }
  const scan = (key: SideKey) => {
    const queue = new BatchQueue<DrillRow>()
    const { side, from } = plan.sides[key]
    const { sql, params } = drillSql(from, plan.keys, plan.columns, key, plan.buckets, plan.only)
    const done = onSide(side, () =>
      readScan<DrillRow>(
        side.pool,
        sideReadOptions(plan.statementTimeoutMs, signal),
        sql,
        params,
        DRILL_BUDGET,
        async (rows) => {
          fetched[key] += rows.length
          await queue.push(rows)
        },
      ),
    ).then(
      (outcome) => {
        queue.end()
        return outcome.partial
      },
      (e: unknown) => {
        queue.fail(e)
        throw e
      },
    )
    return { queue, done }
  }
  const old = scan('old')
  const next = scan('new')
  const keys = plan.keys.length
  try {
    await mergeByKey(
      new RowReader(old.queue),
      new RowReader(next.queue),
      (r) => drillKey(r, keys),
      {
        onlyOld: (row) => tally.onlyOld(row),
        onlyNew: (row) => tally.onlyNew(row),
        both: (a, b) => tally.both(a, b),
        // Repeated keys are reported by the duplicate probe, with their counts.
        repeated: () => undefined,
      },
    )
    const stopped = await Promise.all([old.done, next.done])
    return { fetched, partial: stopped.find((p) => p !== null) ?? null }
  } catch (e) {
    stop.abort()
    old.queue.end()
    next.queue.end()
    await Promise.allSettled([old.done, next.done])
    throw e
  }
}
