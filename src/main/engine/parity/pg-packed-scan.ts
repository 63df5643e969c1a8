import type { ScanBudget, ScanOutcome } from '../db/cursor-scan'
import type { ReadTx } from '../db/read-transaction'
import { cutsByPrefix, prefixLengthOf } from './pg-buckets'
import type { DrillRow } from './pg-drill'
import type { RelationSource } from './pg-relations'
import { segmentIndexOf } from './segment-digest'

/**
 * A whole pass over one table for the drill-down, packed: the server reads the table in runs of
 * `PACK_BLOCKS` heap blocks (a TID range scan, PostgreSQL 14 and later, in heap order as a
 * sequential scan would) and sends each run's rows as ONE `json` value, an array of
 * `[id, rev, deleted, group]`, which Node parses with `JSON.parse`. A million rows then cost
 * Node a few hundred parses instead of a million protocol rows and objects: about four times
 * less of its time, the bottleneck of a full pass when every segment differs.
 *
 * The runs share the caller's transaction; the last run has no upper end, so rows in blocks
 * added since the size was read are not missed.
 */

/** Heap blocks per statement: about 7,000 rows of 1 KB documents, a JSON value of ~600 KB. */
export const PACK_BLOCKS = 1_024

/** The first server version (`server_version_num`) with TID range scans. */
export const TID_RANGE_SINCE = 140000

/** Whether the server of `tx` can run `packedScan` (a TID range scan). */
export async function canPack(tx: ReadTx): Promise<boolean> {
  const { rows } = await tx.query<{ v: string }>(
    `SELECT current_setting('server_version_num') AS v`,
  )
  return Number(rows[0]?.v ?? 0) >= TID_RANGE_SINCE
}

/**
 * A function giving the segment of an id among `boundaries`, faster than a binary search on
 * every row when the boundaries are short prefixes (`cutsByPrefix`): an id's segment is its
 * `k`-code-point prefix's, looked up once per distinct prefix.
 */
export function segmentFinder(boundaries: readonly string[]): (id: string) => number {
  if (!cutsByPrefix(boundaries)) return (id) => segmentIndexOf(id, boundaries)
  const k = prefixLengthOf(boundaries)
  const memo = new Map<string, number>()
  return (id) => {
    const prefix = id.slice(0, k)
    // k UTF-16 units are k code points only without surrogates; otherwise the whole id.
    if (/[\ud800-\udfff]/.test(prefix)) return segmentIndexOf(id, boundaries)
    let segment = memo.get(prefix)
    if (segment === undefined) memo.set(prefix, (segment = segmentIndexOf(prefix, boundaries)))
    return segment
  }
}

type Packed = [string | null, string | null, boolean, string]

/**
 * Every row of `s` for which `keep(id)` holds (all when absent), in heap order, handed to
 * `onRows` a run at a time, within `budget` (rows kept, approximate bytes of their strings).
 */
export async function packedScan(
  tx: ReadTx,
  s: RelationSource,
  budget: ScanBudget,
  onRows: (rows: DrillRow[]) => void | Promise<void>,
  keep?: (id: string) => boolean,
): Promise<ScanOutcome> {
  const size = await tx.query<{ blocks: string }>(
    `SELECT (pg_relation_size($1::regclass) / current_setting('block_size')::int8)::text AS blocks`,
    [s.regclass],
  )
  const blocks = Number(size.rows[0]?.blocks ?? 0)
  const select =
    `SELECT json_agg(json_build_array(${s.id}, ${s.rev}, ${s.deleted}, ${s.group})) AS j` +
    ` FROM ${s.from} WHERE ctid >= $1::tid`
  const out: ScanOutcome = { rows: 0, bytes: 0, partial: null }
  for (let at = 0; ; at += PACK_BLOCKS) {
    const last = at + PACK_BLOCKS >= blocks
    const { rows } = await tx.query<{ j: Packed[] | null }>(
      last ? select : `${select} AND ctid < $2::tid`,
      last ? [`(${at},0)`] : [`(${at},0)`, `(${at + PACK_BLOCKS},0)`],
    )
    const batch: DrillRow[] = []
    for (const [id, rev, deleted, group] of rows[0]?.j ?? []) {
      if (id === null || (keep && !keep(id))) continue
      const bytes = id.length + (rev?.length ?? 0) + group.length + 1
      if (out.rows + 1 > budget.maxRows || out.bytes + bytes > budget.maxBytes) {
        out.partial = {
          reason: 'budget',
          note: `Stopped at the budget after ${out.rows.toLocaleString('en-US')} rows; more rows were left unread.`,
        }
        break
      }
      out.rows += 1
      out.bytes += bytes
      batch.push({ id, rev, deleted, group })
    }
    if (batch.length > 0) await onRows(batch)
    if (out.partial || last) return out
  }
}
