import { afterAll, beforeAll, expect, it } from 'vitest'
import { readQuery } from '../../../../src/main/engine/db/read-transaction'
import { compareModels } from '../../../../src/main/engine/parity/model-compare'
import type { ModelCompareInput } from '../../../../src/main/engine/parity/model-types'
import { rel, twoSides, type TwoSides } from './model-fixtures'

/**
 * Model parity of a `form_metadata`-like table against `data_record`-like tables of 200,000 rows,
 * timed against the floor: one concurrent pass over both sides computing `count(*)` and the sum of
 * a 64-bit hash of the row image. Both sides share the test run's one server (and its CPUs), so
 * the figures are printed, not asserted; the benchmark (two servers, a million rows) is the judge.
 */
const ROWS = 200_000
let sides: TwoSides

const OLD = `CREATE TABLE form_metadata AS
  SELECT md5(g::text) AS uuid, 'c' || g % 997 AS chw, 'p' || g % 37 AS chw_area,
         (ARRAY['delivery', 'pregnancy', 'pnc'])[1 + g % 3] AS formname,
         timestamp '2023-01-01' + g * interval '37 seconds' AS reported
    FROM generate_series(1, ${ROWS}) AS g;
  CREATE UNIQUE INDEX form_metadata_uuid ON form_metadata (uuid)`

const dataRecord = (name: string, tail: string) => `CREATE TABLE ${name} AS
  SELECT md5(g::text) AS uuid, now() AS saved_timestamp,
         timestamptz '2023-01-01 00:00Z' + g * interval '37 seconds' AS reported,
         (ARRAY['delivery', 'pregnancy', 'pnc'])[1 + g % 3] AS form,
         'c' || g % 997 AS contact_uuid, 'p' || g % 37 AS parent_uuid, NULL::text AS grandparent_uuid
    FROM generate_series(1, ${ROWS}) AS g;
  ${tail};
  ALTER TABLE ${name} ADD PRIMARY KEY (uuid)`

beforeAll(async () => {
  sides = await twoSides('model_time')
  await Promise.all([
    sides.oldAdmin.query(OLD),
    sides.newAdmin.query(dataRecord('dr_same', 'SELECT 1')),
  ])
  // 0.1%: 100 changed, 50 gone, 50 new; 10%: every tenth row changed.
  await sides.newAdmin.query(
    dataRecord(
      'dr_few',
      `UPDATE dr_few SET parent_uuid = 'moved' WHERE uuid IN (SELECT md5(g::text) FROM generate_series(1, ${ROWS}, 2000) AS g);
       DELETE FROM dr_few WHERE uuid IN (SELECT md5(g::text) FROM generate_series(7, ${ROWS}, 4000) AS g);
       INSERT INTO dr_few (uuid, form) SELECT md5('new' || g), 'delivery' FROM generate_series(1, 50) AS g`,
    ),
  )
  await sides.newAdmin.query(
    dataRecord(
      'dr_many',
      `UPDATE dr_many SET form = 'changed' WHERE uuid IN (SELECT md5(g::text) FROM generate_series(1, ${ROWS}, 10) AS g)`,
    ),
  )
  // Set hint bits and statistics now, so that no timed pass pays for them.
  await sides.oldAdmin.query('VACUUM ANALYZE form_metadata')
  for (const table of ['dr_same', 'dr_few', 'dr_many']) {
    await sides.newAdmin.query(`VACUUM ANALYZE ${table}`)
  }
}, 120_000)
afterAll(async () => {
  await sides?.close()
})

const FLOOR = `SELECT count(*)::int AS n, sum(hashtextextended(s::text, 0))::text AS h FROM `

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const value = await work()
  return [value, (performance.now() - started) / 1000]
}

const input = (table: string): ModelCompareInput => ({
  old: sides.side('old', rel('form_metadata')),
  new: sides.side('new', rel(table)),
  keys: [{ old: 'uuid', new: 'uuid' }],
  columns: [
    { old: 'chw', new: 'contact_uuid' },
    { old: 'chw_area', new: 'parent_uuid' },
    { old: 'formname', new: 'form' },
    { old: 'reported', new: 'reported' },
  ],
})

it('compares 200,000 rows close to the cost of hashing both sides once', async () => {
  const options = { statementTimeoutMs: 60_000 }
  const floor = (table: string) =>
    timed(() =>
      Promise.all([
        readQuery(sides.oldPool, options, `${FLOOR} form_metadata AS s`),
        readQuery(sides.newPool, options, `${FLOOR} ${table} AS s`),
      ]),
    )
  // Warm the caches, and load the SQL gate's parser once.
  await floor('dr_same')
  await compareModels(input('dr_same'), options)
  const lines: string[] = []
  for (const [table, expected] of [
    ['dr_same', 0],
    ['dr_few', 200],
    ['dr_many', 20_000],
  ] as const) {
    const [, floorSeconds] = await floor(table)
    const [result, seconds] = await timed(() => compareModels(input(table), options))
    const found = result.details.differences.reduce((sum, d) => sum + d.count, 0)
    expect(found).toBe(expected)
    for (const d of result.details.differences) expect(d.samples.length).toBeLessThanOrEqual(20)
    const { rowsFetched, differingBuckets } = result.stats
    lines.push(
      `${table.padEnd(8)} floor ${floorSeconds.toFixed(3)} s  parity ${seconds.toFixed(3)} s  ratio ${(seconds / floorSeconds).toFixed(2)}  differing buckets ${differingBuckets}  rows fetched ${rowsFetched.old}+${rowsFetched.new}`,
    )
  }
  console.log(`model parity on ${ROWS.toLocaleString('en-US')} rows\n${lines.join('\n')}`)
}, 180_000)
