import type pg from 'pg'
import { readTransaction, SESSION_PROFILES, type ReadOptions } from '../db/read-transaction'
import { compareCodePoints } from '../workers/tasks/code-point-order'
import { MAX_TREE_BOUNDARIES, PREFIX_MAX_CHARS } from './pg-buckets'
import { relationSources, type RelationSpec } from './pg-relations'

/**
 * Segment boundaries from a sample of one side's ids, without a pass over the table: a block
 * sample (`TABLESAMPLE SYSTEM`, which reads only the sampled pages) sized from the planner's
 * row estimate, sorted in code-point order here, then every k-th id. The boundaries only need to
 * be the same for every side of one run; a sample makes segments about even for any id shape
 * (UUIDs, `org.couchdb.user:…`, `form:…`), where a fixed grid of prefixes would not.
 *
 * Boundaries are short prefixes when the data allow: all of `k` code points, for the `k` whose
 * distinct prefixes in the table (estimated from the sample) stay few enough for the server to
 * group rows by prefix in memory (`MAX_PREFIX_GROUPS`, with `DIGEST_WORK_MEM_MB`). Then `segmentDigests` groups rows by
 * `left(id, k)` instead of running the segment tree on every row, which is most of its cost.
 */

/** Sampled ids per wanted boundary: enough for even segments, few enough to be cheap. */
const OVERSAMPLE = 4
/**
 * Sampled ids at most, whatever the target: the sample's cost (pages read, ids sent) grows with
 * it, and boundaries only need to be about even (50,000 ids: about 5 % of a 1 KB-row table's
 * pages at 1,000,000 rows).
 */
export const MAX_SAMPLE_ROWS = 50_000
/**
 * Code points of each sampled id the first sample query sends: enough for the prefix boundaries
 * of most id shapes (UUIDs, hex digests: 4 or 5), few enough to send little. Boundaries that need
 * more (ids sharing a long prefix) come from a second query of whole ids.
 */
const SAMPLE_CHARS = 8
/** Bytes per row assumed when a table was never analysed (CHT documents are about 1 KB). */
const BYTES_PER_ROW_GUESS = 1_024
/**
 * The `work_mem` (MB) of the digest statement (`ReadOptions.workMemMb`): the hash aggregate of
 * up to `MAX_PREFIX_GROUPS` prefixes per side then stays in memory (65,536 groups spilled to
 * disk at the default 4 MB and took four times as long as 4,096).
 */
export const DIGEST_WORK_MEM_MB = 64
/** Distinct prefixes a side may hold at most for prefix boundaries (see `DIGEST_WORK_MEM_MB`). */
export const MAX_PREFIX_GROUPS = 262_144
/**
 * Segments document parity asks for (`sampleBoundaries`' `target`): about 30 rows a segment at
 * 1,000,000 rows, so 750 differences drill about 2–3 % of the rows, while both sides' digests
 * stay about 0.6 MB each (compact rows, see `segmentDigests`).
 */
export const DIGEST_TARGET_SEGMENTS = 32_768

/** The planner's row estimate of each table of `spec`, or a guess from its size on disk. */
async function estimatedRows(pool: pg.Pool, spec: RelationSpec, options: ReadOptions) {
  const names = relationSources(spec).map((s) => s.regclass)
  const { rows } = await readTransaction(pool, options, (tx) =>
    tx.query<{ reltuples: number; bytes: string }>(
      `SELECT c.reltuples::float8 AS reltuples, pg_relation_size(c.oid)::text AS bytes
         FROM unnest($1::text[]) AS t(name) JOIN pg_class c ON c.oid = t.name::regclass`,
      [names],
    ),
  )
  return rows.reduce(
    (sum, r) => sum + (r.reltuples >= 0 ? r.reltuples : Number(r.bytes) / BYTES_PER_ROW_GUESS),
    0,
  )
}

/**
 * About `target` boundaries (strictly ascending in code-point order; fewer for small tables,
 * none for an empty one) taken from a block sample of `spec`'s ids. `seed` makes the sample
 * repeatable on an unchanged table.
 */
export async function sampleBoundaries(
  pool: pg.Pool,
  spec: RelationSpec,
  target: number,
  options: ReadOptions = SESSION_PROFILES.scan,
  seed = 0,
): Promise<string[]> {
  if (target < 1) return []
  const rows = await estimatedRows(pool, spec, options)
  const wanted = Math.min(target * OVERSAMPLE, MAX_SAMPLE_ROWS)
  const percent = rows <= 0 ? 100 : Math.min(100, (100 * wanted) / rows)
  const sampled = relationSources(spec)
    .map(
      (s) =>
        `SELECT ${s.id} AS id FROM ${s.from} TABLESAMPLE SYSTEM ($1::float8) REPEATABLE ($2::float8)`,
    )
    .join(' UNION ALL ')
  // One row holding an array: a row per id would cost more in row headers than in ids.
  const sample = (chars: number | null) =>
    readTransaction(pool, options, (tx) =>
      tx.query<{ ids: string[] | null }>(
        `SELECT array_agg(${chars === null ? 'id' : `left(id, ${chars})`}) AS ids` +
          ` FROM (${sampled}) AS s WHERE id IS NOT NULL`,
        [percent, seed],
      ),
    ).then((r) => inCodePointOrder(r.rows[0]?.ids ?? []))
  const short = await sample(SAMPLE_CHARS)
  const prefixed = prefixBoundaries(short, Math.max(rows, short.length), target, SAMPLE_CHARS)
  // Whole ids would give about one boundary per distinct sampled id, up to the target.
  const distinct = short.filter((id, i) => i === 0 || id !== short[i - 1]).length
  const enough = (b: string[] | null) => b !== null && b.length * 2 >= Math.min(target, distinct)
  // Prefixes of up to `SAMPLE_CHARS` code points are the same cut from whole ids or short ones.
  if (enough(prefixed)) return prefixed!
  const ids = await sample(null)
  // Whole-id boundaries go through the per-row segment tree, whose size is bounded.
  const whole = cutEvenly(
    ids.map((id) => ({ key: id, n: 1 })),
    Math.min(target, MAX_TREE_BOUNDARIES),
  )
  const longer = prefixBoundaries(ids, Math.max(rows, ids.length), target, PREFIX_MAX_CHARS)
  // Prefixes that cannot tell most ids apart (one long shared prefix) would make few, big
  // segments: whole ids then, with the slower per-row segment tree.
  return longer !== null && longer.length * 2 >= whole.length ? longer : whole
}

/** Keys in code-point order with their sample counts, cut into about `target + 1` even parts. */
function cutEvenly(keys: readonly { key: string; n: number }[], target: number): string[] {
  const merged: { key: string; n: number }[] = []
  for (const k of keys) {
    const last = merged[merged.length - 1]
    if (last && last.key === k.key) last.n += k.n
    else merged.push({ ...k })
  }
  const total = merged.reduce((sum, k) => sum + k.n, 0)
  const step = Math.max(1, total / (target + 1))
  const out: string[] = []
  let before = 0
  let next = step
  for (const [i, k] of merged.entries()) {
    if (i > 0 && before >= next && out.length < target) {
      out.push(k.key)
      next = Math.max(next + step, before + 1)
    }
    before += k.n
  }
  return out
}

/**
 * Boundaries of `k` (at most `maxChars`) code points from sorted sample `ids` of a table of
 * about `rows` rows, for the shortest `k` that makes more than `target` sampled prefixes (or
 * the longest) whose estimated distinct prefixes stay within `MAX_PREFIX_GROUPS`; null when
 * even one code point makes too many. The table's distinct count is estimated from the sample
 * with the estimator PostgreSQL's ANALYZE uses (Haas and Stokes' Duj1): n·d / (n − f1 + f1·n/N).
 */
function prefixBoundaries(
  ids: readonly string[],
  rows: number,
  target: number,
  maxChars: number,
): string[] | null {
  const n = ids.length
  if (n === 0) return []
  let best: number | null = null
  for (let k = 1; k <= maxChars; k++) {
    const counts = new Map<string, number>()
    for (const id of ids) {
      const key = prefixOf(id, k)
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    let singles = 0
    for (const c of counts.values()) if (c === 1) singles++
    const d = counts.size
    const estimate = (n * d) / Math.max(1e-9, n - singles + (singles * n) / rows)
    if (estimate > MAX_PREFIX_GROUPS) break
    best = k
    if (d > target || ids.every((id) => prefixOf(id, k) === id)) break
  }
  if (best === null) return null
  const k = best
  return cutEvenly(
    ids.map((id) => ({ key: prefixOf(id, k), n: 1 })),
    target,
  )
}

/**
 * `ids` sorted in code-point order: the engine's default string sort (UTF-16 order) when no id
 * holds a surrogate (then both orders agree), much faster than a comparator.
 */
function inCodePointOrder(ids: string[]): string[] {
  return ids.some((id) => /[\ud800-\udfff]/.test(id)) ? ids.sort(compareCodePoints) : ids.sort()
}

/** The first `k` code points of `id`. */
function prefixOf(id: string, k: number): string {
  let at = 0
  for (let i = 0; i < k && at < id.length; i++) at += id.codePointAt(at)! > 0xffff ? 2 : 1
  return id.slice(0, at)
}
