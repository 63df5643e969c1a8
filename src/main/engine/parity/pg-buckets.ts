/**
 * The SQL that puts a row's `id` in its segment, in code-point order: the number of boundaries
 * `<= id COLLATE "C"`, which is `width_bucket(id COLLATE "C", boundaries)`.
 *
 * One `width_bucket` over thousands of text boundaries is slow: for a variable-width array,
 * PostgreSQL walks the array element by element to reach each probe
 * (`width_bucket_array_variable`), so a row costs O(boundaries): about 11 µs per row with 4,096
 * boundaries, ten times the floor's whole cost. So the boundaries become a tree of `FANOUT`-way
 * nodes: a `width_bucket` over a node's separators picks a child with `CASE`, and a leaf's
 * `width_bucket` over at most `2 * FANOUT` boundaries gives the rank. Each array is a parameter.
 */

/**
 * Boundaries a segment tree takes at most: its SQL grows with them, and the gate accepts
 * statements of at most 100,000 characters (4,096 boundaries: about 34,000).
 */
export const MAX_TREE_BOUNDARIES = 4_096

/** Children per node: small arrays keep both `width_bucket`'s walk and `CASE`'s tests short. */
export const FANOUT = 16

export interface BucketSql {
  /** An `int` expression of the segment of the column `column` (`id` unless told). */
  expr: string
  /** The parameters the expression refers to, in order from `$<first>`. */
  params: string[][]
}

/**
 * The segment expression for `boundaries` (ascending in code-point order) of the text column
 * `column` (a trusted name of ours), params from `$first`.
 */
export function bucketSql(boundaries: readonly string[], first = 1, column = 'id'): BucketSql {
  const params: string[][] = []
  const param = (values: string[]) => {
    params.push(values)
    return `$${first + params.length - 1}::text[]`
  }
  /** The rank of `id` among `list`, which starts at global position `offset`. */
  const node = (list: readonly string[], offset: number): string => {
    if (list.length === 0) return `${offset}`
    if (list.length <= 2 * FANOUT) {
      return `${offset === 0 ? '' : `${offset} + `}width_bucket(${column} COLLATE "C", ${param([...list])})`
    }
    // FANOUT children of about equal size; the separator between two children is a boundary
    // itself, counted in the offset of the child after it.
    const size = Math.ceil((list.length + 1) / FANOUT)
    const separators: string[] = []
    const children: { list: readonly string[]; offset: number }[] = []
    let start = 0
    while (start <= list.length) {
      const end = Math.min(list.length, start + size - 1)
      children.push({ list: list.slice(start, end), offset: offset + start })
      if (end < list.length) separators.push(list[end]!)
      start = end + 1
    }
    const top = `width_bucket(${column} COLLATE "C", ${param(separators)})`
    const branches = children.map((c, j) => `WHEN ${j} THEN ${node(c.list, c.offset)}`)
    return `CASE ${top} ${branches.join(' ')} END`
  }
  return { expr: node(boundaries, 0), params }
}

/**
 * Longest boundaries (in code points) that `segmentDigests` cuts by prefix: beyond this, grouping
 * by prefix could make about as many groups as rows, and the per-row tree is used instead.
 */
export const PREFIX_MAX_CHARS = 16

/** The length of the longest boundary in code points (what a prefix must keep). */
export function prefixLengthOf(boundaries: readonly string[]): number {
  let longest = 0
  for (const b of boundaries) longest = Math.max(longest, [...b].length)
  return longest
}

/**
 * Whether rows can be grouped by `left(id, k)` first and the groups put in segments after: true
 * when every boundary has at most `k` code points and `k` is small. Then `id >= b` exactly when
 * `left(id, k) >= b` for every boundary `b` (either `b` is a prefix of `id`, and both hold, or
 * they first differ within `b`'s length, inside the prefix), so a prefix lies in one segment.
 */
export function cutsByPrefix(boundaries: readonly string[]): boolean {
  return boundaries.length > 0 && prefixLengthOf(boundaries) <= PREFIX_MAX_CHARS
}
