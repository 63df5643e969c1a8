import type pg from 'pg'
import { type ScanBudget, type ScanOutcome } from '../db/cursor-scan'
import {
  readQuery,
  readScan,
  readTransaction,
  SESSION_PROFILES,
  type ReadOptions,
} from '../db/read-transaction'
import { bucketSql } from './pg-buckets'
import { pairHashSql, type HashKind } from './pg-hash'
import { unionSql, type RelationSpec } from './pg-relations'
import { assertBoundaries, emptyDigests, type SideDigests } from './segment-digest'
import type { DocRev } from './types'

/**
 * Document parity on a PostgreSQL side, done by the server: per-segment counts and hash sums in
 * one pass, and the two drill-downs (revisions of given ids through the pipelines' own indexes,
 * and every pair of chosen segments through a cursor). Every statement goes through the
 * read-only gate (`readTransaction`), with its timeout and cancel.
 *
 * Segments follow code-point order: `width_bucket(id COLLATE "C", boundaries)` compares bytes of
 * UTF-8, so two servers with different collations cut the id space in the same places (see
 * `pg-buckets.ts` for how thousands of boundaries stay cheap per row).
 */

/**
 * Ids per drill-down statement. Small enough that the planner keeps `= ANY($1)` an index lookup
 * per id: with 5,000 ids on a 100,000-row table of 1 KB documents it chose a sequential scan.
 */
export const FETCH_CHUNK = 1_000

const MOD = 1n << 64n

/**
 * The side's `(id, rev, deleted)` as a FROM item computed once per row. `OFFSET 0` keeps the
 * planner from pulling `doc->>'_id'` up into each use (the segment tree uses it several times)
 * and, above it, makes the planner estimate few groups, so it aggregates with a hash table
 * instead of sorting every row. The price: the plan is serial, where the floor's plain
 * aggregate runs with parallel workers (see the benchmark notes).
 */
const pairsOnce = (spec: RelationSpec) =>
  `(SELECT * FROM (${unionSql(spec)}) AS u OFFSET 0) AS pairs`

/**
 * One side's digests over `boundaries` (strictly ascending in code-point order), in ONE pass
 * over its table(s): per segment `count(*)` and the sum of the pair hashes of its live rows
 * (summed in `numeric` on the server, so nothing overflows, and reduced modulo 2^64 here), and
 * per segment the deletion stubs, which are agreement with a deletion and so not digested.
 */
export async function segmentDigests(
  pool: pg.Pool,
  spec: RelationSpec,
  boundaries: readonly string[],
  hashKind: HashKind,
  options: ReadOptions = SESSION_PROFILES.scan,
): Promise<SideDigests> {
  assertBoundaries(boundaries)
  const hash = pairHashSql(hashKind, 'id', `coalesce(rev, '')`)
  const bucket = bucketSql(boundaries)
  const sql =
    `SELECT segment, count(*) FILTER (WHERE NOT deleted) AS n,` +
    ` (sum(h) FILTER (WHERE NOT deleted))::text AS s,` +
    ` count(*) FILTER (WHERE deleted) AS stubs` +
    ` FROM (SELECT ${bucket.expr} AS segment, ${hash} AS h, deleted` +
    ` FROM ${pairsOnce(spec)} OFFSET 0) AS hashed GROUP BY 1`
  const { rows } = await readQuery<{
    segment: number | null
    n: string
    s: string | null
    stubs: string
  }>(pool, options, sql, bucket.params)
  const digests = emptyDigests(boundaries)
  for (const row of rows) {
    if (row.segment === null) {
      digests.unkeyed += Number(row.n) + Number(row.stubs)
      continue
    }
    digests.segments[row.segment] = {
      count: Number(row.n),
      hash: (((row.s === null ? 0n : BigInt(row.s)) % MOD) + MOD) % MOD,
    }
    digests.deleted[row.segment] = Number(row.stubs)
  }
  return digests
}

/** The drill-down statement of `fetchRevs`: `$1` is a `text[]` of ids. */
export const fetchRevsSql = (spec: RelationSpec): string =>
  unionSql(spec, (s) => `${s.id} = ANY($1::text[])`)

/** What a side holds for an id: each row (more than one is a duplicated id). */
export type Holding = { rev: string | null; deleted: boolean }[]

/**
 * The rows each of `ids` has on this side, by equality lookups the pipelines' indexes serve
 * (couch2pg's unique index on `(doc->>'_id')`, CHT Sync's `_id` primary key), in statements of
 * at most `FETCH_CHUNK` ids, all in one read-only transaction. Ids the side lacks are absent.
 */
export async function fetchRevs(
  pool: pg.Pool,
  spec: RelationSpec,
  ids: readonly string[],
  options: ReadOptions = SESSION_PROFILES.scan,
): Promise<Map<string, Holding>> {
  const out = new Map<string, Holding>()
  const unique = [...new Set(ids)]
  if (unique.length === 0) return out
  const sql = fetchRevsSql(spec)
  await readTransaction(pool, options, async (tx) => {
    for (let at = 0; at < unique.length; at += FETCH_CHUNK) {
      const chunk = unique.slice(at, at + FETCH_CHUNK)
      const { rows } = await tx.query<DocRev>(sql, [chunk])
      for (const row of rows) {
        const held = out.get(row.id)
        const entry = { rev: row.rev, deleted: row.deleted }
        if (held) held.push(entry)
        else out.set(row.id, [entry])
      }
    }
  })
  return out
}

/**
 * Streams every `(id, rev, deleted)` of the chosen segments in code-point order, in one pass
 * with the segment filter, through a cursor (`readScan`: batches, a row and byte budget, and
 * `partial` when it stops early). For segments whose counts say another side lacks ids, which
 * `fetchRevs` cannot find.
 */
export async function scanSegments(
  pool: pg.Pool,
  spec: RelationSpec,
  boundaries: readonly string[],
  segmentIndexes: readonly number[],
  onRows: (rows: DocRev[]) => void | Promise<void>,
  options: ReadOptions & { budget?: Partial<ScanBudget> } = SESSION_PROFILES.scan,
): Promise<ScanOutcome> {
  assertBoundaries(boundaries)
  if (segmentIndexes.length === 0) return { rows: 0, bytes: 0, partial: null }
  const bucket = bucketSql(boundaries, 2)
  const params = [segmentIndexes, ...bucket.params]
  const sql =
    `SELECT id, rev, deleted FROM ${pairsOnce(spec)}` +
    ` WHERE ${bucket.expr} = ANY($1::int[]) ORDER BY id COLLATE "C"`
  return readScan<DocRev>(pool, options, sql, params, options.budget ?? {}, onRows)
}
