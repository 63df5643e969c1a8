import { ident } from '../db/identifiers'
import { SIDE_ALIAS } from './model-side'
import type { ResolvedPair } from './model-schema'
import type { ColumnKind, MappedColumn, SideColumn } from './model-types'

/**
 * The SQL of model parity, built per side: each column's normalised image (the text both servers
 * compute identically for values the tolerances call equal), the per-bucket digest, the
 * drill-down scan in key order and the duplicate-key probe. Values travel as parameters;
 * identifiers are quoted with the driver's helper.
 */

/** Collects the parameters of one statement; `add` returns the placeholder. */
export class Params {
  readonly values: unknown[] = []
  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}

/** The kind both sides of a pair compare as: their common kind, else text. */
export function pairKind(pair: ResolvedPair): ColumnKind {
  return pair.old.kind === pair.new.kind ? pair.old.kind : 'text'
}

/** True when the column cannot be hashed: a relative tolerance is checked in Node only. */
export const isRelative = (pair: ResolvedPair<MappedColumn>): boolean =>
  pairKind(pair) === 'number' && (pair.pair.tolerance?.relative ?? 0) > 0

/**
 * The normalised image of one column of one side, as text (null for null):
 * - numbers: `trim_scale(x::numeric)` (1.50 = 1.5 = 1.5::float8), or with an absolute tolerance
 *   `t`, `round(x / t)`: equal images are within `t` of each other (the converse does not hold:
 *   rows whose images differ are drilled into and compared with the tolerance itself);
 * - times: seconds since the epoch of the instant, truncated to the unit in the time zone
 *   (a `timestamp` or `date` is read in that zone, default UTC);
 * - text (and pairs of different kinds): `x::text`, trimmed and/or lower-cased as asked;
 * - anything else: `x::text`;
 * texts in `COLLATE "C"`, so that they are compared, grouped and hashed as bytes.
 */
export function columnImage(
  column: SideColumn,
  kind: ColumnKind,
  tolerance: MappedColumn['tolerance'],
  params: Params,
): string {
  const x = `${SIDE_ALIAS}.${ident(column.name)}`
  if (kind === 'number') {
    const abs = tolerance?.absolute ?? 0
    if (abs > 0) return `round((${x})::numeric / ${params.add(abs)}::numeric)::text`
    return `trim_scale((${x})::numeric)::text`
  }
  if (kind === 'time') {
    // Added only when used: a parameter the statement never reads has no type and fails.
    let placeholder: string | null = null
    const zone = () => (placeholder ??= `${params.add(tolerance?.timeZone ?? 'UTC')}::text`)
    const instant =
      column.typeName === 'timestamptz'
        ? x
        : column.typeName === 'date'
          ? `((${x})::timestamp AT TIME ZONE ${zone()})`
          : `((${x}) AT TIME ZONE ${zone()})`
    const truncated = tolerance?.unit
      ? `date_trunc(${params.add(tolerance.unit)}::text, ${instant}, ${zone()})`
      : instant
    return `extract(epoch FROM ${truncated})::text`
  }
  let text = `(${x})::text`
  if (kind === 'text' && tolerance?.trim) text = `btrim(${text})`
  if (kind === 'text' && tolerance?.ignoreCase) text = `lower(${text})`
  // Byte semantics from here on: a nondeterministic (ICU) collation would make hashing,
  // grouping and `nullif` treat different texts as equal, and differ between servers.
  return `(${text}) COLLATE "C"`
}

/** The side of a pair. */
export type SideKey = 'old' | 'new'

/** Each key column's image on one side (numbers and times normalised like mapped columns). */
export function keyImages(keys: ResolvedPair[], side: SideKey, params: Params): string[] {
  return keys.map((k) => columnImage(k[side], pairKind(k), undefined, params))
}

const NULL_MARK = 'chr(30)'
const joined = (images: string[]) =>
  images.map((image) => `coalesce(${image}, ${NULL_MARK})`).join(` || chr(31) || `)

/** The bucket of a row: the low bits of a 64-bit hash of its key image. */
function bucketOf(keys: string[], mask: string): string {
  return `(hashtextextended(${joined(keys)}, 0) & ${mask}::bigint)::int`
}

/**
 * The digest of every bucket of one side: row count, the sum of a 64-bit hash of the row image
 * (key and every hashable column's image) as exact decimal text, and per mapped column the number
 * of nulls, so buckets that agree still give exact both-null figures.
 */
export function digestSql(
  from: string,
  keys: ResolvedPair[],
  columns: ResolvedPair<MappedColumn>[],
  side: SideKey,
  buckets: number,
): { sql: string; params: unknown[] } {
  const params = new Params()
  const mask = params.add(buckets - 1)
  const key = keyImages(keys, side, params)
  const hashed = columns
    .filter((c) => !isRelative(c))
    .map((c) => columnImage(c[side], pairKind(c), c.pair.tolerance, params))
  const nulls = columns.map((c, i) => `(${SIDE_ALIAS}.${ident(c[side].name)} IS NULL) AS z${i}`)
  const counts = columns.map((_, i) => `count(*) FILTER (WHERE z${i})::int`)
  const sql = `SELECT b, count(*)::int AS n, sum(h)::text AS h,
       ARRAY[${counts.join(', ')}]::int[] AS z
  FROM (SELECT ${bucketOf(key, mask)} AS b,
               hashtextextended(${joined([...key, ...hashed])}, 1) AS h${nulls.map((n) => `,\n               ${n}`).join('')}
          FROM ${from}) AS d
 GROUP BY b`
  return { sql, params: params.values }
}

/**
 * The drill-down scan of one side: key images `k0…`, each mapped column's image `v0…` and its
 * raw text `r0…` where that differs from the image (else null: the raw text is `r ?? v`), of the rows in `only` buckets (all rows when null), in key order by byte
 * (`COLLATE "C"`, nulls first), the order `compareKeys` merges in.
 */
export function drillSql(
  from: string,
  keys: ResolvedPair[],
  columns: ResolvedPair<MappedColumn>[],
  side: SideKey,
  buckets: number,
  only: number[] | null,
): { sql: string; params: unknown[] } {
  const params = new Params()
  const key = keyImages(keys, side, params)
  const select = [
    ...key.map((k, i) => `${k} AS k${i}`),
    ...columns.flatMap((c, i) => {
      const raw = `(${SIDE_ALIAS}.${ident(c[side].name)})::text`
      if (isRelative(c)) return [`${raw} AS v${i}`]
      const image = columnImage(c[side], pairKind(c), c.pair.tolerance, params)
      // The raw text only where it differs from the image: most columns send one value.
      return [`${image} AS v${i}`, `nullif(${raw}, ${image}) AS r${i}`]
    }),
  ]
  let where = ''
  if (only !== null) {
    const mask = params.add(buckets - 1)
    where = `\n WHERE ${bucketOf(key, mask)} = ANY(${params.add(only)}::int[])`
  }
  const order = key.map((_, i) => `k${i} COLLATE "C" NULLS FIRST`).join(', ')
  const sql = `SELECT * FROM (SELECT ${select.join(',\n       ')}
  FROM ${from}${where}) AS d
 ORDER BY ${order}`
  return { sql, params: params.values }
}

/**
 * The keys of one side that occur more than once, the most repeated first, `limit` of them, with
 * how many keys are duplicated in all (`keys`, the same on every row).
 */
export function duplicatesSql(
  from: string,
  keys: ResolvedPair[],
  side: SideKey,
  limit: number,
): { sql: string; params: unknown[] } {
  const params = new Params()
  const key = keyImages(keys, side, params)
  const names = key.map((_, i) => `k${i}`)
  const sql = `SELECT ${names.join(', ')}, count(*)::int AS n, count(*) OVER ()::int AS keys
  FROM (SELECT ${key.map((k, i) => `${k} AS k${i}`).join(', ')} FROM ${from}) AS d
 GROUP BY ${names.join(', ')}
HAVING count(*) > 1
 ORDER BY n DESC, ${names.map((n) => `${n} COLLATE "C"`).join(', ')}
 LIMIT ${params.add(limit)}`
  return { sql, params: params.values }
}

/**
 * True when the relation has a unique index on exactly the key columns (no predicate, no
 * expression), so the duplicate probe can be skipped. Several nulls remain possible there.
 */
export const UNIQUE_KEY_SQL = `SELECT EXISTS (
  SELECT 1 FROM pg_catalog.pg_index i
   WHERE i.indrelid = to_regclass($1) AND i.indisunique AND i.indpred IS NULL
     AND i.indexprs IS NULL AND i.indnatts = cardinality($2::text[])
     AND (SELECT array_agg(a.attname::text ORDER BY a.attname::text)
            FROM pg_catalog.pg_attribute a
           WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey::int2[]))
         = (SELECT array_agg(n ORDER BY n) FROM unnest($2::text[]) AS n)) AS unique`
