import type pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CheckOutcome } from '../../../../../src/main/engine/checks/check-types'
import { OPTIMIZE_DBT_TUNING } from '../../../../../src/main/engine/checks/optimize/dbt-tuning'
import { OPTIMIZE_EXPLAIN } from '../../../../../src/main/engine/checks/optimize/explain'
import {
  databaseExplainer,
  explainOne,
} from '../../../../../src/main/engine/checks/optimize/explain-run'
import { OPTIMIZE_JSON_INDEXES } from '../../../../../src/main/engine/checks/optimize/json-indexes'
import { checkResult } from '../../../../../src/main/engine/checks/check-result'
import { findCheck } from '../../../../../src/shared/checks/check-catalog'
import { explainFigureLabels, explainTag } from '../../../../../src/shared/checks/optimize-catalog'
import type { ExplainQuery } from '../../../../../src/shared/checks/check-settings'
import type { ProjectDocument } from '../../../../../src/shared/project-schema'
import { evidenceItemSchema } from '../../../../../src/shared/results/check-result'
import { withHistory } from '../../../../../src/shared/results/history'
import { filter, view } from '../../../../support/inventory-objects'
import { inventoryResult } from '../../../../support/teardown-fixtures'
import { createTestDatabase, testPostgres } from '../../../../support/test-postgres'
import { harnessProfile } from '../../../../support/test-pools'
import { documentWith, realContext, sharedPools, tempFolder } from '../check-fixtures'
import { ago, chtSyncV2, pipelineModels } from '../pipeline-fixtures'

/**
 * The rest of the optimize advisor on a CHT Sync database built by hand on the run's PostgreSQL:
 * JSON paths a used couch2pg view filters on, dbt's settings against a real backlog, and EXPLAIN
 * of dashboard queries through the read-only gate, before and after the advised index.
 */

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>
let pools: ReturnType<typeof sharedPools>
let db: TestDb | null = null
let sql: pg.Client | null = null
const folder = tempFolder('optimize-advice')

beforeAll(() => {
  pools = sharedPools()
})
afterAll(async () => {
  await pools.closeAll()
  folder.cleanup()
})
afterEach(async () => {
  await sql?.end()
  await db?.drop()
  sql = null
  db = null
})

async function database(): Promise<pg.Client> {
  db = await createTestDatabase('advice')
  sql = await db.client()
  await chtSyncV2(sql)
  await pipelineModels(sql)
  return sql
}

function document(over: (doc: ProjectDocument) => void = () => undefined): ProjectDocument {
  const chtSync = { ...harnessProfile(db!.name), schema: 'v1', table: 'couchdb' }
  const doc = documentWith({ chtSync })
  over(doc)
  return doc
}

async function run(
  check: typeof OPTIMIZE_EXPLAIN,
  doc: ProjectDocument,
  envPath: string | null = null,
): Promise<CheckOutcome> {
  const ctx = realContext(
    { document: doc, passwords: { chtSync: testPostgres().password }, envPath },
    pools,
  )
  const outcome = await check.run(ctx)
  for (const item of outcome.evidence ?? []) {
    expect(evidenceItemSchema.safeParse(item).success, JSON.stringify(item)).toBe(true)
  }
  expect(outcome.verdict).not.toBe('fail')
  return outcome
}

describe('optimize.json-indexes on a real CHT Sync database', () => {
  it('advises statements that run as given and are then recognised', async () => {
    const c = await database()
    await c.query(`CREATE TABLE v1.data_record (uuid text PRIMARY KEY, form text)`)
    await c.query(`CREATE INDEX data_record_form ON v1.data_record USING hash (form)`)
    await c.query(`CREATE INDEX couchdb_kind ON v1.couchdb ((doc #>> '{fields,kind}'))`)
    const visits = view('useview_visits', {
      analysis: {
        filters: [
          filter('form', 'visit'),
          filter('fields.kind', 'home'),
          filter('fields.danger', 'yes'),
        ],
      },
    })
    visits.usage.statementCalls = 40
    const doc = document((d) => {
      d.results['inventory.couch2pg'] = inventoryResult([visits])
    })
    const before = await run(OPTIMIZE_JSON_INDEXES, doc)
    expect(before.verdict).toBe('warn')
    expect(before.summary).toMatch(
      /^1 JSON path that dashboards filter on has no index .*doc\.fields\.danger/,
    )
    const statement =
      "CREATE INDEX CONCURRENTLY IF NOT EXISTS couchdb_doc_fields_danger ON v1.couchdb ((doc->'fields'->>'danger'));"
    expect(before.remedy?.text).toContain(statement)
    await c.query(statement)
    const after = await run(OPTIMIZE_JSON_INDEXES, doc)
    expect(after.verdict).toBe('pass')
    expect(after.summary).toMatch(/Each of the 3 JSON paths/)
  })
})

describe('optimize.dbt-tuning on a real backlog', () => {
  it('weighs the .env’s settings against the rows waiting and the runs recorded', async () => {
    const c = await database()
    await c.query(`INSERT INTO v1.couchdb (saved_timestamp, _id, _deleted, source, doc)
      SELECT ${ago('10 minutes')}, 'doc-' || i, false, 'cht.example.org/medic', '{}'::jsonb
        FROM generate_series(1, 100500) i`)
    await c.query(
      `INSERT INTO v1.couchdb_progress VALUES ('12-abc', 2500, now(), 'cht.example.org/medic')`,
    )
    for (const [run, at] of [
      ['r1', '3 hours'],
      ['r2', '2 hours'],
      ['r3', '1 hour'],
    ] as const) {
      for (const [model, seconds] of [
        ['document_metadata', 40],
        ['contact', 30],
        ['data_record', 50],
      ] as const) {
        await c.query(
          `INSERT INTO v1.dbt_results (result_id, invocation_id, unique_id, name, resource_type, status,
             start_time, end_time, execution_time, rows_affected)
           VALUES ($1::text || $2::text, $1, 'model.p.' || $2::text, $2, 'model', 'success',
                   ${ago(at)}, ${ago(at)} + $3 * interval '1 second', $3, 1000)`,
          [run, model, seconds],
        )
      }
    }
    const envPath = folder.env({ POSTGRES_SCHEMA: 'v1', DATAEMON_INTERVAL: '5' })
    const o = await run(OPTIMIZE_DBT_TUNING, document(), envPath)
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(
      /dbt runs its 3 models one at a time \(DBT_THREAD_COUNT is 1\), and their medians add up to 2 min a run/,
    )
    expect(o.summary).toMatch(
      /DBT_BATCH_SIZE is not set, so dbt takes all more than 100,000 waiting rows in one run/,
    )
    const measure = (label: string) =>
      o.evidence?.find((e) => e.type === 'measure' && e.label === label)
    expect(measure('Raw rows saved in the last hour')).toMatchObject({ value: 100_001 })
    expect(measure('Changes CouchDB has not sent yet')).toMatchObject({ value: 2500 })
    expect(measure('dbt runs in the last 24 hours')).toMatchObject({ value: 3 })
    expect(measure('Median dbt run')).toMatchObject({ value: 50 })
    expect(measure('Median rows per run (document_metadata)')).toMatchObject({ value: 1000 })
    // Three runs in 24 hours while 100,001 rows arrived in the last hour: some 800,000 a run.
    const small = folder.env({ DBT_THREAD_COUNT: '3', DBT_BATCH_SIZE: '100000' })
    const behind = await run(OPTIMIZE_DBT_TUNING, document(), small)
    expect(behind.summary).toMatch(
      /^DBT_BATCH_SIZE \(100,000\) is below the rows saved between two runs \(about 800,008\)/,
    )
    const tuned = folder.env({ DBT_THREAD_COUNT: '3', DBT_BATCH_SIZE: '2000000' })
    const fine = await run(OPTIMIZE_DBT_TUNING, document(), tuned)
    expect(fine.verdict, fine.summary).toBe('pass')
  }, 60_000)
})

describe('optimize.explain on a real CHT Sync database', () => {
  const q = (id: string, label: string, text: string): ExplainQuery => ({ id, label, sql: text })
  const visits = q(
    'visits',
    'Visits today',
    'SELECT count(*) FROM v1.big_visits WHERE reported = 7 -- today',
  )

  async function bigVisits(c: pg.Client) {
    await c.query(`CREATE TABLE v1.big_visits (uuid text, reported int)`)
    await c.query(
      `INSERT INTO v1.big_visits SELECT 'v' || i, i % 1000 FROM generate_series(1, 200000) i`,
    )
    await c.query(`ANALYZE v1.big_visits`)
  }

  it('compares a query before and after the advised index, through history figures', async () => {
    const c = await database()
    await bigVisits(c)
    await c.query(`CREATE TABLE v1.audit (n int)`)
    await c.query(
      `CREATE FUNCTION v1.sneaky() RETURNS int LANGUAGE sql AS 'INSERT INTO v1.audit VALUES (1) RETURNING n'`,
    )
    const doc = document((d) => {
      d.checks.explainQueries = [
        visits,
        q('del', 'A delete', 'DELETE FROM v1.big_visits'),
        q('gone', 'Missing table', 'SELECT * FROM v1.nope'),
        q('sneaky', 'Writes through a function', 'SELECT v1.sneaky()'),
      ]
    })
    const meta = findCheck('optimize.explain')!
    const before = await run(OPTIMIZE_EXPLAIN, doc)
    expect(before.verdict).toBe('warn')
    expect(before.summary).toMatch(
      /Visits today reads a large relation from end to end \(v1\.big_visits, 200,000 rows/,
    )
    const rows = before.evidence?.find((e) => e.type === 'table')
    expect(rows?.type === 'table' && rows.rows.map((r) => [r[0], r[2]])).toEqual([
      ['Visits today', 'EXPLAIN ANALYZE'],
      ['A delete', 'refused'],
      ['Missing table', 'failed'],
      ['Writes through a function', 'failed'],
    ])
    expect(JSON.stringify(before.evidence)).toMatch(/read-only transaction \(25006\)/)
    expect((await c.query('SELECT count(*)::int AS n FROM v1.audit')).rows[0].n).toBe(0)

    await c.query(`CREATE INDEX big_visits_reported ON v1.big_visits (reported)`)
    const after = await run(OPTIMIZE_EXPLAIN, doc)
    expect(after.summary).not.toMatch(/Visits today reads a large relation/)
    const at = (iso: string) => ({ ranAt: iso, durationMs: 5, endpoints: [] })
    const first = withHistory(checkResult(meta, before, at('2026-12-01T08:00:00.000Z')), undefined)
    const stored = withHistory(checkResult(meta, after, at('2026-12-01T09:00:00.000Z')), first)
    const labels = explainFigureLabels(explainTag(visits))
    const costBefore = stored.history[0]!.figures[labels.cost]!
    const costAfter = after.evidence?.find((e) => e.type === 'measure' && e.label === labels.cost)
    expect(costBefore).toBeGreaterThan(1000)
    expect(costAfter?.type === 'measure' && costAfter.value).toBeLessThan(costBefore / 5)
    expect(stored.history[0]!.figures[labels.ms]).toBeGreaterThan(0)
  }, 60_000)

  it('falls back to a plain EXPLAIN when ANALYZE outlives its timeout', async () => {
    await database()
    const doc = document()
    const ctx = realContext(
      { document: doc, passwords: { chtSync: testPostgres().password } },
      pools,
    )
    const explainer = await databaseExplainer(ctx, { analyzeTimeoutMs: 300 })
    const started = Date.now()
    const slow = await explainOne(q('s', 'Slow', 'SELECT pg_sleep(3)'), explainer, ctx.signal)
    expect(Date.now() - started).toBeLessThan(2_500)
    expect(slow.how).toBe('plain')
    expect(slow.note).toMatch(/did not finish within 0\.3 s and was cancelled on the server/)
    expect(slow.plan?.executionMs).toBeNull()
    const skipped = await run(OPTIMIZE_EXPLAIN, document())
    expect(skipped.verdict).toBe('skipped')
  }, 30_000)
})
