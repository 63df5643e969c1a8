import type pg from 'pg'
import {
  readQuery,
  readTransaction,
  SESSION_PROFILES,
  type ReadOptions,
} from '../db/read-transaction'
import { DIGEST_WORK_MEM_MB } from './pg-boundaries'
import { bucketSql, cutsByPrefix, MAX_TREE_BOUNDARIES, prefixLengthOf } from './pg-buckets'
import { pairHashSql, type HashKind } from './pg-hash'
import { relationSources, unionSql, type RelationSource, type RelationSpec } from './pg-relations'
import { assertBoundaries, emptyDigests, type SideDigests } from './segment-digest'
import type { DocRev } from './types'

/**
 * Document parity on a PostgreSQL side, done by the server: per-group, per-segment counts and
 * hash sums in one pass, and the drill-down of revisions of given ids through the pipelines' own
 * indexes (see `pg-drill.ts` for the drill-down of whole segments). Every statement goes through
 * the read-only gate (`readTransaction`), with its timeout and cancel.
 *
 * Segments follow code-point order (`COLLATE "C"`, the bytes of UTF-8), so two servers with
 * different collations cut the id space in the same places.
 */

/**
 * Ids per drill-down statement. Small enough that the planner keeps `= ANY($1)` an index lookup
 * per id: with 5,000 ids on a 100,000-row table of 1 KB documents it chose a sequential scan.
 */
export const FETCH_CHUNK = 1_000

export { drillSegments, type DrillRow } from './pg-drill'

/**
 * One table's rows grouped by `(grp, key)` with their live count, hash sum and stub count. The
 * row expressions sit in a subquery with `OFFSET 0`, so `doc->>'_id'` is computed once per row
 * and the planner, which cannot see through it, estimates few groups and aggregates with a hash
 * table (it would otherwise trust the id's statistics, expect a group per row, and sort).
 */
function groupedSql(s: RelationSource, key: string, hashKind: HashKind): string {
  const hash = pairHashSql(hashKind, s.id, `coalesce(${s.rev}, '')`)
  return (
    `SELECT grp, key, count(*) FILTER (WHERE NOT deleted) AS n,` +
    ` sum(h) FILTER (WHERE NOT deleted) AS s, count(*) FILTER (WHERE deleted) AS stubs` +
    ` FROM (SELECT ${s.group} AS grp, ${key} AS key, ${hash} AS h, ${s.deleted} AS deleted` +
    ` FROM ${s.from} OFFSET 0) AS r GROUP BY 1, 2`
  )
}

/**
 * The digest statement for `boundaries`. Two ways to put rows in segments, the same result:
 * - by key (`cutsByPrefix`: every boundary at most `PREFIX_MAX_CHARS` code points, which
 *   `sampleBoundaries` makes; or more boundaries than `MAX_TREE_BOUNDARIES`): rows are grouped
 *   by `left(id, k)` (the whole id otherwise) in a hash table, then the groups and the
 *   boundaries (one array parameter) are sorted together in code-point order and a running count
 *   of the boundaries met gives each group its segment (a boundary sorts before an equal key);
 * - otherwise the segment tree runs on every row.
 */
export function digestSql(
  spec: RelationSpec,
  boundaries: readonly string[],
  hashKind: HashKind,
): { sql: string; params: string[][] } {
  const byPrefix = cutsByPrefix(boundaries)
  const byKey = byPrefix || boundaries.length > MAX_TREE_BOUNDARIES
  const bucket = byKey ? null : bucketSql(boundaries, 1, 'id')
  const branches = relationSources(spec).map((s) => {
    if (byKey) {
      const key = byPrefix ? `left(${s.id}, ${prefixLengthOf(boundaries)})` : s.id
      return groupedSql(s, `${key} COLLATE "C"`, hashKind)
    }
    // The tree refers to the column `id`: give the row's id that name once, below it.
    const rowsOf = `(SELECT ${s.group} AS grp, ${s.id} AS id, ${s.rev} AS rev, ${s.deleted} AS deleted FROM ${s.from} OFFSET 0) AS t`
    const source: RelationSource = {
      ...s,
      from: rowsOf,
      group: 'grp',
      id: 'id',
      rev: 'rev',
      deleted: 'deleted',
    }
    return groupedSql(source, bucket!.expr, hashKind)
  })
  const groups = branches.join(' UNION ALL ')
  const keyed = byKey
    ? `(SELECT * FROM (SELECT grp, CASE WHEN key IS NULL THEN NULL ELSE sum(b) OVER (ORDER BY` +
      ` key COLLATE "C", b DESC ROWS UNBOUNDED PRECEDING) END AS key, n, s, stubs, b FROM` +
      ` (SELECT grp, key, n, s, stubs, 0 AS b FROM (${groups}) AS g UNION ALL SELECT NULL,` +
      ` b COLLATE "C", 0, 0, 0, 1 FROM unnest($1::text[]) AS b) AS m) AS k WHERE b = 0)`
    : `(${groups})`
  const perSegment =
    `SELECT grp, key AS segment, sum(n) AS n, coalesce(sum(s), 0) AS s,` +
    ` sum(stubs) AS stubs FROM ${keyed} AS g GROUP BY 1, 2`
  // The hash sum modulo 2^64 as a signed bigint, sent as the base64 of its 8 bytes (big-endian).
  const M = '18446744073709551616'
  const H = '9223372036854775808'
  const ranked =
    `SELECT grp, segment, n, stubs, (mod(mod(s, ${M}) + ${M} + ${H}, ${M}) - ${H})::int8 AS h,` +
    ` lag(segment, 1, -1) OVER (PARTITION BY grp ORDER BY segment) AS prev FROM (${perSegment}) AS d`
  const record =
    `concat_ws(',', segment - prev, n, CASE WHEN n > 0 THEN` +
    ` rtrim(encode(int8send(h), 'base64'), '=') ELSE '' END, nullif(stubs, 0))`
  const sql =
    `SELECT grp, string_agg(${record}, ';' ORDER BY segment) FILTER (WHERE segment IS NOT NULL)` +
    ` AS d, coalesce(sum(n + stubs) FILTER (WHERE segment IS NULL), 0)::text AS unkeyed` +
    ` FROM (${ranked}) AS e GROUP BY grp`
  return { sql, params: bucket ? bucket.params : [[...boundaries]] }
}

/**
 * One side's digests over `boundaries` (strictly ascending in code-point order), per group (a
 * couch2pg table's name, a CHT Sync `source`), in ONE pass over its table(s): per segment the
 * live rows' `count(*)` and the sum of their pair hashes (summed in `numeric` on the server and
 * reduced modulo 2^64 there), and per segment the deletion stubs, which are agreement with a
 * deletion and so not digested. A group without rows is absent from the map.
 *
 * The statement runs with `DIGEST_WORK_MEM_MB` of `work_mem` (unless `options` say otherwise),
 * so the prefix groups hash in memory, and sends one compact row per group: its non-empty
 * segments as `delta,count,hash[,stubs]` records (`delta`: segment index minus the previous
 * one's; `hash`: base64 of 8 bytes), about 20 bytes a segment instead of a row of 60.
 */
export async function segmentDigests(
  pool: pg.Pool,
  spec: RelationSpec,
  boundaries: readonly string[],
  hashKind: HashKind,
  options: ReadOptions = SESSION_PROFILES.scan,
): Promise<Map<string, SideDigests>> {
  assertBoundaries(boundaries)
  const { sql, params } = digestSql(spec, boundaries, hashKind)
  const read = { ...options, workMemMb: options.workMemMb ?? DIGEST_WORK_MEM_MB }
  const { rows } = await readQuery<{ grp: string; d: string | null; unkeyed: string }>(
    pool,
    read,
    sql,
    params,
  )
  const out = new Map<string, SideDigests>()
  for (const row of rows) {
    const digests = emptyDigests(boundaries)
    out.set(row.grp, digests)
    digests.unkeyed += Number(row.unkeyed)
    if (row.d === null) continue
    let at = -1
    for (const record of row.d.split(';')) {
      const [delta, n, hash, stubs] = record.split(',')
      at += Number(delta)
      const segment = digests.segments[at]
      if (segment === undefined) throw new Error(`The server sent a digest of no segment (${at}).`)
      segment.count = Number(n)
      segment.hash = hash ? Buffer.from(hash, 'base64').readBigUInt64BE(0) : 0n
      digests.deleted[at] = stubs === undefined ? 0 : Number(stubs)
    }
  }
  return out
}

/** The drill-down statement of `fetchRevs`: `$1` is a `text[]` of ids. */
export const fetchRevsSql = (spec: RelationSpec): string =>
  unionSql(spec, (s) => `${s.id} = ANY($1::text[])`)

/** What a side holds for an id: each row (more than one: a duplicated id, or several groups). */
export type Holding = { rev: string | null; deleted: boolean; group: string }[]

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
      const { rows } = await tx.query<DocRev & { grp: string }>(sql, [chunk])
      for (const row of rows) {
        const held = out.get(row.id)
        const entry = { rev: row.rev, deleted: row.deleted, group: row.grp }
        if (held) held.push(entry)
        else out.set(row.id, [entry])
      }
    }
  })
  return out
}
