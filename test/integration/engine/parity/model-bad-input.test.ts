import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compareModels } from '../../../../src/main/engine/parity/model-compare'
import type { ModelCompareResult } from '../../../../src/main/engine/parity/model-types'
import { appErrorFrom } from '../../../support/app-error'
import { runningStatements } from '../../../support/test-pools'
import { rel, twoSides, type TwoSides } from './model-fixtures'

/** Model parity's refusals and failures: each a clear message naming the side, nothing written. */
let sides: TwoSides

const SETUP = `CREATE TABLE t (id int, v text);
INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 300) AS g;`

beforeAll(async () => {
  sides = await twoSides('model_bad')
  await Promise.all([sides.oldAdmin.query(SETUP), sides.newAdmin.query(SETUP)])
})
afterAll(async () => {
  await sides?.close()
})

const KEYS = [{ old: 'id', new: 'id' }]
const V = [{ old: 'v', new: 'v' }]
const query = (which: 'old' | 'new', sql: string) => sides.side(which, { kind: 'query', sql })

describe('model parity: user queries and bad input', () => {
  it('compares a query with a relation (trailing semicolon and comment allowed)', async () => {
    const { details } = await compareModels({
      old: query('old', 'SELECT id, upper(v) AS v FROM t WHERE id > 1; -- all but one\n'),
      new: sides.side('new', rel('t')),
      keys: KEYS,
      columns: V,
    })
    expect(details.new.relation).toBe('public.t')
    expect(details.old.relation).toBe('query')
    expect(details.counts[0]).toMatchObject({ old: 299, new: 300 })
    expect(details.columns?.[0]).toMatchObject({ conflict: 299 })
  })

  it('refuses a query that writes before anything is sent to either server', async () => {
    const before = sides.oldPool.totalCount + sides.newPool.totalCount
    const error = await appErrorFrom(
      compareModels({
        old: sides.side('old', rel('t')),
        new: query('new', 'WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone'),
        keys: KEYS,
        columns: V,
      }),
    )
    expect(error.code).toBe('SQL_REFUSED')
    expect(error.message).toMatch(/new query was refused before it was sent: .*DELETE/)
    expect(sides.oldPool.totalCount + sides.newPool.totalCount).toBe(before)
    expect((await sides.newAdmin.query('SELECT count(*)::int AS n FROM t')).rows[0]).toEqual({
      n: 300,
    })
  })

  it('refuses two statements in one query', async () => {
    const error = await appErrorFrom(
      compareModels({
        old: query('old', 'SELECT 1 AS id; SELECT 2 AS id'),
        new: sides.side('new', rel('t')),
        keys: KEYS,
        columns: [],
      }),
    )
    expect(error.code).toBe('SQL_REFUSED')
  })

  it('refuses a mapping to a column a side does not have, naming it and the side', async () => {
    const error = await appErrorFrom(
      compareModels({
        old: sides.side('old', rel('t')),
        new: sides.side('new', rel('t')),
        keys: KEYS,
        columns: [{ old: 'v', new: 'value' }],
      }),
    )
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.message).toBe(
      'The mapping names column “value”, which the new side does not have; its columns are: id, v.',
    )
  })

  it('says which side is missing its relation', async () => {
    const error = await appErrorFrom(
      compareModels({
        old: sides.side('old', rel('t')),
        new: sides.side('new', rel('data_record', 'v1')),
        keys: KEYS,
        columns: V,
      }),
    )
    expect(error.code).toBe('NOT_FOUND')
    expect(error.message).toMatch(/^The new side \(v1\.data_record\) does not exist/)
  })

  it('refuses a query returning two columns of the same name', async () => {
    const error = await appErrorFrom(
      compareModels({
        old: query('old', 'SELECT a.id, b.id FROM t a JOIN t b USING (id)'),
        new: sides.side('new', rel('t')),
        keys: KEYS,
        columns: [],
      }),
    )
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.message).toMatch(/two columns named “id”/)
  })

  it('a query that runs too long is cancelled on the server and reported as TIMEOUT of its side', async () => {
    const marker = 'pg_sleep(0.05) /* model-slow */'
    const started = Date.now()
    const error = await appErrorFrom(
      compareModels(
        {
          old: sides.side('old', rel('t')),
          new: query('new', `SELECT id, v FROM t WHERE ${marker} IS NOT NULL`),
          keys: KEYS,
          columns: V,
        },
        { statementTimeoutMs: 500 },
      ),
    )
    expect(error.code).toBe('TIMEOUT')
    expect(error.message).toMatch(/^Reading the new side \(query\) took longer than its time limit/)
    expect(Date.now() - started).toBeLessThan(4_000)
    expect(await runningStatements(sides.newAdmin, 'model-slow')).toBe(0)
  })

  it('a cancel mid-run stops both servers and hands back a partial result labelled partial', async () => {
    const marker = 'pg_sleep(0.02) /* model-cancel */'
    const controller = new AbortController()
    const running = compareModels(
      {
        old: sides.side('old', rel('t')),
        new: query('new', `SELECT id, v FROM t WHERE ${marker} IS NOT NULL`),
        keys: KEYS,
        columns: V,
      },
      { signal: controller.signal, statementTimeoutMs: 60_000 },
    )
    await expect
      .poll(() => runningStatements(sides.newAdmin, 'model-cancel'), { timeout: 5_000 })
      .toBeGreaterThan(0)
    controller.abort()
    const error = await appErrorFrom(running)
    expect(error.code).toBe('CANCELLED')
    const partial = error.details?.partial as ModelCompareResult
    expect(partial.partial?.reason).toBe('cancelled')
    expect(partial.details.mode).toBe('model')
    await expect
      .poll(() => runningStatements(sides.newAdmin, 'model-cancel'), { timeout: 2_000 })
      .toBe(0)
  })
})
