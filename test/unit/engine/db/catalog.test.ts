import type pg from 'pg'
import { describe, expect, it } from 'vitest'
import {
  estimateRows,
  EXACT_COUNT_BELOW,
  EXACT_COUNT_MAX_BYTES,
  isCountable,
  rowCounts,
  serverInfo,
  type Relation,
} from '../../../../src/main/engine/db/catalog'
import { approximateBytes } from '../../../../src/main/engine/db/cursor-scan'
import type { ReadTx } from '../../../../src/main/engine/db/read-transaction'
import { TEXT_LIMITS } from '../../../../src/shared/results/common'

/** A transaction that answers every statement with `rows` and remembers what was sent. */
function fakeTx(rows: Record<string, unknown>[]) {
  const sent: string[] = []
  const tx: ReadTx = {
    async query<R extends pg.QueryResultRow>(sql: string) {
      sent.push(sql)
      return { rows: rows as R[] } as pg.QueryResult<R>
    },
    scan: async () => ({ rows: 0, bytes: 0, partial: null }),
  }
  return { tx, sent }
}

const relation = (patch: Partial<Relation>): Relation => ({
  schema: 'public',
  name: 't',
  kind: 'r',
  columns: ['doc'],
  estimatedRows: 10,
  liveTuples: null,
  bytes: 8192,
  schemaUsage: true,
  canSelect: true,
  ...patch,
})

describe('serverInfo', () => {
  it('clips what a hostile server says to the stored bounds', async () => {
    const huge = '9'.repeat(1_500_000)
    const { tx } = fakeTx([
      { version: `${huge} (Debian)`, database: huge, user: 'u', schema: huge, read_only: 'on' },
    ])
    const info = await serverInfo(tx)
    expect(info.version).toHaveLength(TEXT_LIMITS.short)
    expect(info.label).toHaveLength(TEXT_LIMITS.short)
    expect(info.database).toHaveLength(TEXT_LIMITS.short)
    expect(info.schema).toHaveLength(TEXT_LIMITS.short)
    expect(info.readOnly).toBe(true)
  })

  it('reads the version before the build details', async () => {
    const { tx } = fakeTx([
      { version: '16.4 (Debian 16.4-1)', database: 'd', user: 'u', schema: null, read_only: 'on' },
    ])
    expect(await serverInfo(tx)).toMatchObject({
      version: '16.4',
      label: 'PostgreSQL 16.4',
      schema: null,
    })
  })
})

describe('rowCounts', () => {
  it('counts exactly what is small or never analysed (and not huge), in one statement', async () => {
    const { tx, sent } = fakeTx([{ c0: '5', c1: '70000' }])
    const relations = [
      relation({ name: 'small', estimatedRows: 5 }),
      relation({ name: 'unanalysed', estimatedRows: null }),
      relation({ name: 'big', estimatedRows: EXACT_COUNT_BELOW }),
      relation({ name: 'unanalysed_huge', estimatedRows: null, bytes: EXACT_COUNT_MAX_BYTES + 1 }),
      relation({ name: 'view', kind: 'v', estimatedRows: 3 }),
      relation({ name: 'closed', canSelect: false, estimatedRows: 3 }),
    ]
    expect(await rowCounts(tx, relations)).toEqual([
      { rows: 5, exact: true },
      { rows: 70000, exact: true },
      { rows: EXACT_COUNT_BELOW, exact: false },
      { rows: null, exact: false },
      { rows: 3, exact: false },
      { rows: 3, exact: false },
    ])
    expect(sent).toHaveLength(1)
    expect(sent[0]).toBe(
      'SELECT (SELECT count(*) FROM "public"."small")::text AS c0, (SELECT count(*) FROM "public"."unanalysed")::text AS c1',
    )
  })

  it('treats an estimate of 0 as unknown: PostgreSQL 13 says 0 for a table never analysed', async () => {
    const { tx, sent } = fakeTx([{ c0: '42' }])
    const relations = [
      // PostgreSQL ≤ 13, never analysed (reltuples = 0), or analysed while empty: counted.
      relation({ name: 'pg13_unanalysed', estimatedRows: 0, bytes: 16_384 }),
      // The same, too large to count in a probe: the statistics collector's rows instead.
      relation({
        name: 'pg13_huge',
        estimatedRows: 0,
        liveTuples: 3_000_000,
        bytes: EXACT_COUNT_MAX_BYTES + 1,
      }),
      // Too large, and nothing knows its rows: unknown, not 0.
      relation({ name: 'unknown_huge', estimatedRows: 0, bytes: EXACT_COUNT_MAX_BYTES + 1 }),
    ]
    expect(await rowCounts(tx, relations)).toEqual([
      { rows: 42, exact: true },
      { rows: 3_000_000, exact: false },
      { rows: null, exact: false },
    ])
    expect(sent).toEqual(['SELECT (SELECT count(*) FROM "public"."pg13_unanalysed")::text AS c0'])
  })

  it('never counts a table large on disk, whatever its stale estimate says', () => {
    const stale = relation({ estimatedRows: 50, bytes: EXACT_COUNT_MAX_BYTES + 1 })
    expect(isCountable(stale)).toBe(false)
    expect(isCountable(relation({ estimatedRows: EXACT_COUNT_BELOW - 1 }))).toBe(true)
    expect(isCountable(relation({ kind: 'v', estimatedRows: null }))).toBe(false)
    expect(isCountable(relation({ schemaUsage: false }))).toBe(false)
  })

  it('estimates what it does not count, 0 only for a table with no pages', () => {
    expect(estimateRows(relation({ estimatedRows: 7, liveTuples: 9 }))).toBe(7)
    expect(estimateRows(relation({ estimatedRows: null, liveTuples: 9 }))).toBe(9)
    expect(estimateRows(relation({ estimatedRows: 0, liveTuples: 0, bytes: 0 }))).toBe(0)
    expect(estimateRows(relation({ estimatedRows: 0, liveTuples: 0, bytes: 8192 }))).toBeNull()
    expect(estimateRows(relation({ kind: 'v', estimatedRows: null, bytes: 0 }))).toBeNull()
  })

  it('sends nothing when there is nothing to count', async () => {
    const { tx, sent } = fakeTx([])
    expect(await rowCounts(tx, [relation({ estimatedRows: 500_000 })])).toEqual([
      { rows: 500_000, exact: false },
    ])
    expect(sent).toEqual([])
  })
})

describe('approximateBytes', () => {
  it('sizes values as the caller holds them', () => {
    expect(approximateBytes(null)).toBe(0)
    expect(approximateBytes('abc')).toBe(3)
    expect(approximateBytes(42)).toBe(8)
    expect(approximateBytes(true)).toBe(1)
    expect(approximateBytes(Buffer.alloc(10))).toBe(10)
    expect(approximateBytes({ a: 1 })).toBe(7)
    expect(approximateBytes(['ab', 'c'])).toBe(3)
  })
})
