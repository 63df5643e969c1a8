import { afterEach, describe, expect, it } from 'vitest'
import { SETUP_DBT_FRESH } from '../../../../src/main/engine/checks/pipeline/dbt-fresh'
import { SETUP_DBT_RESULTS } from '../../../../src/main/engine/checks/pipeline/dbt-results'
import { BACKLOG_FIGURE } from '../../../../src/shared/charts/backlog-data'
import { MONITOR_LAG } from '../../../../src/main/engine/checks/pipeline/monitor-lag'
import { PRODUCTION_FRESH } from '../../../../src/main/engine/checks/pipeline/production-fresh'
import { SETUP_BACKLOG } from '../../../../src/main/engine/checks/pipeline/setup-backlog'
import {
  ago,
  chtSyncV2,
  contextFor,
  dbtRun,
  docs,
  harness,
  OLD_HOST,
  pipelineModels,
  progressRow,
  rawRows,
  runCheck,
  table,
  type Harness,
} from './pipeline-fixtures'

/**
 * dbt's freshness and results, both pipelines held against CouchDB at the same moment, and the
 * wizard's own lag measurement, against real servers (see pipeline-checks.test.ts).
 */

let h: Harness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

/** CHT Sync 2 with models: `modelled` rows in document_metadata, saved 30 minutes ago. */
async function withModels(modelled = ['a', 'b', 'c']): Promise<Harness> {
  h = await harness({ couch2pg: true })
  await chtSyncV2(h.sql)
  await pipelineModels(h.sql)
  await rawRows(h.sql, modelled, { interval: '30 minutes', model: true })
  return h
}

const ALL_OK = { document_metadata: 'success', contact: 'success', data_record: 'success' }

describe('setup.dbt-fresh and setup.dbt-results', () => {
  it('fail without document_metadata (dbt never ran), and warn without dbt_results', async () => {
    h = await harness()
    await chtSyncV2(h.sql)
    await rawRows(h.sql, ['a'], { interval: '1 minute' })
    const fresh = await runCheck(SETUP_DBT_FRESH, h)
    expect(fresh.verdict).toBe('fail')
    expect(fresh.summary).toMatch(/There is no v1\.document_metadata: dbt never ran/)
    const results = await runCheck(SETUP_DBT_RESULTS, h)
    expect(results.verdict).toBe('warn')
    expect(results.summary).toMatch(/There is no v1\.dbt_results/)
  })

  it('pass when every live row is modelled, whatever deleted rows came since', async () => {
    const h = await withModels()
    await dbtRun(h.sql, 'run-1', '31 minutes', ALL_OK)
    await rawRows(h.sql, ['gone'], { interval: '1 minute', deleted: true })
    const fresh = await runCheck(SETUP_DBT_FRESH, h)
    expect(fresh.verdict).toBe('pass')
    expect(fresh.summary).toMatch(/holds every live raw row \(dbt_latency 29 min\)/)
    expect(fresh.summary).toMatch(/deleted documents/)
    expect(table(fresh, /base models/)).toContainEqual(['contact', true])
    expect(table(fresh, /base models/)).toContainEqual(['person', false])
    const results = await runCheck(SETUP_DBT_RESULTS, h)
    expect(results.verdict).toBe('pass')
    expect(results.summary).toMatch(/succeeded: 3 models and tests/)
  })

  it('fail when the latest run failed and left rows saved before it unmodelled', async () => {
    const h = await withModels()
    await dbtRun(h.sql, 'run-1', '31 minutes', ALL_OK)
    await rawRows(h.sql, ['late-1', 'late-2'], { interval: '10 minutes' })
    await dbtRun(h.sql, 'run-2', '5 minutes', {
      telemetry_devices: 'error',
      telemetry: 'skipped',
      user: 'success',
    })
    const results = await runCheck(SETUP_DBT_RESULTS, h)
    expect(results.verdict).toBe('fail')
    expect(results.summary).toMatch(
      /did not succeed: telemetry \(skipped\) and telemetry_devices \(error\)/,
    )
    expect(table(results, /results/)?.[0]?.[2]).not.toBe('success')
    const fresh = await runCheck(SETUP_DBT_FRESH, h)
    expect(fresh.verdict).toBe('fail')
    expect(fresh.summary).toMatch(/2 raw rows are not modelled yet/)
    expect(fresh.summary).toMatch(
      /2 of them were saved before the latest dbt run \(started 5 min ago\), so that run did not take them/,
    )
    expect(fresh.summary).toMatch(/error on telemetry_devices/)
  })

  it('pass when only rows newer than the last run wait; warn when they wait long or dbt stopped', async () => {
    const h = await withModels()
    await dbtRun(h.sql, 'run-1', '2 minutes', ALL_OK, { document_metadata: 3 })
    await rawRows(h.sql, ['new'], { interval: '1 minute' })
    const fresh = await runCheck(SETUP_DBT_FRESH, h)
    expect(fresh.verdict).toBe('pass')
    expect(fresh.summary).toMatch(/1 raw row is not modelled yet.*saved after the latest dbt run/)

    await h.sql.query(
      `UPDATE v1.dbt_results SET start_time = start_time - interval '2 days';
       UPDATE v1.couchdb SET saved_timestamp = saved_timestamp - interval '2 days';
       UPDATE v1.document_metadata SET saved_timestamp = saved_timestamp - interval '2 days';
       UPDATE v1.couchdb SET saved_timestamp = ${ago('1 hour')} WHERE _id = 'new'`,
    )
    const waited = await runCheck(SETUP_DBT_FRESH, h)
    expect(waited.verdict).toBe('warn')
    expect(waited.summary).toMatch(/the oldest has waited 60 min/)
    const stale = await runCheck(SETUP_DBT_RESULTS, h)
    expect(stale.verdict).toBe('warn')
    expect(stale.summary).toMatch(/started 2 days ago: dbt is not running/)
  })

  it('warn when a successful run took a batch and rows saved before it still wait', async () => {
    const h = await withModels()
    await rawRows(h.sql, ['b-1', 'b-2'], { interval: '10 minutes' })
    await dbtRun(h.sql, 'run-1', '5 minutes', ALL_OK, { document_metadata: 1000 })
    const o = await runCheck(SETUP_DBT_FRESH, h)
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(/catching up in batches/)
  })
})

/** couch2pg's tables in public, with progress rows `host:port/db`. */
async function couch2pg(h: Harness, seqs: Partial<Record<'medic' | 'medic-sentinel', string>>) {
  await h.oldSql!
    .query(`CREATE TABLE couchdb (doc jsonb); CREATE TABLE couchdb_users_meta (doc jsonb);
    CREATE TABLE couchdb_progress (seq varchar, source varchar NOT NULL)`)
  for (const [db, seq] of Object.entries(seqs)) {
    await h.oldSql!.query('INSERT INTO couchdb_progress (seq, source) VALUES ($1, $2)', [
      seq,
      `${OLD_HOST}/${h.couch.names[db as 'medic']}`,
    ])
  }
}

/** Both pipelines' progress, CHT Sync caught up on both databases. */
async function bothPipelines(behind: number, couch2pgDbs: ('medic' | 'medic-sentinel')[]) {
  const h = await withModels()
  await h.couch.bulk('medic-sentinel', docs('s', 2))
  const start = await h.updateSeq('medic')
  if (behind > 0) await h.couch.bulk('medic', docs('late', behind))
  const seqs: Record<string, string> = {}
  for (const db of couch2pgDbs) seqs[db] = db === 'medic' ? start : await h.updateSeq(db)
  await couch2pg(h, seqs)
  for (const db of ['medic', 'medic-sentinel'] as const) {
    await progressRow(h.sql, h.source(db), await h.updateSeq(db), { pending: 0 })
  }
  return h
}

describe('production.fresh and monitor.lag', () => {
  it('pass when both pipelines are caught up; a database only one copies is listed', async () => {
    const h = await bothPipelines(0, ['medic'])
    const o = await runCheck(PRODUCTION_FRESH, h, { couch2pg: true })
    expect(o.verdict).toBe('pass')
    expect(o.summary).toMatch(/Only one pipeline copies .*medic-sentinel: listed, not compared/)
    expect(table(o, /Changes waiting/)).toEqual([
      [h.couch.names.medic, 0, 0],
      [h.couch.names['medic-sentinel'], 'not copied', 0],
    ])
    const lag = await runCheck(MONITOR_LAG, h, { couch2pg: true })
    expect(lag.verdict).toBe('pass')
    expect(lag.summary).toMatch(/couch2pg_progress_pending, couch2pg_up and dbt_latency/)
  })

  it('fail when couch2pg trails by more than 100 changes, naming it; monitor.lag warns', async () => {
    const h = await bothPipelines(150, ['medic', 'medic-sentinel'])
    const o = await runCheck(PRODUCTION_FRESH, h, { couch2pg: true })
    expect(o.verdict).toBe('fail')
    expect(o.summary).toContain(`couch2pg trails on ${h.couch.names.medic} by 150 changes`)
    const lag = await runCheck(MONITOR_LAG, h, { couch2pg: true })
    expect(lag.verdict).toBe('warn')
    expect(lag.summary).toContain(`couch2pg on ${h.couch.names.medic} (150)`)
    // Both totals are measures too, so a run's history keeps them for the overview's chart.
    for (const outcome of [o, lag]) {
      const measure = (outcome.evidence ?? []).find(
        (e) => e.type === 'measure' && e.label === BACKLOG_FIGURE.couch2pg,
      )
      expect(measure).toMatchObject({ type: 'measure', value: 150, unit: 'changes' })
    }
  }, 60_000)

  it('warn when a pipeline trails by a few changes', async () => {
    const h = await bothPipelines(3, ['medic'])
    const o = await runCheck(PRODUCTION_FRESH, h, { couch2pg: true })
    expect(o.verdict).toBe('warn')
    expect(o.summary).toContain(`couch2pg trails on ${h.couch.names.medic} by 3 changes`)
  })

  it('warn when couch2pg keeps no source (its backlog cannot be known)', async () => {
    const h = await withModels()
    await h.oldSql!.query(
      `CREATE TABLE couchdb (doc jsonb); CREATE TABLE couchdb_progress (seq varchar)`,
    )
    await progressRow(h.sql, h.source('medic'), await h.updateSeq('medic'), { pending: 0 })
    const o = await runCheck(PRODUCTION_FRESH, h, { couch2pg: true })
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(/names no database \(releases before 2018 keep no source\)/)
  })

  it('read CouchDB once for a run’s backlog, lag and freshness checks', async () => {
    const h = await bothPipelines(0, ['medic', 'medic-sentinel'])
    const memo = new Map<string, Promise<unknown>>()
    const couchReads = new Map<string, number>()
    const run = async (check: typeof PRODUCTION_FRESH) => {
      const { ctx, close } = contextFor(h, { couch2pg: true, memo, couchReads })
      try {
        return await check.run(ctx)
      } finally {
        await close()
      }
    }
    expect((await run(PRODUCTION_FRESH)).verdict).toBe('pass')
    const afterFresh = couchReads.get('_changes')
    expect(afterFresh).toBe(4)
    expect((await run(SETUP_BACKLOG)).verdict).toBe('pass')
    expect((await run(MONITOR_LAG)).verdict).toBe('pass')
    expect((await run(SETUP_DBT_FRESH)).verdict).toBe('pass')
    expect(couchReads.get('_changes')).toBe(afterFresh)
  })
})
