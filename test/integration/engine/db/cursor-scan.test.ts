import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readScan, readTransaction } from '../../../../src/main/engine/db/read-transaction'
import { appErrorFrom } from '../../../support/app-error'
import { createTestDatabase } from '../../../support/test-postgres'
import { harnessPools } from '../../../support/test-pools'

/**
 * The scan profile: rows stream through a server-side cursor in batches, and a scan stops at its
 * row or byte budget and says it is partial.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>
let admin: pg.Client
let harness: ReturnType<typeof harnessPools>
const scan = { statementTimeoutMs: 30_000 }
const SQL = 'SELECT id, payload FROM public.docs ORDER BY id'

beforeAll(async () => {
  db = await createTestDatabase('scan')
  admin = await db.client()
  await admin.query(`
    CREATE TABLE public.docs (id int PRIMARY KEY, payload text);
    INSERT INTO public.docs SELECT g, repeat('x', 92) FROM generate_series(1, 10000) g;`)
  harness = harnessPools(db.name)
})
afterAll(async () => {
  await harness.close()
  await admin.end()
  await db.drop()
})

/** Runs a scan and keeps the size of each batch and the last id seen. */
async function scanned(budget: Parameters<typeof readScan>[4]) {
  const pool = await harness.pool()
  const batches: number[] = []
  let lastId = 0
  const outcome = await readScan<{ id: number }>(pool, scan, SQL, [], budget, (rows) => {
    batches.push(rows.length)
    lastId = rows[rows.length - 1]?.id ?? lastId
  })
  return { outcome, batches, lastId }
}

describe('cursor scans', () => {
  it('read everything in batches when no budget is reached', async () => {
    const { outcome, batches, lastId } = await scanned({ batchRows: 3_000 })
    expect(outcome.rows).toBe(10_000)
    expect(outcome.partial).toBeNull()
    expect(batches).toEqual([3_000, 3_000, 3_000, 1_000])
    expect(lastId).toBe(10_000)
    // id (8) + 92 characters per row.
    expect(outcome.bytes).toBe(10_000 * 100)
  })

  it('stop at the row budget and say they are partial', async () => {
    const { outcome, batches, lastId } = await scanned({ maxRows: 2_500, batchRows: 1_000 })
    expect(outcome.rows).toBe(2_500)
    expect(batches).toEqual([1_000, 1_000, 500])
    expect(lastId).toBe(2_500)
    expect(outcome.partial).toEqual({
      reason: 'budget',
      note: 'Stopped at the budget of 2,500 rows; more rows were left unread.',
    })
  })

  it('are complete when the result ends exactly at the row budget', async () => {
    const { outcome } = await scanned({ maxRows: 10_000, batchRows: 4_000 })
    expect(outcome.rows).toBe(10_000)
    expect(outcome.partial).toBeNull()
  })

  it('stop at the byte budget, never handing over more than it allows', async () => {
    const { outcome, lastId } = await scanned({ maxBytes: 50_050, batchRows: 128 })
    expect(outcome.rows).toBe(500)
    expect(outcome.bytes).toBe(50_000)
    expect(lastId).toBe(500)
    expect(outcome.partial?.reason).toBe('budget')
    expect(outcome.partial?.note).toMatch(/budget of 49 KB of row data after 500 rows/)
  })

  it('go through the gate', async () => {
    const pool = await harness.pool()
    const error = await appErrorFrom(
      readScan(pool, scan, 'DELETE FROM public.docs RETURNING id', [], {}, () => undefined),
    )
    expect(error.code).toBe('SQL_REFUSED')
    const { rows } = await admin.query('SELECT count(*)::int AS n FROM public.docs')
    expect(rows[0].n).toBe(10_000)
  })

  it('leave the transaction usable after a partial scan, with parameters', async () => {
    const pool = await harness.pool()
    const after = await readTransaction(pool, scan, async (tx) => {
      const first = await tx.scan(
        'SELECT id FROM public.docs WHERE id > $1 ORDER BY id',
        [9_000],
        { maxRows: 10 },
        () => undefined,
      )
      const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM public.docs')
      return { first, n: rows[0]?.n }
    })
    expect(after.first.rows).toBe(10)
    expect(after.first.partial?.reason).toBe('budget')
    expect(after.n).toBe(10_000)
  })
})
