import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  COUCH2PG_INSTALLED_OBJECTS,
  couch2pgObjects,
  installCouch2pgIndexes,
  installCouch2pgObjects,
  installCouch2pgTables,
} from '../../../../src/main/engine/demo/sql/couch2pg-layout'
import type { DemoCouch2pgRelease } from '../../../../src/shared/demo'
import type { InventoryDetails } from '../../../../src/shared/results/inventory-result'
import {
  LOGS_DOCS,
  MEDIC_DOCS,
  SENTINEL_DOCS,
  USERS_DOCS,
  USERS_META_DOCS,
  type FixtureDoc,
} from '../../../support/cht-fixture-docs'
import {
  DEMO_VIEW_JSON_PATHS,
  DEMO_VIEW_JSON_PATHS_3_5,
  expectedPaths,
} from '../../../support/demo-view-paths'
import { inventoryOf, nameOfKey, objectNamed } from '../../../support/inventory-scan'
import { createTestDatabase } from '../../../support/test-postgres'

/**
 * The couch2pg inventory on the demo's couch2pg database, for both releases the demo builds:
 * every object listed with its kind, dependencies and origin (the demo's catalogue is the
 * expectation), the JSON paths of its views, the dynamic-SQL function flagged.
 */

const KIND = { matview: 'materialized_view' } as Record<string, string>
const kindOf = (k: string) => KIND[k] ?? k

async function demoDatabase(release: DemoCouch2pgRelease) {
  const db = await createTestDatabase(`inv_${release.replace('.', '')}`)
  const client = await db.client()
  const load = (table: string, docs: FixtureDoc[]) =>
    client.query(`INSERT INTO ${table} (doc) SELECT value FROM jsonb_array_elements($1::jsonb)`, [
      JSON.stringify(docs),
    ])
  await installCouch2pgTables(client, release)
  await load('couchdb', [...MEDIC_DOCS, ...SENTINEL_DOCS])
  await load('couchdb_users_meta', USERS_META_DOCS)
  if (release === '3.7') {
    await load('couchdb_medic_logs', LOGS_DOCS)
    await load('couchdb_medic_users', USERS_DOCS)
  }
  await installCouch2pgIndexes(client, release)
  await installCouch2pgObjects(client, release)
  return { db, client }
}

describe.each(['3.7', '3.5'] as const)('the demo couch2pg database (release %s)', (release) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>
  let client: pg.Client
  let details: InventoryDetails
  const expected = couch2pgObjects(release)

  beforeAll(async () => {
    ;({ db, client } = await demoDatabase(release))
    ;({ details } = await inventoryOf(db.name))
  }, 120_000)
  afterAll(async () => {
    await client?.end()
    await db?.drop()
  })

  it('lists every object of the demo with its kind, and nothing the demo did not create', () => {
    const listed = details.objects.map((o) => `${o.kind}:${o.name}`).sort()
    const want = expected.map((o) => `${kindOf(o.kind)}:${o.name}`).sort()
    expect(listed).toEqual(want)
  })

  it('finds what each object reads: views, functions and indexes', () => {
    for (const o of expected) {
      const found = objectNamed(details, o.name, kindOf(o.kind) as never)
      expect(found.dependsOn.map(nameOfKey).sort(), o.name).toEqual([...o.dependsOn].sort())
    }
  })

  it('says which objects couch2pg installed and which the deployment added', () => {
    const installed = new Set(COUCH2PG_INSTALLED_OBJECTS.map((o) => o.name))
    for (const o of details.objects) {
      expect(o.origin.origin, o.name).toBe(installed.has(o.name) ? 'couch2pg' : 'custom')
      expect(o.origin.modified, o.name).toBe(false)
    }
    expect(details.couch2pg.found).toBe(true)
    // 3.7.0's get_telemetry_date() dates the 3.7 variant; the 3.5 variant has nothing newer than
    // 3.5.1's telemetry device and metric views (and absence proves no upper bound).
    expect(details.couch2pg.release).toBe(release === '3.7' ? '3.7.0 or later' : '3.5.1 or later')
    expect(details.couch2pg.migrationTables).toBe(release === '3.7')
  })

  it('installs the telemetry views of its release, which date and split the fixture alike', async () => {
    const fn = await client.query(`SELECT 1 FROM pg_proc WHERE proname = 'get_telemetry_date'`)
    expect(fn.rowCount).toBe(release === '3.7' ? 1 : 0)
    const devices = await client.query(
      `SELECT telemetry_doc_id, period_start::text FROM useview_telemetry_devices ORDER BY 1`,
    )
    expect(devices.rows).toEqual([
      { telemetry_doc_id: 'telemetry-2021-0-chw1-dev-1', period_start: '2021-01-01' },
      { telemetry_doc_id: 'telemetry-2025-2-17-chw1-dev-2', period_start: '2025-02-17' },
    ])
    const metrics = await client.query(`SELECT count(*)::int AS n FROM useview_telemetry_metrics`)
    expect(metrics.rows[0].n).toBe(4)
  })

  it('finds the JSON paths of every view and materialized view', () => {
    const paths = release === '3.5' ? DEMO_VIEW_JSON_PATHS_3_5 : DEMO_VIEW_JSON_PATHS
    const views = expected.filter((o) => o.kind === 'view' || o.kind === 'matview')
    expect(views.map((o) => o.name).sort()).toEqual(Object.keys(paths).sort())
    for (const o of views) {
      const found = objectNamed(details, o.name, kindOf(o.kind) as never)
      expect(found.analysis?.jsonPaths, o.name).toEqual(expectedPaths(paths[o.name]!))
    }
  })

  it('finds the JSON paths and filters of the formviews', () => {
    const pregnancy = objectNamed(details, 'formview_pregnancy')
    expect(pregnancy.analysis?.jsonPaths).toEqual(
      expect.arrayContaining([
        'doc._id',
        'doc.reported_date',
        'doc.contact._id',
        'doc.contact.parent._id',
        'doc.contact.parent.parent._id',
        'doc.fields.lmp_date',
        'doc.fields.edd',
        'doc.fields.danger_signs',
      ]),
    )
    expect(pregnancy.analysis?.filters).toEqual(
      expect.arrayContaining([
        { path: 'type', values: ['data_record'] },
        { path: 'form', values: ['pregnancy'] },
      ]),
    )
    const anc = objectNamed(details, 'formview_anc_visit')
    expect(anc.analysis?.jsonPaths).toEqual(
      expect.arrayContaining(['doc.fields.visit_date', 'doc.fields.iron_folate_given']),
    )
    expect(pregnancy.mapping?.models).toContain('data_record')
    expect(pregnancy.mapping?.forms).toEqual(['pregnancy'])
  })

  it('flags the dynamic-SQL function for manual review, and no clean view', () => {
    const dynamic = objectNamed(details, 'get_form_submissions')
    expect(dynamic.analysis?.manualReview).toMatch(/^Builds SQL at run time/)
    expect(dynamic.mapping?.complexity).toBe('significant')
    for (const o of expected.filter((e) => e.kind === 'view' || e.kind === 'matview')) {
      const found = objectNamed(details, o.name, kindOf(o.kind) as never)
      expect(found.analysis?.parseError, o.name).toBeNull()
      expect(found.analysis?.manualReview, o.name).toBeNull()
    }
  })

  it('orders the custom objects so each comes after what it reads', () => {
    const position = new Map(details.order.map((k, i) => [k, i]))
    for (const key of details.order) {
      const o = details.objects.find((x) => x.key === key)!
      for (const dep of o.dependsOn) {
        if (position.has(dep))
          expect(position.get(dep)!, `${dep} before ${key}`).toBeLessThan(position.get(key)!)
      }
    }
    expect(details.order.length).toBeGreaterThan(20)
  })
})
