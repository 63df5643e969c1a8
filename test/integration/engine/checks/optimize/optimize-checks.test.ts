import type pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CheckOutcome } from '../../../../../src/main/engine/checks/check-types'
import { OPTIMIZE_CHECKS } from '../../../../../src/main/engine/checks/optimize/optimize-checks'
import { evidenceItemSchema } from '../../../../../src/shared/results/check-result'
import { createTestDatabase, testPostgres } from '../../../../support/test-postgres'
import { harnessProfile } from '../../../../support/test-pools'
import { documentWith, realContext, runCheck, sharedPools } from '../check-fixtures'
import { ago, chtSyncV2, pipelineModels } from '../pipeline-fixtures'

/**
 * The optimize advisor on a small CHT Sync database built by hand: a 100,000-row model without a
 * saved_timestamp index that queries read whole, a plain view, a table emptied and refilled, and
 * dbt_results with a slow model. The checks read it through the real read-only gate.
 */

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>
let pools: ReturnType<typeof sharedPools>
let db: TestDb | null = null
let sql: pg.Client | null = null

beforeAll(() => {
  pools = sharedPools()
})
afterAll(async () => {
  await pools.closeAll()
})
afterEach(async () => {
  await sql?.end()
  await db?.drop()
  sql = null
  db = null
})

async function database(): Promise<pg.Client> {
  db = await createTestDatabase('optimize')
  sql = await db.client()
  await chtSyncV2(sql)
  return sql
}

/** Runs every optimize check in one run (shared memo), checking their evidence is storable. */
async function runAll(): Promise<Map<string, CheckOutcome>> {
  const chtSync = { ...harnessProfile(db!.name), schema: 'v1', table: 'couchdb' }
  const ctx = realContext(
    { document: documentWith({ chtSync }), passwords: { chtSync: testPostgres().password } },
    pools,
  )
  const out = new Map<string, CheckOutcome>()
  for (const check of OPTIMIZE_CHECKS) {
    const outcome = await runCheck(OPTIMIZE_CHECKS, check.id, ctx)
    for (const item of outcome.evidence ?? []) {
      expect(evidenceItemSchema.safeParse(item).success, JSON.stringify(item)).toBe(true)
    }
    out.set(check.id, outcome)
  }
  return out
}

/** Statements in a session of their own, ended so its statistics reach the collector. */
async function inOwnSession(statements: string[]): Promise<void> {
  const c = await db!.client()
  try {
    for (const s of statements) await c.query(s)
  } finally {
    await c.end()
  }
}

/** Waits until the statistics collector shows `condition` on a table of v1. */
async function statsShow(table: string, condition: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const { rows } = await sql!.query(
      `SELECT 1 FROM pg_stat_all_tables WHERE schemaname = 'v1' AND relname = $1 AND ${condition}`,
      [table],
    )
    if (rows.length) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`pg_stat_all_tables never showed ${condition} on ${table}`)
}

async function dbtResult(c: pg.Client, name: string, type: string, at: string, seconds: number) {
  await c.query(
    `INSERT INTO v1.dbt_results (result_id, invocation_id, unique_id, name, resource_type, status,
       start_time, end_time, execution_time, rows_affected)
     VALUES (md5(random()::text), md5(random()::text), 'model.p.' || $1::text, $1, $2, 'success',
             ${ago(at)}, ${ago(at)}, $3, 0)`,
    [name, type, seconds],
  )
}

describe('the optimize checks', () => {
  it('pass on a schema with nothing to advise, and warn without dbt_results', async () => {
    await database()
    const bare = await runAll()
    expect(bare.get('optimize.slow-models')?.verdict).toBe('warn')
    expect(bare.get('optimize.slow-models')?.summary).toMatch(/There is no v1\.dbt_results/)
    for (const id of ['optimize.indexes', 'optimize.materialization', 'optimize.seq-scans']) {
      expect(bare.get(id)?.verdict, id).toBe('pass')
    }
    await pipelineModels(sql!)
    await dbtResult(sql!, 'contact', 'model', '1 hour', 2)
    const clean = await runAll()
    // Without an inventory, a configuration file or dashboard queries, these say so and skip.
    const inputs = ['optimize.json-indexes', 'optimize.dbt-tuning', 'optimize.explain']
    for (const [id, outcome] of clean) {
      expect(outcome.verdict, id).toBe(inputs.includes(id) ? 'skipped' : 'pass')
    }
  })

  it('advise on a slow model, a missing index, a view, a rewritten table and whole scans', async () => {
    const c = await database()
    await pipelineModels(c)
    for (const [at, seconds] of [
      ['4 days', 100],
      ['3 days', 110],
      ['2 days', 200],
      ['1 day', 250],
    ] as const) {
      await dbtResult(c, 'slow_model', 'model', at, seconds)
      await dbtResult(c, 'contact', 'model', at, 1)
    }
    await dbtResult(c, 'old_model', 'model', '20 days', 5_000)
    await dbtResult(c, 'slow_test', 'test', '1 day', 5_000)
    await c.query(
      `CREATE TABLE v1.big_visits (uuid text, saved_timestamp timestamp, reported date, patient_id text)`,
    )
    await c.query(`INSERT INTO v1.big_visits
      SELECT 'v' || i, now() - i * interval '1 minute', current_date, 'p' || (i % 500)
        FROM generate_series(1, 100000) i`)
    await c.query(`CREATE INDEX big_visits_uuid ON v1.big_visits (uuid, saved_timestamp)`)
    await c.query(`ANALYZE v1.big_visits`)
    await c.query(`CREATE VIEW v1.anc_view AS SELECT uuid FROM v1.contact`)
    await c.query(`CREATE TABLE v1.daily_counts (day date, n int)`)
    await inOwnSession([
      `INSERT INTO v1.daily_counts SELECT current_date - i, i FROM generate_series(1, 5) i`,
      `DELETE FROM v1.daily_counts`,
      `INSERT INTO v1.daily_counts SELECT current_date - i, i FROM generate_series(1, 5) i`,
      ...Array.from({ length: 11 }, () => `SELECT count(*) FROM v1.big_visits`),
    ])
    await statsShow('big_visits', 'seq_scan >= 11')
    await statsShow('daily_counts', 'n_tup_del >= 5 AND n_live_tup = 5')

    const out = await runAll()
    const slow = out.get('optimize.slow-models')!
    expect(slow.verdict).toBe('warn')
    expect(slow.summary).toMatch(
      /^1 model is slow or getting slower: slow_model \(3 min median, slow\)/,
    )
    expect(slow.remedy?.text).toContain("materialized='incremental', unique_key='uuid'")
    const timings = slow.evidence?.find((e) => e.type === 'table')
    // 4 runs: older half median 105 s, newer half 225 s.
    expect(timings?.type === 'table' && timings.rows[0]).toEqual([
      'slow_model',
      4,
      155,
      250,
      '+114 %',
      660,
      'slow',
    ])

    const indexes = out.get('optimize.indexes')!
    expect(indexes.verdict).toBe('warn')
    expect(indexes.summary).toMatch(/^v1\.big_visits has 100,000 rows/)
    expect(indexes.remedy?.text).toContain(
      'CREATE INDEX CONCURRENTLY ON v1.big_visits (saved_timestamp);',
    )
    expect(indexes.remedy?.text).toContain("indexes=[{'columns': ['saved_timestamp']}]")
    // uuid leads an index; patient_id, a join column of the models, leads none.
    expect(indexes.summary).toContain('v1.big_visits.patient_id is a join column')
    expect(indexes.remedy?.text).toContain(
      'CREATE INDEX CONCURRENTLY ON v1.big_visits (patient_id);',
    )
    expect(indexes.summary).not.toContain('big_visits.uuid')

    const materialization = out.get('optimize.materialization')!
    expect(materialization.verdict).toBe('warn')
    expect(materialization.summary).toMatch(/v1\.anc_view is a plain view/)
    expect(materialization.summary).toMatch(/v1\.daily_counts is emptied and refilled/)
    expect(materialization.remedy?.text).toContain("{{ config(materialized='materialized_view') }}")

    const scans = out.get('optimize.seq-scans')!
    expect(scans.verdict).toBe('warn')
    expect(scans.summary).toMatch(/^v1\.big_visits is read mostly from end to end/)
    expect(scans.remedy?.text).toContain('EXPLAIN (ANALYZE, BUFFERS) <the dashboard query>')
    for (const outcome of out.values()) expect(outcome.verdict).not.toBe('fail')
  }, 60_000)
})
