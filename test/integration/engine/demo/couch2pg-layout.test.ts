import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  COUCH2PG_CUSTOM_OBJECTS,
  COUCH2PG_INSTALLED_OBJECTS,
  installCouch2pgIndexes,
  installCouch2pgObjects,
  installCouch2pgTables,
} from '../../../../src/main/engine/demo/sql/couch2pg-layout'
import { COUCH2PG_MIGRATIONS } from '../../../../src/main/engine/demo/sql/couch2pg-migrations'
import { DEMO_FORM_FIELDS, DEMO_FORMS } from '../../../../src/main/engine/demo/sql/form-fields'
import {
  CONTACTS,
  LOGS_DOCS,
  MEDIC_DOCS,
  REPORTS,
  SENTINEL_DOCS,
  USERS_DOCS,
  USERS_META_DOCS,
  type FixtureDoc,
} from '../../../support/cht-fixture-docs'
import { columnsOf, countRows, indexesOf } from '../../../support/pg-inspect'
import { createTestDatabase } from '../../../support/test-postgres'

let db: Awaited<ReturnType<typeof createTestDatabase>>
let client: pg.Client

const load = (table: string, docs: FixtureDoc[]) =>
  client.query(`INSERT INTO ${table} (doc) SELECT value FROM jsonb_array_elements($1::jsonb)`, [
    JSON.stringify(docs),
  ])

beforeAll(async () => {
  db = await createTestDatabase('couch2pg_layout')
  client = await db.client()
  await installCouch2pgTables(client)
  await load('couchdb', [...MEDIC_DOCS, ...SENTINEL_DOCS])
  await load('couchdb_users_meta', USERS_META_DOCS)
  await load('couchdb_medic_logs', LOGS_DOCS)
  await load('couchdb_medic_users', USERS_DOCS)
  await installCouch2pgIndexes(client)
  await installCouch2pgObjects(client)
})

afterAll(async () => {
  await client?.end()
  await db?.drop()
})

const ALL = [...COUCH2PG_INSTALLED_OBJECTS, ...COUCH2PG_CUSTOM_OBJECTS]
const byKind = (kind: string) => ALL.filter((o) => o.kind === kind).map((o) => o.name)

describe('the couch2pg tables', () => {
  it('have the exact columns and types cht-couch2pg 3.7 leaves', async () => {
    for (const table of [
      'couchdb',
      'couchdb_users_meta',
      'couchdb_medic_logs',
      'couchdb_medic_users',
    ]) {
      expect(await columnsOf(client, table)).toEqual([['doc', 'jsonb']])
    }
    expect(await columnsOf(client, 'couchdb_progress')).toEqual([
      ['seq', 'character varying'],
      ['source', 'character varying'],
    ])
    for (const table of ['couch2pg_migrations', 'xmlforms_migrations', 'users_meta_migrations']) {
      expect(await columnsOf(client, table)).toEqual([
        ['version', 'bigint'],
        ['name', 'text'],
        ['md5', 'text'],
        ['run_at', 'timestamp with time zone'],
      ])
      expect(await indexesOf(client, table)).toEqual({
        [`${table}_pkey`]: `CREATE UNIQUE INDEX ${table}_pkey ON public.${table} USING btree (version)`,
      })
    }
  })

  it('have couch2pg’s indexes on couchdb and couchdb_progress, and the deployment’s', async () => {
    const couchdb = await indexesOf(client, 'couchdb')
    expect(couchdb.couchdb_doc_uuid).toBe(
      "CREATE UNIQUE INDEX couchdb_doc_uuid ON public.couchdb USING btree (((doc ->> '_id'::text)))",
    )
    expect(couchdb.couchdb_doc_type).toBe(
      "CREATE INDEX couchdb_doc_type ON public.couchdb USING btree (((doc ->> 'type'::text)))",
    )
    expect(couchdb.couchdb_doc_form).toMatch(/WHERE \(\(doc ->> 'type'::text\) = 'data_record'/)
    expect(await indexesOf(client, 'couchdb_progress')).toEqual({
      couchdb_progress_source:
        'CREATE UNIQUE INDEX couchdb_progress_source ON public.couchdb_progress USING btree (source)',
    })
    expect(Object.keys(await indexesOf(client, 'couchdb_medic_logs'))).toEqual([])
  })

  it('record the migrations of cht-couch2pg 3.7.0, whose newest versions tell the release', async () => {
    const { rows } = await client.query<{ t: string; n: number; max: string; md5ok: boolean }>(
      `SELECT 'couch2pg_migrations' AS t, count(*)::int AS n, max(version)::text AS max,
              bool_and(md5 ~ '^[0-9a-f]{32}$' AND run_at IS NOT NULL) AS md5ok
         FROM couch2pg_migrations
       UNION ALL
       SELECT 'xmlforms_migrations', count(*)::int, max(version)::text,
              bool_and(md5 ~ '^[0-9a-f]{32}$' AND run_at IS NOT NULL) FROM xmlforms_migrations
       UNION ALL
       SELECT 'users_meta_migrations', count(*)::int, max(version)::text,
              bool_and(md5 ~ '^[0-9a-f]{32}$' AND run_at IS NOT NULL) FROM users_meta_migrations`,
    )
    expect(rows).toEqual([
      { t: 'couch2pg_migrations', n: 6, max: '201803202020', md5ok: true },
      { t: 'xmlforms_migrations', n: 8, max: '202306221510', md5ok: true },
      { t: 'users_meta_migrations', n: 7, max: '202607231202', md5ok: true },
    ])
    expect(COUCH2PG_MIGRATIONS).toHaveLength(21)
    const { rows: upgrade } = await client.query(
      `SELECT name, run_at::date::text AS day FROM users_meta_migrations WHERE version = 202607231200`,
    )
    expect(upgrade).toEqual([{ name: 'get_telemetry_date', day: '2026-08-04' }])
  })

  it('accept the loader’s checkpoints, host:port/db, one per source', async () => {
    await client.query(
      `INSERT INTO couchdb_progress (seq, source) VALUES
         ('4512-g1AAAAFTeJzLYWBg4MhgTmHgz8tPSTV0MDQy', 'cht.example.org:443/medic'),
         ('977-g1AAAAFTeJzLYWBg4MhgTmHgz8tPSTV0MDQy', 'cht.example.org:443/medic-sentinel'),
         ('0', 'cht.example.org:443/medic-users-meta')`,
    )
    await expect(
      client.query(
        `INSERT INTO couchdb_progress (seq, source) VALUES ('5', 'cht.example.org:443/medic')`,
      ),
    ).rejects.toMatchObject({ code: '23505' })
    await expect(
      client.query(`INSERT INTO couchdb_progress (seq) VALUES ('5')`),
    ).rejects.toMatchObject({ code: '23502' })
    expect(await countRows(client, 'couchdb_progress')).toBe(3)
  })
})

describe('the couch2pg objects', () => {
  it('are exactly the catalogued ones, each of its catalogued kind', async () => {
    const { rows } = await client.query<{ name: string; kind: string }>(
      `SELECT c.relname AS name,
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view'
                             WHEN 'm' THEN 'matview' WHEN 'i' THEN 'index' END AS kind
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'i')
       UNION ALL
       SELECT p.proname, 'function' FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace`,
    )
    const actual = rows.map((r) => `${r.kind} ${r.name}`).sort()
    const expected = ALL.map((o) => `${o.kind} ${o.name}`).sort()
    expect(actual).toEqual(expected)
    expect(new Set(ALL.map((o) => o.name)).size).toBe(ALL.length)
  })

  it('depend on exactly what the catalogue says (pg_depend)', async () => {
    const { rows } = await client.query<{ name: string; deps: string[] }>(
      `SELECT v.relname AS name,
              array_agg(DISTINCT COALESCE(src.relname, fn.proname)::text) AS deps
         FROM pg_class v
         JOIN pg_rewrite r ON r.ev_class = v.oid
         JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
         LEFT JOIN pg_class src ON d.refclassid = 'pg_class'::regclass AND src.oid = d.refobjid
         LEFT JOIN pg_proc fn ON d.refclassid = 'pg_proc'::regclass AND fn.oid = d.refobjid
        WHERE v.relnamespace = 'public'::regnamespace AND v.relkind IN ('v', 'm')
          AND d.refobjid <> v.oid AND (src.oid IS NOT NULL OR fn.oid IS NOT NULL)
        GROUP BY v.relname`,
    )
    const actual = Object.fromEntries(rows.map((r) => [r.name, r.deps]))
    const views = ALL.filter((o) => o.kind === 'view' || o.kind === 'matview')
    expect(Object.keys(actual).sort()).toEqual(views.map((o) => o.name).sort())
    for (const view of views) {
      expect([...(actual[view.name] ?? [])].sort(), view.name).toEqual([...view.dependsOn].sort())
    }

    const { rows: indexes } = await client.query<{ name: string; rel: string }>(
      `SELECT i.relname AS name, t.relname AS rel FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE i.relnamespace = 'public'::regnamespace`,
    )
    for (const index of ALL.filter((o) => o.kind === 'index')) {
      expect(indexes.find((i) => i.name === index.name)?.rel, index.name).toBe(index.dependsOn[0])
    }
  })

  it('name in their text everything they read, except the functions that build SQL at run time', async () => {
    const { rows } = await client.query<{ name: string; src: string; lang: string }>(
      `SELECT p.proname AS name, p.prosrc AS src, l.lanname AS lang
         FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
        WHERE p.pronamespace = 'public'::regnamespace`,
    )
    for (const fn of ALL.filter((o) => o.kind === 'function')) {
      const row = rows.find((r) => r.name === fn.name)
      expect(row, fn.name).toBeDefined()
      const named = fn.dependsOn.filter((d) => new RegExp(`\\b${d}\\b`).test(row?.src ?? ''))
      if (fn.parsesCleanly) expect(named, fn.name).toEqual(fn.dependsOn)
      else expect(row?.src, fn.name).toMatch(/EXECUTE format\(/)
    }
    const dynamic = COUCH2PG_CUSTOM_OBJECTS.filter((o) => !o.parsesCleanly)
    expect(dynamic.map((o) => [o.name, o.kind])).toEqual([['get_form_submissions', 'function']])
    const src = rows.find((r) => r.name === 'get_form_submissions')?.src ?? ''
    expect(dynamic[0]?.dependsOn.filter((d) => src.includes(d))).toEqual([])
    expect(rows.find((r) => r.name === 'get_form_submissions')?.lang).toBe('plpgsql')
  })

  it('give contactview_metadata and form_metadata their exact columns and indexes', async () => {
    expect(await columnsOf(client, 'contactview_metadata')).toEqual([
      ['uuid', 'text'],
      ['name', 'text'],
      ['type', 'text'],
      ['contact_type', 'text'],
      ['contact_uuid', 'text'],
      ['parent_uuid', 'text'],
      ['notes', 'text'],
      ['reported', 'timestamp with time zone'],
    ])
    expect(Object.keys(await indexesOf(client, 'contactview_metadata')).sort()).toEqual([
      'contactview_metadata_contact_uuid',
      'contactview_metadata_parent_uuid',
      'contactview_metadata_type',
      'contactview_metadata_uuid',
    ])
    expect((await columnsOf(client, 'form_metadata')).map(([c]) => c)).toEqual([
      'uuid',
      'chw',
      'chw_area',
      'formname',
      'reported',
    ])
    expect((await columnsOf(client, 'form_metadata'))[4]).toEqual([
      'reported',
      'timestamp without time zone',
    ])
    expect((await indexesOf(client, 'form_metadata')).form_metadata_uuid).toMatch(/^CREATE UNIQUE/)
    expect((await columnsOf(client, 'contactview_chw')).map(([c]) => c)).toEqual([
      'name',
      'uuid',
      'phone',
      'phone2',
      'date_of_birth',
      'parent_type',
      'area_uuid',
      'branch_uuid',
    ])
    expect((await columnsOf(client, 'useview_telemetry_metrics')).map(([c]) => c)).toEqual([
      'telemetry_doc_id',
      'metric',
      'period_start',
      'user_name',
      'device_id',
      'min',
      'max',
      'sum',
      'count',
      'sumsqr',
    ])
  })

  it('let refresh_matviews() refresh every materialized view: each has a plain unique index', async () => {
    const { rows } = await client.query<{ matviewname: string; ok: boolean }>(
      `SELECT m.matviewname,
              EXISTS (SELECT 1 FROM pg_index x
                       WHERE x.indrelid = (quote_ident(m.matviewname))::regclass AND x.indisunique
                         AND x.indpred IS NULL AND x.indexprs IS NULL) AS ok
         FROM pg_matviews m WHERE m.schemaname = 'public'`,
    )
    expect(rows.map((r) => r.matviewname).sort()).toEqual(byKind('matview').sort())
    expect(rows.filter((r) => !r.ok)).toEqual([])
    const { rows: refreshed } = await client.query('SELECT refresh_matviews() AS r')
    expect(refreshed).toEqual([{ r: 1 }])
  })

  it('include at least 30 custom objects, with views four levels deep', async () => {
    const custom = COUCH2PG_CUSTOM_OBJECTS.filter((o) => o.kind !== 'index')
    expect(custom.length).toBeGreaterThanOrEqual(30)
    expect(COUCH2PG_CUSTOM_OBJECTS.filter((o) => o.readBy === 'nobody').length).toBeGreaterThan(3)
    const names = COUCH2PG_CUSTOM_OBJECTS.map((o) => o.name)
    const { rows } = await client.query<{ depth: number; chain: string[] }>(
      `WITH RECURSIVE edges AS (
         SELECT DISTINCT v.relname AS child, src.relname AS parent
           FROM pg_class v
           JOIN pg_rewrite r ON r.ev_class = v.oid
           JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
           JOIN pg_class src ON d.refclassid = 'pg_class'::regclass AND src.oid = d.refobjid
          WHERE src.oid <> v.oid AND src.relkind IN ('v', 'm')
            AND v.relname = ANY ($1) AND src.relname = ANY ($1)
       ), chains AS (
         SELECT child, parent, 1 AS depth, ARRAY[child, parent]::text[] AS chain FROM edges
         UNION ALL
         SELECT c.child, e.parent, c.depth + 1, c.chain || e.parent::text
           FROM chains c JOIN edges e ON e.child = c.parent
       )
       SELECT depth, chain FROM chains ORDER BY depth DESC, chain LIMIT 1`,
      [names],
    )
    expect(rows[0]?.depth).toBeGreaterThanOrEqual(3)
    expect(rows[0]?.chain).toEqual([
      'useview_dashboard_maternal',
      'useview_anc_coverage',
      'useview_pregnancy_visits',
      'formview_anc_visit',
    ])
  })

  it('are idempotent: installing again changes nothing', async () => {
    const before = await countRows(client, 'pg_class WHERE relnamespace = $1::regnamespace', [
      'public',
    ])
    await installCouch2pgTables(client)
    await installCouch2pgIndexes(client)
    await installCouch2pgObjects(client)
    expect(
      await countRows(client, 'pg_class WHERE relnamespace = $1::regnamespace', ['public']),
    ).toBe(before)
    expect(await countRows(client, 'xmlforms_migrations')).toBe(8)
  })
})

describe('the couch2pg views over the fixture deployment', () => {
  const reportsOf = (form: string) => REPORTS.filter((r) => r.form === form).length

  it('list every contact and every form report', async () => {
    expect(await countRows(client, 'contactview_metadata')).toBe(CONTACTS.length)
    expect(await countRows(client, 'form_metadata')).toBe(REPORTS.length - 1)
    expect(await countRows(client, 'contactview_hospital')).toBe(1)
    expect(await countRows(client, 'contactview_chw')).toBe(2)
    expect(await countRows(client, 'contactview_clinic')).toBe(3)
    expect(await countRows(client, 'contactview_clinic_person')).toBe(3)
    const { rows } = await client.query(
      `SELECT type, contact_type FROM contactview_metadata WHERE uuid = 'sup-1'`,
    )
    expect(rows).toEqual([{ type: 'contact', contact_type: 'chw' }])
  })

  it('type every field the demo forms promise (DEMO_FORM_FIELDS)', async () => {
    for (const form of DEMO_FORMS) {
      const view = `formview_${form}`
      expect(await countRows(client, view), view).toBe(reportsOf(form))
      const fields = Object.keys(DEMO_FORM_FIELDS[form])
      const { rows } = await client.query(
        `SELECT ${fields.map((f) => `count(${f})::int AS ${f}`).join(', ')},
                count(reported)::int AS reported, count(chw_area_uuid)::int AS chw_area_uuid
           FROM ${view}`,
      )
      for (const [field, n] of Object.entries(rows[0] ?? {}))
        expect(n, `${view}.${field}`).toBeGreaterThan(0)
    }
    const types = Object.fromEntries(await columnsOf(client, 'formview_pregnancy'))
    expect(types).toMatchObject({ lmp_date: 'date', gravida: 'integer', high_risk: 'boolean' })
  })

  it('compute the maternal dashboard, the iCCM summary and the CHW scorecard', async () => {
    const { rows: visits } = await client.query(
      `SELECT patient_uuid, visits::int, attended_facility FROM useview_pregnancy_visits ORDER BY 1`,
    )
    expect(visits).toEqual([
      { patient_uuid: 'woman-1', visits: 4, attended_facility: true },
      { patient_uuid: 'woman-3', visits: 1, attended_facility: true },
    ])
    const { rows: maternal } = await client.query(
      `SELECT sum(pregnancies)::int AS p, sum(anc4)::int AS anc4, sum(deliveries)::int AS d,
              sum(pnc_within_3_days)::int AS pnc, count(DISTINCT area_name)::int AS areas
         FROM get_maternal_dashboard(NULL, '2025-01-01', '2025-12-31')`,
    )
    expect(maternal).toEqual([{ p: 2, anc4: 1, d: 1, pnc: 1, areas: 2 }])
    const { rows: iccm } = await client.query(
      `SELECT area_name, assessments::int, malaria_treated_act::int, pneumonia_treated::int
         FROM get_iccm_summary('2025-01-01', '2025-12-31')`,
    )
    expect(iccm).toEqual([
      { area_name: 'Kolwa Area', assessments: 1, malaria_treated_act: 1, pneumonia_treated: 1 },
    ])
    const { rows: scorecard } = await client.query(
      `SELECT chw_uuid, reports::int, tasks_completed::int FROM get_chw_scorecard('2025-02-14')`,
    )
    expect(scorecard).toEqual([
      { chw_uuid: 'chw-1', reports: 3, tasks_completed: 1 },
      { chw_uuid: 'chw-2', reports: 2, tasks_completed: 0 },
    ])
    const { rows: submissions } = await client.query(
      `SELECT chw_area_uuid, reported_month::text, submissions::int
         FROM get_form_submissions('anc_visit', '2025-01-01', '2025-02-28')`,
    )
    expect(submissions).toEqual([
      { chw_area_uuid: 'hc-1', reported_month: '2025-01-01', submissions: 1 },
      { chw_area_uuid: 'hc-1', reported_month: '2025-02-01', submissions: 1 },
      { chw_area_uuid: 'hc-2', reported_month: '2025-02-01', submissions: 1 },
    ])
    const { rows: households } = await client.query(
      `SELECT uuid, members::int, under5_members::int FROM contactview_household ORDER BY uuid`,
    )
    expect(households).toEqual([
      { uuid: 'hh-1', members: 2, under5_members: 1 },
      { uuid: 'hh-2', members: 1, under5_members: 0 },
      { uuid: 'hh-3', members: 1, under5_members: 0 },
    ])
    expect(await countRows(client, 'useview_pregnancy_visits_old WHERE visits > 0')).toBe(0)
    expect(await countRows(client, 'useview_targets')).toBe(2)
  })

  it('date telemetry with the pre-3.8.0 zero-based month correction, null-safely', async () => {
    const { rows } = await client.query(
      `SELECT uuid, period_start::text FROM useview_telemetry ORDER BY uuid`,
    )
    expect(rows).toEqual([
      { uuid: 'telemetry-2021-0-chw1-dev-1', period_start: '2021-01-01' },
      { uuid: 'telemetry-2025-2-17-chw1-dev-2', period_start: '2025-02-17' },
    ])
    const { rows: dates } = await client.query(
      `SELECT get_telemetry_date('3.7.1', '2021', '4', NULL)::text AS old,
              get_telemetry_date('4.5.0', '2025', '4', '17')::text AS new,
              get_telemetry_date(NULL, '2021', '0', '')::text AS unknown,
              get_telemetry_date('4.5.0', '', '4', '17') AS no_year`,
    )
    expect(dates).toEqual([
      { old: '2021-05-01', new: '2025-04-17', unknown: '2021-01-01', no_year: null },
    ])
    expect(await countRows(client, 'useview_telemetry_devices')).toBe(2)
    expect(await countRows(client, 'useview_telemetry_metrics')).toBe(4)
    const { rows: feedback } = await client.query(`SELECT user_name, cause FROM useview_feedback`)
    expect(feedback).toEqual([{ user_name: 'chw1', cause: 'ReferenceError' }])
  })
})
