import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { PIPELINE_CHECKS } from '../../../src/main/engine/checks/pipeline/pipeline-checks'
import { CHECKS } from '../../../src/shared/checks/check-catalog'
import type { DemoManifest } from '../../../src/shared/demo'
import type { StoredResult } from '../../../src/shared/results/result-schema'
import { demoTestContext, type TestContext } from '../../support/handler-context'

/**
 * Every check on the demo, through `checks.run`: each pipeline check's verdict is the one its
 * manifest implies (the stale `medic_sentinel` progress row, the failed dbt run, the rows dbt has
 * not modelled, couch2pg's late changes), and with `discrepancies: none` every one of them
 * passes; the others give the verdict the demo's shape implies (its `.env` is right, everything
 * is on this machine, no backup, no dashboard role, no Watchdog), and none could not run.
 */

const IDS = PIPELINE_CHECKS.map((c) => c.id)
const SAMPLE_ENV = 'CHT_MIGRATE_CHECK_SAMPLE_MS'
const LIMIT = 100

let sampleBefore: string | undefined
beforeAll(() => {
  sampleBefore = process.env[SAMPLE_ENV]
  process.env[SAMPLE_ENV] = '200'
})
afterAll(() => {
  if (sampleBefore === undefined) delete process.env[SAMPLE_ENV]
  else process.env[SAMPLE_ENV] = sampleBefore
})

async function runAllChecks(t: TestContext): Promise<Map<string, StoredResult>> {
  const started = await call('checks.run', {}, t.ctx)
  if (!started.ok) throw new Error(started.error.message)
  const finished = await t.ctx.jobs.wait(started.value.jobId)
  if (!finished.ok) throw new Error(finished.error.message)
  const results = (finished.value as { results: StoredResult[] }).results
  return new Map(results.map((r) => [r.id, r]))
}

async function manifestOf(t: TestContext): Promise<DemoManifest> {
  const manifest = await call('demo.manifest', {}, t.ctx)
  if (!manifest.ok) throw new Error(manifest.error.message)
  return manifest.value
}

/** couch2pg's backlog per database both pipelines copy, from the manifest's late changes. */
function couch2pgBehind(m: DemoManifest): Map<string, number> {
  const both = m.pipelines!.couch2pg.databases.filter((db) =>
    m.pipelines!.chtSync.databases.includes(db),
  )
  const behind = new Map(both.map((db) => [db, 0]))
  for (const d of m.discrepancies) {
    if (d.kind === 'couch2pg_behind' && behind.has(d.database!)) {
      behind.set(d.database!, behind.get(d.database!)! + 1)
    }
  }
  return behind
}

/** Every check's verdict and summary the manifest implies. */
function expectFromManifest(m: DemoManifest, results: Map<string, StoredResult>): void {
  const get = (id: string) => {
    const r = results.get(id)
    expect(r, id).toBeDefined()
    return r!
  }
  const { schema, table } = m.endpoints.chtSync
  // The demo is CHT Sync 2 with cht-pipeline 2's models: its tables are complete.
  const tables = get('setup.tables')
  expect(tables.verdict).toBe('pass')
  expect(tables.summary).toContain(`${schema}.${table}`)
  expect(tables.summary).toMatch(/CHT Sync 2/)
  // CHT Sync's progress was written after the last change reached CouchDB.
  expect(get('setup.arriving').verdict).toBe('pass')
  expect(get('setup.arriving').summary).toMatch(/caught up, nothing new to copy/i)

  const couchDbs = new Set(m.endpoints.couchdb.databases)
  const stale = Object.keys(m.pipelines!.chtSync.sources).filter((db) => !couchDbs.has(db))
  const backlog = get('setup.backlog')
  expect(backlog.verdict).toBe(stale.length > 0 ? 'warn' : 'pass')
  for (const db of stale) {
    expect(backlog.summary).toContain(db)
    expect(backlog.details.kind === 'check' && backlog.details.remedy?.text).toContain(
      m.pipelines!.chtSync.sources[db],
    )
  }

  const lagging = m.discrepancies.filter((d) => d.kind === 'model_lag')
  const failedRuns = m.discrepancies.filter((d) => d.kind === 'dbt_run_failed')
  const fresh = get('setup.dbt-fresh')
  if (lagging.length > 0) {
    expect(fresh.verdict).toBe(failedRuns.length > 0 ? 'fail' : 'warn')
    const n = lagging.length
    expect(fresh.summary).toContain(`${n} raw ${n === 1 ? 'row is' : 'rows are'} not modelled yet`)
    expect(fresh.summary).toContain(
      `${n} of them ${n === 1 ? 'was' : 'were'} saved before the latest dbt run`,
    )
  } else {
    expect(fresh.verdict).toBe('pass')
  }
  const dbtResults = get('setup.dbt-results')
  expect(dbtResults.verdict).toBe(failedRuns.length > 0 ? 'fail' : 'pass')
  for (const run of failedRuns) {
    expect(dbtResults.summary).toContain(`${run.data.model} (${run.data.status})`)
  }

  const behind = couch2pgBehind(m)
  const worst = Math.max(...behind.values())
  const production = get('production.fresh')
  expect(production.verdict).toBe(worst > LIMIT ? 'fail' : worst > 0 ? 'warn' : 'pass')
  for (const [db, n] of behind) {
    if (n > 0) expect(production.summary).toContain(`couch2pg trails on ${db} by ${n} changes`)
  }
  expect(production.summary).not.toMatch(/CHT Sync trails/)
  expect(get('monitor.lag').verdict).toBe(worst > LIMIT ? 'warn' : 'pass')
  const stock = schema === 'v1' && table === 'couchdb'
  expect(get('monitor.collector-schema').verdict).toBe(stock ? 'pass' : 'warn')
}

/** The verdicts of the checks that do not depend on the injected differences. */
function expectDemoShape(results: Map<string, StoredResult>): void {
  const verdict = (id: string) => results.get(id)?.verdict
  // Its cht-sync.env is filled in correctly, and names servers that answer.
  for (const id of [
    'setup.config-read',
    'setup.env-required',
    'setup.env-renamed',
    'setup.env-databases',
    'setup.env-secure-port',
    'setup.env-interval',
    'setup.env-threads',
    'setup.env-pipeline-tag',
    'setup.schema-collision',
    'setup.couchdb-access',
    'setup.postgres-access',
    'production.postgres-settings',
    'production.tls',
    'production.passwords',
  ]) {
    expect(verdict(id), id).toBe('pass')
  }
  // Whether Docker is here depends on the machine, not on the demo.
  expect(['pass', 'fail', 'skipped'], 'setup.docker').toContain(verdict('setup.docker'))
  // Nobody entered the free disk (the demo's user cannot read PostgreSQL's data folder).
  expect(['warn', 'pass'], 'production.sizing').toContain(verdict('production.sizing'))
  expect(['pass', 'warn'], 'production.memory').toContain(verdict('production.memory'))
  expect(verdict('production.backup')).toBe('warn')
  expect(verdict('production.dashboard-users')).toBe('warn')
  for (const id of [
    'monitor.prometheus',
    'monitor.metrics',
    'monitor.target-name',
    'monitor.alerts',
  ]) {
    expect(verdict(id), id).toBe('skipped')
  }
  expect([...results.values()].filter((r) => r.verdict === 'error')).toEqual([])
}

describe('the checks on the demo', () => {
  it('give the verdicts the default demo’s manifest implies', async () => {
    const { t, stop } = await demoTestContext({ size: 'small', docs: 1500 })
    try {
      const manifest = await manifestOf(t)
      const results = await runAllChecks(t)
      expect(results.size).toBe(CHECKS.length)
      // The default demo injects what each check is there to find.
      expect(manifest.discrepancies.some((d) => d.kind === 'model_lag')).toBe(true)
      expect(manifest.discrepancies.some((d) => d.kind === 'dbt_run_failed')).toBe(true)
      expect(manifest.discrepancies.some((d) => d.kind === 'couch2pg_behind')).toBe(true)
      expect(results.get('setup.backlog')?.summary).toMatch(/medic_sentinel/)
      expect(results.get('setup.dbt-results')?.verdict).toBe('fail')
      expectFromManifest(manifest, results)
      expectDemoShape(results)
      const stored = t.ctx.project.state!.document.results['setup.dbt-fresh']
      expect(stored?.verdict).toBe('fail')
    } finally {
      await stop()
    }
  }, 240_000)

  it('pass every one with nothing injected', async () => {
    const { t, stop } = await demoTestContext({ size: 'small', docs: 800, discrepancies: 'none' })
    try {
      const manifest = await manifestOf(t)
      expect(manifest.discrepancies).toEqual([])
      const results = await runAllChecks(t)
      expectFromManifest(manifest, results)
      for (const id of IDS) expect(results.get(id)?.verdict, id).toBe('pass')
      expectDemoShape(results)
    } finally {
      await stop()
    }
  }, 240_000)
})
