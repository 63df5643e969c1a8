import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compareModels } from '../../../../src/main/engine/parity/model-compare'
import { suggestKeys, suggestMapping } from '../../../../src/main/engine/parity/model-schema'
import { describeSide } from '../../../../src/main/engine/parity/model-side'
import type { ModelCompareInput } from '../../../../src/main/engine/parity/model-types'
import type { ComparisonDetails } from '../../../../src/shared/results/comparison-result'
import { twoSides, rel, type TwoSides } from './model-fixtures'

/**
 * Model parity on two real databases: exact categories per column, keys on one side only,
 * duplicates, tolerances, and keys whose order depends on the collation.
 */
let sides: TwoSides

const SETUP = `CREATE TABLE t (id text, n numeric, f float8, ts timestamp, tz timestamptz, s text);
INSERT INTO t SELECT 'k' || g, g * 1.5, g / 3.0, timestamp '2024-01-01' + g * interval '1 hour',
       timestamptz '2024-01-01 00:00Z' + g * interval '1 hour', 'text ' || g
  FROM generate_series(1, 2000) AS g;
UPDATE t SET s = NULL WHERE id IN ('k10', 'k11', 'k12');`

beforeAll(async () => {
  sides = await twoSides('model')
  await Promise.all([sides.oldAdmin.query(SETUP), sides.newAdmin.query(SETUP)])
})
afterAll(async () => {
  await sides?.close()
})

const COLUMNS = ['n', 'f', 'ts', 'tz', 's']
const input = (
  oldName: string,
  newName: string,
  extra: Partial<ModelCompareInput> = {},
): ModelCompareInput => ({
  old: sides.side('old', rel(oldName)),
  new: sides.side('new', rel(newName)),
  keys: [{ old: 'id', new: 'id' }],
  columns: COLUMNS.map((c) => ({ old: c, new: c })),
  ...extra,
})

const diff = (details: ComparisonDetails, cls: string) =>
  details.differences.find((d) => d.class === cls)
const column = (details: ComparisonDetails, name: string) =>
  details.columns?.find((c) => c.old === name)

/** Copies `t` to a new table on a side and applies `sql` to it. */
async function variant(which: 'old' | 'new', name: string, sql: string) {
  const admin = which === 'old' ? sides.oldAdmin : sides.newAdmin
  await admin.query(`CREATE TABLE ${name} AS SELECT * FROM t; ${sql}`)
}

describe('model parity', () => {
  it('identical relations: every column a perfect match or both null, nothing drilled', async () => {
    const { details, partial, stats } = await compareModels(input('t', 't'))
    expect(partial).toBeNull()
    expect(details.counts).toEqual([{ group: ['rows'], old: 2000, new: 2000 }])
    expect(details.differences).toEqual([])
    expect(column(details, 'n')).toMatchObject({ perfectMatch: 2000, bothNull: 0, conflict: 0 })
    expect(column(details, 's')).toMatchObject({ perfectMatch: 1997, bothNull: 3, nullOneSide: 0 })
    expect(stats.differingBuckets).toBe(0)
    expect(stats.rowsFetched).toEqual({ old: 0, new: 0 })
    expect(details.schema?.onlyInOld).toEqual([])
  })

  it('finds keys on one side only, conflicts, null on one side and both null, exactly', async () => {
    await variant(
      'new',
      't_injected',
      `DELETE FROM t_injected WHERE id IN ('k1', 'k2');
       INSERT INTO t_injected (id, n) VALUES ('x1', 1), ('x2', 2), ('x3', 3);
       UPDATE t_injected SET n = n + 1 WHERE id IN ('k5', 'k6');
       UPDATE t_injected SET s = NULL WHERE id = 'k7';
       UPDATE t_injected SET s = 'back' WHERE id = 'k10';
       UPDATE t_injected SET tz = tz + interval '1 second' WHERE id = 'k8';`,
    )
    const { details, stats } = await compareModels(input('t', 't_injected'))
    expect(details.counts[0]).toMatchObject({ old: 2000, new: 2001 })
    expect(diff(details, 'missing_in_new')?.count).toBe(2)
    expect(
      diff(details, 'missing_in_new')
        ?.samples.map((s) => s.key)
        .sort(),
    ).toEqual(['k1', 'k2'])
    expect(diff(details, 'extra_in_new')?.count).toBe(3)
    expect(diff(details, 'value_conflict')?.count).toBe(3)
    expect(diff(details, 'null_one_side')?.count).toBe(2)
    expect(column(details, 'n')).toMatchObject({ perfectMatch: 1996, conflict: 2 })
    expect(column(details, 's')).toMatchObject({
      perfectMatch: 1994,
      bothNull: 2,
      nullOneSide: 2,
      conflict: 0,
    })
    expect(column(details, 'tz')).toMatchObject({ perfectMatch: 1997, conflict: 1 })
    const sample = diff(details, 'value_conflict')?.samples.find((s) => s.key === 'k5')
    expect(sample).toMatchObject({ old: '7.5', new: '8.5', note: 'n → n' })
    // Only the buckets holding those keys were read.
    expect(stats.buckets).toBe(256)
    expect(stats.differingBuckets).toBeLessThanOrEqual(10)
    expect(stats.rowsFetched.old).toBeLessThan(200)
  })

  it('applies tolerances: numbers absolute and relative, time units and zones, trim and case', async () => {
    await variant(
      'new',
      't_tolerant',
      `UPDATE t_tolerant SET n = n + 0.004 WHERE id IN ('k1', 'k2');
       UPDATE t_tolerant SET n = n + 0.02 WHERE id = 'k3';
       UPDATE t_tolerant SET f = f * 1.0005 WHERE id IN ('k4', 'k5');
       UPDATE t_tolerant SET f = f * 1.01 WHERE id = 'k6';
       UPDATE t_tolerant SET ts = ts + interval '20 seconds' WHERE id = 'k7';
       UPDATE t_tolerant SET ts = ts + interval '2 minutes' WHERE id = 'k8';
       UPDATE t_tolerant SET s = '  TEXT 20 ' WHERE id = 'k20';
       UPDATE t_tolerant SET s = 'other' WHERE id = 'k21';`,
    )
    const tolerant = input('t', 't_tolerant', {
      columns: [
        { old: 'n', new: 'n', tolerance: { absolute: 0.01 } },
        { old: 'f', new: 'f', tolerance: { relative: 0.001 } },
        { old: 'ts', new: 'ts', tolerance: { unit: 'minute' } },
        { old: 's', new: 's', tolerance: { trim: true, ignoreCase: true } },
      ],
    })
    const { details, stats } = await compareModels(tolerant)
    expect(stats.drilledAll).toBe(true)
    expect(column(details, 'n')).toMatchObject({
      perfectMatch: 1999,
      conflict: 1,
      tolerance: 'abs 0.01',
    })
    expect(column(details, 'f')).toMatchObject({ perfectMatch: 1999, conflict: 1 })
    // k7 + 20 s stays in its minute (times are on the hour); k8 + 2 min does not.
    expect(column(details, 'ts')).toMatchObject({ perfectMatch: 1999, conflict: 1 })
    expect(column(details, 's')).toMatchObject({ perfectMatch: 1996, bothNull: 3, conflict: 1 })
    const exact = await compareModels(input('t', 't_tolerant'))
    expect(diff(exact.details, 'value_conflict')?.count).toBe(10)
  })

  it('reads a timestamp without time zone in the given zone against a timestamptz', async () => {
    await sides.oldAdmin.query(
      `CREATE TABLE local_time AS SELECT id, (tz AT TIME ZONE 'Africa/Nairobi') AS at FROM t`,
    )
    await sides.newAdmin.query(`CREATE TABLE utc_time AS SELECT id, tz AS at FROM t`)
    const base = input('local_time', 'utc_time', { columns: [{ old: 'at', new: 'at' }] })
    const wrongZone = await compareModels(base)
    expect(column(wrongZone.details, 'at')).toMatchObject({ perfectMatch: 0, conflict: 2000 })
    const zoned = await compareModels({
      ...base,
      columns: [{ old: 'at', new: 'at', tolerance: { timeZone: 'Africa/Nairobi' } }],
    })
    expect(column(zoned.details, 'at')).toMatchObject({ perfectMatch: 2000, conflict: 0 })
    expect(zoned.details.schema?.typeDifferences).toEqual([
      {
        old: { name: 'at', type: 'timestamp without time zone' },
        new: { name: 'at', type: 'timestamp with time zone' },
      },
    ])
  })

  it('counts both null as a difference when null equals null is off', async () => {
    const { details } = await compareModels(input('t', 't', { nullEqualsNull: false }))
    expect(column(details, 's')).toMatchObject({ perfectMatch: 1997, bothNull: 3 })
    expect(diff(details, 'value_conflict')?.count).toBe(3)
  })

  it('reports a key that is not unique, on either side', async () => {
    await variant('old', 't_dup', `INSERT INTO t_dup SELECT * FROM t WHERE id IN ('k3', 'k4')`)
    await variant('new', 't_dup', `INSERT INTO t_dup SELECT * FROM t WHERE id = 'k9'`)
    const { details } = await compareModels(input('t_dup', 't_dup'))
    const dup = diff(details, 'duplicate_id')
    expect(dup?.count).toBe(3)
    expect(dup?.samples.map((s) => s.key).sort()).toEqual(['k3', 'k4', 'k9'])
    expect(dup?.samples[0]?.note).toMatch(/The key is not unique on the (old|new) side: 2 rows/)
  })

  it('trusts a unique index on the key and skips the duplicate probe', async () => {
    await sides.oldAdmin.query(`CREATE TABLE t_unique AS SELECT * FROM t;
      CREATE UNIQUE INDEX t_unique_id ON t_unique (id)`)
    const { details } = await compareModels(input('t_unique', 't'))
    expect(details.differences).toEqual([])
  })

  it('compares keys with unicode, quotes and an order that differs between C and en_US', async () => {
    const keys = [
      'a',
      'B',
      'b',
      'é',
      'e',
      'Z',
      'ä',
      "o'k",
      '"q"',
      '😀',
      '\uFFFD',
      '中',
      'ñ',
      '_x',
      '-y',
    ]
    const values = keys.map((_, i) => `($${i + 1}, ${i})`).join(', ')
    const collation = (
      await sides.newAdmin.query<{ c: string }>(
        `SELECT collname AS c FROM pg_collation
          WHERE collname IN ('en_US', 'en_US.utf8', 'en-x-icu', 'und-x-icu') ORDER BY collname LIMIT 1`,
      )
    ).rows[0]?.c
    const collate = collation ? ` COLLATE "${collation}"` : ''
    await sides.oldAdmin.query(`CREATE TABLE uk (id text, v int)`)
    await sides.oldAdmin.query(`INSERT INTO uk VALUES ${values}`, keys)
    await sides.newAdmin.query(`CREATE TABLE uk (id text${collate}, v int)`)
    await sides.newAdmin.query(`INSERT INTO uk VALUES ${values}`, keys)
    await sides.newAdmin.query(
      `DELETE FROM uk WHERE id IN ('é', '😀'); UPDATE uk SET v = -1 WHERE id IN ('ä', '\uFFFD');
       INSERT INTO uk VALUES ('🙂', 99), ('Ω', 98)`,
    )
    const run = (buckets: number) =>
      compareModels(
        {
          old: sides.side('old', rel('uk')),
          new: sides.side('new', rel('uk')),
          keys: [{ old: 'id', new: 'id' }],
          columns: [{ old: 'v', new: 'v' }],
        },
        { buckets },
      )
    for (const buckets of [1, 4, 1024]) {
      const { details } = await run(buckets)
      expect(
        diff(details, 'missing_in_new')
          ?.samples.map((s) => s.key)
          .sort(),
      ).toEqual(['é', '😀'].sort())
      expect(
        diff(details, 'extra_in_new')
          ?.samples.map((s) => s.key)
          .sort(),
      ).toEqual(['Ω', '🙂'].sort())
      expect(diff(details, 'value_conflict')?.count).toBe(2)
      expect(column(details, 'v')).toMatchObject({ perfectMatch: keys.length - 4, conflict: 2 })
    }
  })

  it('treats texts as bytes under a case-insensitive (nondeterministic) collation', async (ctx) => {
    try {
      await sides.newAdmin.query(
        `CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)`,
      )
    } catch {
      ctx.skip('this PostgreSQL has no ICU')
    }
    await sides.oldAdmin.query(`CREATE TABLE ci_t (id text, v text);
      INSERT INTO ci_t VALUES ('A', 'x'), ('a', 'x'), ('b', 'same')`)
    await sides.newAdmin.query(`CREATE TABLE ci_t (id text COLLATE ci, v text COLLATE ci);
      INSERT INTO ci_t VALUES ('A', 'X'), ('a', 'x'), ('b', 'same')`)
    const { details } = await compareModels({
      old: sides.side('old', rel('ci_t')),
      new: sides.side('new', rel('ci_t')),
      keys: [{ old: 'id', new: 'id' }],
      columns: [{ old: 'v', new: 'v' }],
    })
    expect(diff(details, 'duplicate_id')).toBeUndefined()
    expect(diff(details, 'value_conflict')?.samples).toEqual([
      { key: 'A', old: 'x', new: 'X', note: 'v → v' },
    ])
  })

  it('compares a form_metadata-like view with a data_record-like model through a mapping', async () => {
    await sides.oldAdmin.query(`CREATE TABLE couchdb (doc jsonb);
      INSERT INTO couchdb SELECT jsonb_build_object('_id', 'r' || g, 'type', 'data_record',
        'form', CASE WHEN g % 3 = 0 THEN 'pregnancy' ELSE 'delivery' END,
        'contact', jsonb_build_object('_id', 'c' || g % 50, 'parent', jsonb_build_object('_id', 'p' || g % 5)),
        'reported_date', 1700000000000 + g * 60000) FROM generate_series(1, 3000) AS g;
      CREATE MATERIALIZED VIEW form_metadata AS
        SELECT doc->>'_id' AS uuid, doc#>>'{contact,_id}' AS chw, doc#>>'{contact,parent,_id}' AS chw_area,
               doc->>'form' AS formname,
               (to_timestamp((doc->>'reported_date')::bigint / 1000) AT TIME ZONE 'UTC') AS reported
          FROM couchdb WHERE doc->>'type' = 'data_record' AND doc->>'form' IS NOT NULL;
      CREATE UNIQUE INDEX form_metadata_uuid ON form_metadata (uuid)`)
    await sides.newAdmin
      .query(`CREATE SCHEMA v1; CREATE TABLE v1.data_record (uuid text PRIMARY KEY,
        saved_timestamp timestamptz, reported timestamptz, form text, contact_uuid text,
        parent_uuid text, grandparent_uuid text);
      INSERT INTO v1.data_record SELECT 'r' || g, now(), to_timestamp((1700000000000 + g * 60000) / 1000),
        CASE WHEN g % 3 = 0 THEN 'pregnancy' ELSE 'delivery' END, 'c' || g % 50, 'p' || g % 5, NULL
        FROM generate_series(2, 3001) AS g;
      UPDATE v1.data_record SET parent_uuid = 'p9' WHERE uuid = 'r100'`)
    const old = sides.side('old', rel('form_metadata'))
    const next = sides.side('new', rel('data_record', 'v1'))
    const opts = { statementTimeoutMs: 5_000 }
    const mapping = suggestMapping(await describeSide(old, opts), await describeSide(next, opts))
    expect(mapping).toEqual([
      { old: 'uuid', new: 'uuid' },
      { old: 'reported', new: 'reported' },
      { old: 'chw', new: 'contact_uuid' },
      { old: 'chw_area', new: 'parent_uuid' },
      { old: 'formname', new: 'form' },
    ])
    const keys = suggestKeys(mapping)
    expect(keys).toEqual([{ old: 'uuid', new: 'uuid' }])
    const { details } = await compareModels({ old, new: next, keys, columns: mapping })
    expect(details.counts[0]).toMatchObject({ old: 3000, new: 3000 })
    expect(diff(details, 'missing_in_new')?.samples.map((s) => s.key)).toEqual(['r1'])
    expect(diff(details, 'extra_in_new')?.samples.map((s) => s.key)).toEqual(['r3001'])
    expect(diff(details, 'value_conflict')?.samples).toEqual([
      { key: 'r100', old: 'p0', new: 'p9', note: 'chw_area → parent_uuid' },
    ])
    expect(column(details, 'reported')).toMatchObject({ perfectMatch: 2999, conflict: 0 })
    expect(details.schema?.onlyInNew).toEqual([
      'saved_timestamp',
      'form',
      'contact_uuid',
      'parent_uuid',
      'grandparent_uuid',
    ])
  })
})
