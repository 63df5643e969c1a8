import { ident, qualified } from '../db/identifiers'
import { readQuery, readTransaction, type ReadOptions } from '../db/read-transaction'
import type { ResolvedPair } from './model-schema'
import { onSide } from './model-side'
import { digestSql, duplicatesSql, UNIQUE_KEY_SQL, type SideKey } from './model-sql'
import type { MappedColumn, ModelSide } from './model-types'

/** One bucket of one side as its server digested it. */
export interface BucketDigest {
  rows: number
  /** The exact sum of the rows' 64-bit hashes, as decimal text. */
  hash: string
  /** Nulls per mapped column, in mapping order. */
  nulls: number[]
}

/** What the digest and the duplicate probe of a side need. */
export interface DigestPlan {
  keys: ResolvedPair[]
  columns: ResolvedPair<MappedColumn>[]
  buckets: number
  read: ReadOptions
  sampleLimit: number
}

/**
 * Digests one side on its server (one pass, one aggregate): per key bucket, the row count, the
 * sum of the row images' hashes and the nulls per column (see `digestSql`). Only the buckets
 * that hold rows come back, at most `plan.buckets` small rows.
 */
export async function digestSide(
  side: ModelSide,
  from: string,
  key: SideKey,
  plan: DigestPlan,
): Promise<Map<number, BucketDigest>> {
  const { sql, params } = digestSql(from, plan.keys, plan.columns, key, plan.buckets)
  const { rows } = await onSide(side, () =>
    readQuery<{ b: number; n: number; h: string; z: number[] }>(side.pool, plan.read, sql, params),
  )
  return new Map(rows.map((r) => [r.b, { rows: r.n, hash: r.h, nulls: r.z }]))
}

/** The keys of a side that are not unique: how many, and the most repeated. */
export interface Duplicates {
  keys: number
  samples: { key: (string | null)[]; times: number }[]
}

/**
 * Finds the keys that occur more than once on one side. A relation with a unique index on
 * exactly the key columns is taken at its word (one catalog read instead of a pass).
 */
export async function duplicatesOf(
  side: ModelSide,
  from: string,
  key: SideKey,
  plan: DigestPlan,
): Promise<Duplicates> {
  const names = plan.keys.map((k) => k[key].name)
  const { sql, params } = duplicatesSql(from, plan.keys, key, Math.max(1, plan.sampleLimit))
  const width = plan.keys.length
  return onSide(side, () =>
    readTransaction(side.pool, plan.read, async (tx) => {
      const { source } = side
      if (source.kind === 'relation') {
        const name =
          source.schema === '' ? ident(source.name) : qualified(source.schema, source.name)
        const unique = await tx.query<{ unique: boolean }>(UNIQUE_KEY_SQL, [name, names])
        if (unique.rows[0]?.unique) return { keys: 0, samples: [] }
      }
      const { rows } = await tx.query<Record<string, string | number | null>>(sql, params)
      return {
        keys: Number(rows[0]?.keys ?? 0),
        samples: rows.map((row) => ({
          key: Array.from({ length: width }, (_, i) => {
            const part = row[`k${i}`]
            return part === null || part === undefined ? null : String(part)
          }),
          times: Number(row.n),
        })),
      }
    }),
  )
}
