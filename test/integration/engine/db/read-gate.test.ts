import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qualified } from '../../../../src/main/engine/db/identifiers'
import { readQuery, readTransaction } from '../../../../src/main/engine/db/read-transaction'
import { AppError } from '../../../../src/shared/result'
import { appErrorFrom } from '../../../support/app-error'
import { createTestDatabase } from '../../../support/test-postgres'
import { harnessPools } from '../../../support/test-pools'

/**
 * SEC-12 on a real server: every statement goes through the gate and runs in a read-only
 * transaction the engine opened; a write fails at the gate, and, when it is hidden where the
 * gate cannot see it (a function), at the server; an identifier cannot carry SQL.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>
let admin: pg.Client
let harness: ReturnType<typeof harnessPools>
const probe = { statementTimeoutMs: 5_000 }

beforeAll(async () => {
  db = await createTestDatabase('gate')
  admin = await db.client()
  await admin.query(`
    CREATE TABLE public.victim (id int);
    INSERT INTO public.victim VALUES (1);
    CREATE SEQUENCE public.counter;
    CREATE FUNCTION public.sneaky() RETURNS int LANGUAGE plpgsql AS
      $$ BEGIN INSERT INTO public.victim VALUES (99); RETURN 1; END $$;`)
  harness = harnessPools(db.name)
})
afterAll(async () => {
  await harness.close()
  await admin.end()
  await db.drop()
})

async function victimRows(): Promise<number> {
  const { rows } = await admin.query('SELECT count(*)::int AS n FROM public.victim')
  return rows[0].n
}

async function tables(): Promise<string[]> {
  const { rows } = await admin.query(
    `SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND relkind = 'r' ORDER BY relname`,
  )
  return rows.map((r) => r.relname)
}

describe('the read path (SEC-12)', () => {
  it('runs in a read-only transaction with the operation’s statement timeout, named cht-migrate', async () => {
    const pool = await harness.pool()
    const { rows } = await readQuery(
      pool,
      { statementTimeoutMs: 1_234 },
      `
      SELECT current_setting('transaction_read_only') AS tx_ro,
             current_setting('default_transaction_read_only') AS default_ro,
             current_setting('statement_timeout') AS st,
             current_setting('application_name') AS app`,
    )
    expect(rows[0]).toEqual({ tx_ro: 'on', default_ro: 'on', st: '1234ms', app: 'cht-migrate' })
  })

  it('shares one transaction between the statements of readTransaction, and ends it', async () => {
    const pool = await harness.pool()
    const seen = await readTransaction(pool, probe, async (tx) => {
      const a = await tx.query<{ pid: number; at: Date }>(
        'SELECT pg_backend_pid() AS pid, now() AS at',
      )
      await tx.query('SELECT pg_sleep(0.05)')
      const b = await tx.query<{ pid: number; at: Date }>(
        'SELECT pg_backend_pid() AS pid, now() AS at',
      )
      return { a: a.rows[0], b: b.rows[0] }
    })
    expect(seen.b?.pid).toBe(seen.a?.pid)
    // now() is the transaction's start: the same in both statements.
    expect(seen.b?.at.getTime()).toBe(seen.a?.at.getTime())
    const { rows } = await admin.query(`SELECT state FROM pg_stat_activity WHERE pid = $1`, [
      seen.a?.pid,
    ])
    expect(rows[0]?.state).toBe('idle')
  })

  it.each([
    ['INSERT INTO public.victim VALUES (2)', /found INSERT/],
    ['DELETE FROM public.victim', /found DELETE/],
    ['DROP TABLE public.victim', /found DROP/],
    ['BEGIN READ WRITE; INSERT INTO public.victim VALUES (3)', /holds 2/],
    ['COMMIT; BEGIN READ WRITE; DELETE FROM public.victim', /holds 3/],
    ['SET transaction_read_only = off', /found SET transaction_read_only/],
    ['SET default_transaction_read_only = off', /found SET/],
    ['WITH gone AS (DELETE FROM public.victim RETURNING *) SELECT count(*) FROM gone', /DELETE/],
    ['SELECT * INTO public.copy FROM public.victim', /SELECT … INTO/],
    ["SELECT set_config('transaction_read_only', 'off', true)", /set_config/],
    ["SELECT nextval('public.counter')", /nextval/],
    ['SELECT id FROM public.victim FOR UPDATE', /locks rows/],
  ])('refuses %s before it reaches the server', async (sql, reason) => {
    const pool = await harness.pool()
    const error = await appErrorFrom(readQuery(pool, probe, sql))
    expect(error.code).toBe('SQL_REFUSED')
    expect(error.message).toMatch(reason)
    expect(await victimRows()).toBe(1)
    expect(await tables()).toEqual(['victim'])
  })

  it('fails a write the gate cannot see (inside a function) with SQLSTATE 25006', async () => {
    const pool = await harness.pool()
    const error = await readQuery(pool, probe, 'SELECT public.sneaky()').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(pg.DatabaseError)
    expect((error as pg.DatabaseError).code).toBe('25006')
    expect(await victimRows()).toBe(1)
  })

  it('keeps an injection through an identifier a name: the table is not found, nothing dropped', async () => {
    const pool = await harness.pool()
    const hostile = 'victim"; DROP TABLE public.victim; --'
    const sql = `SELECT count(*) FROM ${qualified('public', hostile)}`
    const error = await readQuery(pool, probe, sql).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(pg.DatabaseError)
    expect((error as pg.DatabaseError).code).toBe('42P01')
    expect((error as pg.DatabaseError).message).toContain(hostile)
    expect(await tables()).toEqual(['victim'])
  })

  it('a refused statement leaves the session usable', async () => {
    const pool = await harness.pool()
    const answer = await readTransaction(pool, probe, async (tx) => {
      await expect(tx.query('TRUNCATE public.victim')).rejects.toBeInstanceOf(AppError)
      return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM public.victim')).rows
    })
    expect(answer).toEqual([{ n: 1 }])
  })
})
