import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildChtSyncModels } from '../../../../src/main/engine/demo/sql/cht-sync-build'
import { CHT_SYNC_MODEL_TABLES } from '../../../../src/main/engine/demo/sql/cht-sync-model-tables'
import {
  installChtSyncIndexes,
  installChtSyncTables,
  type ChtSyncTarget,
} from '../../../../src/main/engine/demo/sql/cht-sync-tables'
import {
  CONTACTS,
  MEDIC_DOCS,
  REPORTS,
  SENTINEL_DOCS,
  USERS_META_DOCS,
  type FixtureDoc,
} from '../../../support/cht-fixture-docs'
import {
  PIPELINE_COLUMNS,
  PIPELINE_FOREIGN_KEYS,
  PIPELINE_INDEXES,
} from '../../../support/cht-pipeline-reference'
import { columnsOf, countRows, indexesOf } from '../../../support/pg-inspect'
import { createTestDatabase } from '../../../support/test-postgres'

let db: Awaited<ReturnType<typeof createTestDatabase>>
let client: pg.Client

const HOST = 'cht.example.org'
const FIRST_LOAD = '2025-09-01 10:00:00'
const DELETED_REPORT = { _id: 'r-deleted-1', _rev: '3-dead', _deleted: true }

/** Upserts raw rows as CHT Sync's couch2pg does: deletes become stubs with `_deleted = true`. */
async function loadRaw(
  docs: FixtureDoc[],
  db: string,
  savedAt: string,
  schema = 'v1',
  table = 'couchdb',
) {
  const raw = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`
  await client.query(
    `INSERT INTO ${raw} (saved_timestamp, _id, _deleted, source, doc)
     SELECT $1::timestamp, value->>'_id', COALESCE((value->>'_deleted')::boolean, false), $2, value
       FROM jsonb_array_elements($3::jsonb)
     ON CONFLICT (_id) DO UPDATE SET saved_timestamp = EXCLUDED.saved_timestamp,
       _deleted = EXCLUDED._deleted, source = EXCLUDED.source, doc = EXCLUDED.doc`,
    [savedAt, `${HOST}/${db}`, JSON.stringify(docs)],
  )
}

beforeAll(async () => {
  db = await createTestDatabase('cht_sync_layout')
  client = await db.client()
  await installChtSyncTables(client)
  await loadRaw([...MEDIC_DOCS, DELETED_REPORT], 'medic', FIRST_LOAD)
  await loadRaw(SENTINEL_DOCS, 'medic-sentinel', FIRST_LOAD)
  await loadRaw(USERS_META_DOCS, 'medic-users-meta', FIRST_LOAD)
  await installChtSyncIndexes(client)
  await buildChtSyncModels(client)
})

afterAll(async () => {
  await client?.end()
  await db?.drop()
})

const LIVE = MEDIC_DOCS.length + SENTINEL_DOCS.length + USERS_META_DOCS.length

describe('the CHT Sync v2 tables', () => {
  it('lay out the raw table, couchdb_progress and _dataemon exactly', async () => {
    expect(await columnsOf(client, 'couchdb', 'v1')).toEqual([
      ['saved_timestamp', 'timestamp without time zone'],
      ['_id', 'character varying'],
      ['_deleted', 'boolean'],
      ['source', 'character varying'],
      ['doc', 'jsonb'],
    ])
    expect(await indexesOf(client, 'couchdb', 'v1')).toEqual({
      couchdb_pkey: 'CREATE UNIQUE INDEX couchdb_pkey ON v1.couchdb USING btree (_id)',
      _deleted: 'CREATE INDEX _deleted ON v1.couchdb USING btree (_deleted)',
      saved_timestamp: 'CREATE INDEX saved_timestamp ON v1.couchdb USING btree (saved_timestamp)',
      source: 'CREATE INDEX source ON v1.couchdb USING btree (source)',
    })
    expect(await columnsOf(client, 'couchdb_progress', 'v1')).toEqual([
      ['seq', 'character varying'],
      ['pending', 'integer'],
      ['updated_at', 'timestamp with time zone'],
      ['source', 'character varying'],
    ])
    expect(Object.values(await indexesOf(client, 'couchdb_progress', 'v1'))).toEqual([
      'CREATE UNIQUE INDEX couchdb_progress_pkey ON v1.couchdb_progress USING btree (source)',
    ])
    expect(await columnsOf(client, '_dataemon', 'v1')).toEqual([
      ['inserted_on', 'timestamp without time zone'],
      ['packages', 'jsonb'],
      ['manifest', 'jsonb'],
      ['dbt_selector', 'text'],
    ])
  })

  it('accept the loader’s progress rows, host/db without a port, one per source', async () => {
    await client.query(
      `INSERT INTO v1.couchdb_progress (seq, pending, updated_at, source) VALUES
         ('4512-g1AAAAFTeJzLYWBg4MhgTmHgz8tPSTV0MDQy', 0, now(), 'cht.example.org/medic'),
         ('977-g1AAAAFTeJzLYWBg4MhgTmHgz8tPSTV0MDQy', 12, now(), 'cht.example.org/medic-sentinel')`,
    )
    await expect(
      client.query(
        `INSERT INTO v1.couchdb_progress (seq, source) VALUES ('1', 'cht.example.org/medic')`,
      ),
    ).rejects.toMatchObject({ code: '23505' })
    const { rows } = await client.query(
      `SELECT split_part(source, '/', 1) AS instance, split_part(source, '/', 2) AS db
         FROM v1.couchdb_progress ORDER BY db`,
    )
    expect(rows).toEqual([
      { instance: HOST, db: 'medic' },
      { instance: HOST, db: 'medic-sentinel' },
    ])
  })

  it('record the dataemon package and manifest', async () => {
    const { rows } = await client.query(
      `SELECT packages->'packages'->0->>'revision' AS revision, dbt_selector,
              manifest->'nodes' ? 'model.cht_pipeline_base.document_metadata' AS has_root
         FROM v1._dataemon`,
    )
    expect(rows).toEqual([{ revision: 'v2.0.0', dbt_selector: '', has_root: true }])
  })
})

const modelCount = (model: string, where = '') =>
  countRows(client, `v1.${pg.escapeIdentifier(model)} ${where}`)

describe('the cht-pipeline v2.0.0 base models', () => {
  it('have the reference columns and types, and CHT_SYNC_MODEL_TABLES says the same', async () => {
    expect(CHT_SYNC_MODEL_TABLES.map((m) => m.name).sort()).toEqual(
      Object.keys(PIPELINE_COLUMNS).sort(),
    )
    for (const model of CHT_SYNC_MODEL_TABLES) {
      const actual = Object.fromEntries(await columnsOf(client, model.name, 'v1'))
      expect(actual, model.name).toEqual(PIPELINE_COLUMNS[model.name])
      expect(Object.fromEntries(model.columns.map((c) => [c.name, c.type])), model.name).toEqual(
        actual,
      )
    }
  })

  it('have their keys, the cascading foreign keys that carry deletes, and their indexes', async () => {
    const { rows: fks } = await client.query<{ fk: string; ref: string; col: string; del: string }>(
      `SELECT c.conrelid::regclass::text AS fk, r.relname AS ref, a.attname AS col,
              c.confdeltype AS del
         FROM pg_constraint c
         JOIN pg_class r ON r.oid = c.confrelid
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.connamespace = 'v1'::regnamespace`,
    )
    expect(
      fks
        .map((r) => {
          const table = r.fk.replace(/^v1\./, '').replace(/"/g, '')
          return `${table}.${r.col} → ${r.ref}${r.del === 'c' ? '' : ' (no cascade)'}`
        })
        .sort(),
    ).toEqual(PIPELINE_FOREIGN_KEYS)
    for (const model of CHT_SYNC_MODEL_TABLES) {
      const defs = Object.values(await indexesOf(client, model.name, 'v1'))
      const secondary = defs
        .filter((d) => !d.startsWith('CREATE UNIQUE'))
        .map((d) => d.replace(/^.* USING (\w+) \((.*)\)$/, '$1($2)'))
      expect(secondary.sort(), model.name).toEqual([...(PIPELINE_INDEXES[model.name] ?? [])].sort())
      const unique = defs
        .filter((d) => d.startsWith('CREATE UNIQUE'))
        .map((d) => d.replace(/^.*\((.*)\)$/, '$1'))
      expect(unique, model.name).toEqual(model.unique ? [model.key] : [])
    }
  })

  it('hold as many rows as the raw table has live documents of each kind', async () => {
    const raw = (where: string) => countRows(client, `v1.couchdb WHERE NOT _deleted AND ${where}`)
    const contactTypes =
      "doc->>'type' IN ('contact','clinic','district_hospital','health_center','person')"
    expect(await modelCount('document_metadata')).toBe(await raw('true'))
    expect(await modelCount('document_metadata')).toBe(LIVE)
    expect(await modelCount('contact')).toBe(await raw(contactTypes))
    expect(await modelCount('contact')).toBe(CONTACTS.length)
    expect(await modelCount('data_record')).toBe(await raw("doc->>'type' = 'data_record'"))
    expect(await modelCount('data_record')).toBe(REPORTS.length)
    expect(await modelCount('user')).toBe(await raw("doc->>'type' = 'user-settings'"))
    expect(await modelCount('feedback')).toBe(await raw("doc->>'type' = 'feedback'"))
    expect(await modelCount('telemetry')).toBe(await raw("doc->>'type' = 'telemetry'"))
    expect(await modelCount('telemetry_devices')).toBe(2)
    const persons = `${contactTypes} AND COALESCE(doc->>'contact_type', doc->>'type') IN ('person', 'chw')`
    expect(await modelCount('person')).toBe(await raw(persons))
    expect(await modelCount('person')).toBe(7)
    expect(await modelCount('place')).toBe(CONTACTS.length - 7)
    expect(await modelCount('patient')).toBe(await raw(`${persons} AND doc ? 'patient_id'`))
  })

  it('leave deleted documents out, though the raw table keeps them', async () => {
    const { rows } = await client.query(
      `SELECT _deleted, doc->>'type' AS type FROM v1.couchdb WHERE _id = 'r-deleted-1'`,
    )
    expect(rows).toEqual([{ _deleted: true, type: null }])
    expect(await modelCount('document_metadata', "WHERE uuid = 'r-deleted-1' OR _deleted")).toBe(0)
    expect(await modelCount('data_record', "WHERE uuid = 'r-deleted-1'")).toBe(0)
  })

  it('coalesce contact_type, join the settings’ contact types and split source', async () => {
    const { rows: contacts } = await client.query(
      `SELECT uuid, contact_type, parent_uuid FROM v1.contact WHERE uuid IN ('sup-1', 'hh-1') ORDER BY 1`,
    )
    expect(contacts).toEqual([
      { uuid: 'hh-1', contact_type: 'clinic', parent_uuid: 'hc-1' },
      { uuid: 'sup-1', contact_type: 'chw', parent_uuid: 'hc-2' },
    ])
    const { rows: types } = await client.query(
      `SELECT id, person, configured FROM v1.contact_type ORDER BY id`,
    )
    expect(types).toEqual([
      { id: 'chw', person: true, configured: true },
      { id: 'clinic', person: false, configured: true },
      { id: 'community_group', person: false, configured: false },
      { id: 'district_hospital', person: false, configured: true },
      { id: 'health_center', person: false, configured: true },
      { id: 'person', person: true, configured: true },
    ])
    const { rows: sources } = await client.query(
      `SELECT instance, dbname, count(*)::int AS n FROM v1.document_metadata GROUP BY 1, 2 ORDER BY 2`,
    )
    expect(sources).toEqual([
      { instance: HOST, dbname: 'medic', n: MEDIC_DOCS.length },
      { instance: HOST, dbname: 'medic-sentinel', n: 1 },
      { instance: HOST, dbname: 'medic-users-meta', n: 3 },
    ])
  })

  it('fill data_record, user and telemetry the way the dbt models do', async () => {
    const { rows } = await client.query(
      `SELECT form, patient_id, place_id, contact_uuid, parent_uuid, grandparent_uuid,
              to_char(reported AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS reported
         FROM v1.data_record
        WHERE uuid = 'r-pregnancy-1' OR (form = 'household_visit' AND place_id = 'hh-1')
        ORDER BY form`,
    )
    const chain = { contact_uuid: 'chw-1', parent_uuid: 'hc-1', grandparent_uuid: 'dh-1' }
    expect(rows).toEqual([
      {
        form: 'household_visit',
        patient_id: null,
        place_id: 'hh-1',
        ...chain,
        reported: '2025-02-01 11:00:00',
      },
      {
        form: 'pregnancy',
        patient_id: '10001',
        place_id: null,
        ...chain,
        reported: '2025-01-10 09:00:00',
      },
    ])
    const { rows: sms } = await client.query(
      `SELECT form, from_phone, contact_uuid FROM v1.data_record WHERE uuid = 'r-sms-1'`,
    )
    expect(sms).toEqual([{ form: null, from_phone: '+254700999000', contact_uuid: null }])
    const { rows: users } = await client.query(
      `SELECT user_id, contact_uuid, roles FROM v1."user" ORDER BY 1`,
    )
    expect(users[0]).toEqual({
      user_id: 'org.couchdb.user:chw1',
      contact_uuid: 'chw-1',
      roles: '["chw"]',
    })
    const { rows: telemetry } = await client.query(
      `SELECT uuid, to_char(period_start, 'YYYY-MM-DD') AS day, boot_time_min FROM v1.telemetry ORDER BY 1`,
    )
    expect(telemetry).toEqual([
      { uuid: 'telemetry-2021-0-chw1-dev-1', day: '2021-01-01', boot_time_min: '2100' },
      { uuid: 'telemetry-2025-2-17-chw1-dev-2', day: '2025-02-17', boot_time_min: '2100' },
    ])
  })

  it('log one successful dbt_results row per model, end_time = start_time as the macro writes it', async () => {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n, count(DISTINCT invocation_id)::int AS runs,
              bool_and(status = 'success' AND end_time = start_time AND execution_time >= 0) AS ok,
              bool_and(result_id = invocation_id || '.' || unique_id) AS ids_ok
         FROM v1.dbt_results`,
    )
    expect(rows).toEqual([{ n: CHT_SYNC_MODEL_TABLES.length, runs: 1, ok: true, ids_ok: true }])
  })
})

describe('a second dbt run', () => {
  it('applies edits and carries deletes down the cascade, from newer raw rows only', async () => {
    const later = '2025-09-02 08:30:00'
    const renamed = { ...CONTACTS.find((c) => c._id === 'chw-1'), _rev: '2-b', name: 'Akinyi O.' }
    await loadRaw(
      [
        renamed as FixtureDoc,
        { _id: 'woman-3', _rev: '2-gone', _deleted: true },
        { _id: 'r-pregnancy-2', _rev: '2-gone', _deleted: true },
      ],
      'medic',
      later,
    )
    const before = { patient: await modelCount('patient'), place: await modelCount('place') }
    const run = await buildChtSyncModels(client)
    expect(run.models.find((m) => m.model === 'document_metadata')?.rowsAffected).toBe(3)

    expect(await modelCount('document_metadata')).toBe(LIVE - 2)
    expect(await modelCount('contact')).toBe(CONTACTS.length - 1)
    expect(await modelCount('person')).toBe(6)
    expect(await modelCount('patient')).toBe(before.patient - 1)
    expect(await modelCount('place')).toBe(before.place)
    expect(await modelCount('data_record')).toBe(REPORTS.length - 1)
    expect(await modelCount('person', "WHERE uuid = 'woman-3'")).toBe(0)
    const { rows } = await client.query(
      `SELECT c.name, c.saved_timestamp::text AS saved, p.uuid IS NOT NULL AS person
         FROM v1.contact c LEFT JOIN v1.person p ON p.uuid = c.uuid WHERE c.uuid = 'chw-1'`,
    )
    expect(rows).toEqual([{ name: 'Akinyi O.', saved: later, person: true }])
    expect(await modelCount('dbt_results')).toBe(2 * CHT_SYNC_MODEL_TABLES.length)
  })
})

describe('a CHT Sync target other than v1.couchdb', () => {
  it('is laid out and built in the named schema and table, names escaped', async () => {
    const target: ChtSyncTarget = { schema: 'Sync "demo"', table: 'medic raw' }
    await installChtSyncTables(client, target)
    await loadRaw(CONTACTS.slice(0, 4), 'medic', FIRST_LOAD, target.schema, target.table)
    await installChtSyncIndexes(client, target)
    await buildChtSyncModels(client, target)
    const { rows } = await client.query<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'r' ORDER BY 1`,
      [pg.escapeIdentifier(target.schema)],
    )
    expect(rows.map((r) => r.relname)).toEqual(
      [
        '_dataemon',
        'couchdb_progress',
        'medic raw',
        ...CHT_SYNC_MODEL_TABLES.map((m) => m.name),
      ].sort(),
    )
    expect(Object.keys(await indexesOf(client, 'medic raw', target.schema)).sort()).toEqual([
      '_deleted',
      'medic raw_pkey',
      'saved_timestamp',
      'source',
    ])
    const contact = `${pg.escapeIdentifier(target.schema)}.contact`
    expect(await countRows(client, contact)).toBe(4)
    expect(await modelCount('contact')).toBe(CONTACTS.length - 1)
  })
})
