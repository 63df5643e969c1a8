import type pg from 'pg'
import { DEFAULT_SCAN_BUDGET, type ScanBudget, type ScanOutcome } from '../db/cursor-scan'
import {
  readTransaction,
  SESSION_PROFILES,
  type ReadOptions,
  type ReadTx,
} from '../db/read-transaction'
import { bucketSql, cutsByPrefix, MAX_TREE_BOUNDARIES, prefixLengthOf } from './pg-buckets'
import { codePointIndexes, type CodePointIndex } from './pg-index-order'
import { relationSources, type RelationSource, type RelationSpec } from './pg-relations'
import { assertBoundaries, segmentIndexOf, segmentRanges, type IdRange } from './segment-digest'
import type { DocRev } from './types'

/**
 * The drill-down of whole segments on a PostgreSQL side: every row of the segments whose digests
 * differ, for the caller to compare row by row.
 *
 * - `index-range`: when every table's id index sorts in code-point order (`pg-index-order.ts`),
 *   each run of adjacent chosen segments is one range `id >= lo AND id < hi` of that index;
 *   up to `RANGES_PER_STATEMENT` ranges go in one statement, which PostgreSQL answers with a
 *   bitmap of index ranges and one ordered visit of the heap pages they name.
 * - `scan`: otherwise, or when the chosen segments are so many that the ranges would visit most
 *   pages anyway (`SCAN_SHARE`), one pass over each table keeping the rows of chosen segments:
 *   on the server with a segment tree over the edges of the runs of chosen segments, or, past
 *   `STREAM_SHARE` (or past `MAX_TREE_BOUNDARIES` edges), in Node (every row is sent).
 *
 * All statements of one call share one read-only transaction (one snapshot) and one row and byte
 * budget; the rows come in batches through cursors, in no particular order.
 */

/**
 * How a drill-down reads: the read options, a row and byte budget, and `ordered` for rows in
 * code-point order of id across all the spec's tables (sorted on the server), for a caller that
 * reads the segments in order, a batch at a time.
 */
export type DrillOptions = ReadOptions & { budget?: Partial<ScanBudget>; ordered?: boolean }

/** One row of a drilled segment, with its group (couch2pg table, CHT Sync `source`). */
export interface DrillRow extends DocRev {
  group: string
}

/** Id ranges per index-range statement: a few KB of SQL, a bitmap of that many index scans. */
export const RANGES_PER_STATEMENT = 64

/**
 * Above this share of all segments, one pass costs less than the ranges: rows of a segment are
 * spread over the heap, so ranges over a few percent of 1 KB rows touch many pages. Measured on
 * 1,000,000 rows (4,096 segments): ranges 0.07 s for 1 % of segments, 1.1 s for 10 %, 2.2 s for
 * 20 %; one pass 1.7–2 s whatever the share.
 */
export const SCAN_SHARE = 0.15

/**
 * Above this share, the scan sends every row and Node drops those of other segments: the rows
 * kept are most of them anyway, and the segment tree per row on the server cost more (1,000,000
 * rows: 3.2 s with the tree, against about 1.5 s for the bare stream).
 */
export const STREAM_SHARE = 0.5

/**
 * The segment of an id among `boundaries`, faster than a binary search on every row when the
 * boundaries are short prefixes (`cutsByPrefix`): an id's segment is its `k`-code-point
 * prefix's, searched once per distinct prefix.
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

const SELECT = (s: RelationSource) =>
  `SELECT ${s.id} AS id, ${s.rev} AS rev, ${s.deleted} AS deleted, ${s.group} AS "group"` +
  ` FROM ${s.from}`

/** One index-range statement over `ranges` of one table, with its parameters. */
export function rangeSql(
  s: RelationSource,
  index: Pick<CodePointIndex, 'collate'>,
  ranges: readonly IdRange[],
): { sql: string; params: string[] } {
  const params: string[] = []
  const id = `${s.id}${index.collate}`
  const param = (value: string) => (params.push(value), `$${params.length}::text`)
  const conditions = ranges.map(({ lo, hi }) => {
    const parts = [
      ...(lo === null ? [] : [`${id} >= ${param(lo)}`]),
      ...(hi === null ? [] : [`${id} < ${param(hi)}`]),
    ]
    return parts.length === 0 ? 'true' : `(${parts.join(' AND ')})`
  })
  return { sql: `${SELECT(s)} WHERE ${conditions.join(' OR ')}`, params }
}

/**
 * The scan statement of one table: its rows whose segment is one of `chosen` (all rows when
 * null). The filter is a segment tree (`bucketSql`) over the edges of the runs of chosen
 * segments, not over all boundaries: a row is in a run when the count of edges at or below its
 * id is even (the first run open below) or odd. The row's id is named once below the tree
 * (`OFFSET 0`, as in `pg-segments`).
 */
function scanSql(s: RelationSource, runs: readonly IdRange[] | null) {
  if (runs === null) return { sql: SELECT(s), params: [] as unknown[] }
  const edges = runs.flatMap((r) => [r.lo, r.hi]).filter((e): e is string => e !== null)
  const bucket = bucketSql(edges, 1)
  return {
    sql:
      `SELECT id, rev, deleted, "group" FROM (${SELECT(s)} OFFSET 0) AS t` +
      ` WHERE (${bucket.expr}) % 2 = ${runs[0]?.lo === null ? 0 : 1}`,
    params: bucket.params,
  }
}

/**
 * Every row (all groups) of the segments `segmentIndexes` of `boundaries`, handed to `onRows` in
 * batches; the rows of a segment come in any order, or in code-point order of id with `ordered`.
 * Says which method it used (see above); an empty list of segments sends no statement.
 */
export async function drillSegments(
  pool: pg.Pool,
  spec: RelationSpec,
  boundaries: readonly string[],
  segmentIndexes: readonly number[],
  onRows: (rows: DrillRow[]) => void | Promise<void>,
  options: DrillOptions = SESSION_PROFILES.scan,
): Promise<ScanOutcome & { method: 'index-range' | 'scan' }> {
  assertBoundaries(boundaries)
  const chosen = [...new Set(segmentIndexes)].sort((a, b) => a - b)
  for (const i of chosen) {
    if (!Number.isInteger(i) || i < 0 || i > boundaries.length) {
      throw new Error(`No segment ${i} among ${boundaries.length + 1}.`)
    }
  }
  if (chosen.length === 0) return { rows: 0, bytes: 0, partial: null, method: 'index-range' }
  const all = chosen.length === boundaries.length + 1
  const wide = chosen.length > STREAM_SHARE * (boundaries.length + 1)
  const indexes = wide ? null : await codePointIndexes(pool, spec, options)
  const byIndex =
    indexes !== null &&
    chosen.length <= SCAN_SHARE * (boundaries.length + 1) &&
    [...indexes.values()].every((i) => i !== null)
  // A scan's filter on the server is a tree over the runs' edges, of bounded size: beyond it,
  // every row is sent and Node filters.
  const runs = segmentRanges(boundaries, chosen)
  const stream = wide || (!byIndex && 2 * runs.length > MAX_TREE_BOUNDARIES)
  const sources = relationSources(spec)
  const ranges = byIndex ? runs : []
  const chunks: IdRange[][] = []
  for (let at = 0; at < ranges.length; at += RANGES_PER_STATEMENT) {
    chunks.push(ranges.slice(at, at + RANGES_PER_STATEMENT))
  }
  const statementsOf = (s: RelationSource) =>
    byIndex
      ? chunks.map((chunk) => rangeSql(s, indexes!.get(s.regclass)!, chunk))
      : [scanSql(s, stream ? null : runs)]
  const statements = options.ordered
    ? orderedStatements(sources.map(statementsOf))
    : sources.flatMap(statementsOf)
  const budget = { ...DEFAULT_SCAN_BUDGET, ...options.budget }
  // Streaming: every row comes, Node keeps those of the chosen segments (`rows` counts those;
  // the budget and `bytes` what was read).
  const wanted = new Set(chosen)
  const segmentOf = segmentFinder(boundaries)
  const mine = stream && !all ? (id: string) => wanted.has(segmentOf(id)) : undefined
  let kept = 0
  const keep = mine
    ? (rows: DrillRow[]) => {
        const ours = rows.filter((r) => r.id !== null && mine(r.id))
        kept += ours.length
        return ours.length > 0 ? onRows(ours) : undefined
      }
    : onRows
  const read = await readTransaction(pool, options, (tx) => runAll(tx, statements, budget, keep))
  const outcome = mine ? { ...read, rows: kept } : read
  return { ...outcome, method: byIndex ? 'index-range' : 'scan' }
}

/**
 * The statements of every table joined so that rows come in code-point order of id: the k-th
 * statements of all tables (the same ranges, the same parameters) as one `UNION ALL` sorted by
 * `id COLLATE "C"`; the chunks of ranges ascend, so the whole stream does.
 */
function orderedStatements(
  perTable: readonly { sql: string; params: unknown[] }[][],
): { sql: string; params: unknown[] }[] {
  const count = perTable[0]?.length ?? 0
  return Array.from({ length: count }, (_, k) => ({
    sql:
      `SELECT id, rev, deleted, "group" FROM (${perTable.map((t) => t[k]!.sql).join(' UNION ALL ')})` +
      ` AS u ORDER BY id COLLATE "C"`,
    params: perTable[0]![k]!.params,
  }))
}

/** Runs `statements` in turn through cursors within one shared budget. */
async function runAll(
  tx: ReadTx,
  statements: readonly { sql: string; params: unknown[] }[],
  budget: ScanBudget,
  onRows: (rows: DrillRow[]) => void | Promise<void>,
): Promise<ScanOutcome> {
  const total: ScanOutcome = { rows: 0, bytes: 0, partial: null }
  for (const { sql, params } of statements) {
    const left = {
      ...budget,
      maxRows: budget.maxRows - total.rows,
      maxBytes: budget.maxBytes - total.bytes,
    }
    const one = await tx.scan<DrillRow>(sql, params, left, onRows)
    total.rows += one.rows
    total.bytes += one.bytes
    if (one.partial) return { ...total, partial: one.partial }
  }
  return total
}
