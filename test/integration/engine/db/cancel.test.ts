import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DbTimeoutError } from '../../../../src/main/engine/db/errors'
import { readQuery, readTransaction } from '../../../../src/main/engine/db/read-transaction'
import { appErrorFrom } from '../../../support/app-error'
import { createTestDatabase } from '../../../support/test-postgres'
import { harnessPools, runningStatements } from '../../../support/test-pools'

/**
 * Cancel for real: when the caller gives up (AbortSignal, deadline) or a statement outlives its
 * timeout, the query stops on the server too, and the pool stays usable.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>
let admin: pg.Client
let harness: ReturnType<typeof harnessPools>

beforeAll(async () => {
  db = await createTestDatabase('cancel')
  admin = await db.client()
  harness = harnessPools(db.name)
})
afterAll(async () => {
  await harness.close()
  await admin.end()
  await db.drop()
})

/** Waits until the server runs a statement containing `marker`. */
async function untilRunning(marker: string) {
  await expect.poll(() => runningStatements(admin, marker), { timeout: 5_000 }).toBe(1)
}

describe('cancelling a read', () => {
  it('an AbortSignal cancels pg_sleep(30) on the server within about a second', async () => {
    const pool = await harness.pool()
    const controller = new AbortController()
    const marker = 'pg_sleep(30) /* abort-me */'
    const running = readQuery(
      pool,
      { statementTimeoutMs: 60_000, signal: controller.signal },
      `SELECT ${marker}`,
    )
    await untilRunning(marker)
    const started = Date.now()
    controller.abort()
    const error = await appErrorFrom(running)
    expect(error.code).toBe('CANCELLED')
    expect(Date.now() - started).toBeLessThan(2_500)
    await expect
      .poll(() => runningStatements(admin, marker), { timeout: 1_000, interval: 50 })
      .toBe(0)
    // The pool lends a working session afterwards.
    expect((await readQuery(pool, { statementTimeoutMs: 5_000 }, 'SELECT 1 AS one')).rows).toEqual([
      { one: 1 },
    ])
  })

  it('an already aborted signal sends nothing', async () => {
    const pool = await harness.pool()
    const controller = new AbortController()
    controller.abort()
    const marker = 'pg_sleep(0.3) /* never-sent */'
    const error = await appErrorFrom(
      readQuery(pool, { statementTimeoutMs: 5_000, signal: controller.signal }, `SELECT ${marker}`),
    )
    expect(error.code).toBe('CANCELLED')
    expect(await runningStatements(admin, marker)).toBe(0)
  })

  it('a statement over its timeout is cancelled by the server (57014)', async () => {
    const pool = await harness.pool()
    const marker = 'pg_sleep(5) /* too-slow */'
    const started = Date.now()
    const error = await readQuery(pool, { statementTimeoutMs: 300 }, `SELECT ${marker}`).catch(
      (e: unknown) => e,
    )
    expect(Date.now() - started).toBeLessThan(2_000)
    expect((error as pg.DatabaseError).code).toBe('57014')
    expect(await runningStatements(admin, marker)).toBe(0)
  })

  it('the operation’s deadline cancels the query on the server, and says it timed out', async () => {
    const pool = await harness.pool()
    const marker = 'pg_sleep(30) /* deadline */'
    const started = Date.now()
    const error = await readTransaction(
      pool,
      { statementTimeoutMs: 60_000, deadlineMs: 600 },
      async (tx) => {
        await tx.query('SELECT 1')
        return tx.query(`SELECT ${marker}`)
      },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DbTimeoutError)
    expect((error as Error).message).toMatch(/did not finish within 0\.6 s and was cancelled/)
    expect(Date.now() - started).toBeLessThan(3_000)
    await expect
      .poll(() => runningStatements(admin, marker), { timeout: 1_000, interval: 50 })
      .toBe(0)
  })

  it('statements after a cancel in the same transaction are refused, not sent', async () => {
    const pool = await harness.pool()
    const controller = new AbortController()
    const marker = 'pg_sleep(30) /* then-more */'
    let after: unknown = null
    const running = readTransaction(
      pool,
      { statementTimeoutMs: 60_000, signal: controller.signal },
      async (tx) => {
        await tx.query(`SELECT ${marker}`).catch(() => undefined)
        after = await tx.query('SELECT 1').catch((e: unknown) => e)
      },
    )
    await untilRunning(marker)
    controller.abort()
    await running.catch(() => undefined)
    expect(after).toBeInstanceOf(Error)
  })
})
