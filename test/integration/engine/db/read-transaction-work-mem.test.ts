import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readQuery, readTransaction } from '../../../../src/main/engine/db/read-transaction'
import { createTestDatabase } from '../../../support/test-postgres'
import { harnessPools } from '../../../support/test-pools'

/**
 * `workMemMb`: the engine sets `work_mem` for its own transaction (`SET LOCAL`, like the
 * statement timeout), never through user SQL, and only from a whole number of MB in range.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>
let harness: ReturnType<typeof harnessPools>

beforeAll(async () => {
  db = await createTestDatabase('workmem')
  harness = harnessPools(db.name)
})
afterAll(async () => {
  await harness.close()
  await db.drop()
})

describe('readTransaction with workMemMb', () => {
  it('applies work_mem inside the read-only transaction, and only there', async () => {
    const pool = await harness.pool()
    const inside = await readTransaction(
      pool,
      { statementTimeoutMs: 5_000, workMemMb: 64 },
      async (tx) => {
        const { rows } = await tx.query<{ wm: string; ro: string }>(
          `SELECT current_setting('work_mem') AS wm,
                  current_setting('transaction_read_only') AS ro`,
        )
        return rows[0]!
      },
    )
    expect(inside).toEqual({ wm: '64MB', ro: 'on' })
    // SET LOCAL ends with the transaction: the pooled session is back to the server's default.
    const after = await readQuery<{ wm: string }>(
      pool,
      { statementTimeoutMs: 5_000 },
      `SELECT current_setting('work_mem') AS wm`,
    )
    expect(after.rows[0]!.wm).not.toBe('64MB')
  })

  it('refuses a value that is not a whole number of MB from 1 to 1024, before connecting', async () => {
    const pool = await harness.pool()
    for (const bad of [1.5, 0, -4, 1025, Number.NaN, Infinity]) {
      await expect(
        readQuery(pool, { statementTimeoutMs: 5_000, workMemMb: bad }, 'SELECT 1'),
      ).rejects.toThrow(RangeError)
    }
    const { rows } = await readQuery<{ wm: string }>(
      pool,
      { statementTimeoutMs: 5_000, workMemMb: 1_024 },
      `SELECT current_setting('work_mem') AS wm`,
    )
    expect(rows[0]!.wm).toBe('1GB')
  })
})
