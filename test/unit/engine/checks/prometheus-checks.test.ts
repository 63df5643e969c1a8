import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MONITOR_PROMETHEUS_CHECKS } from '../../../../src/main/engine/checks/monitor/prometheus-checks'
import { appErrorFrom } from '../../../support/app-error'
import { startFakePrometheus, type FakePrometheus } from '../../../support/fake-prometheus'
import {
  check,
  configWithHost,
  fact,
  healthy,
  HOST,
  measure,
  run as runCheck,
  table,
  without,
  withValue,
  type Setup,
} from '../../../support/prometheus-fixtures'

let prom: FakePrometheus
beforeAll(async () => {
  prom = await startFakePrometheus()
})
afterAll(() => prom.close())
beforeEach(() => prom.set({ mode: 'normal', series: healthy(), rules: [] }))
const run = (id: string, setup?: Setup) => runCheck(prom, id, setup)

it('defines the four monitoring checks of the catalog', () => {
  expect(MONITOR_PROMETHEUS_CHECKS.map((c) => c.id)).toEqual([
    'monitor.prometheus',
    'monitor.metrics',
    'monitor.target-name',
    'monitor.alerts',
  ])
})

describe('every check without a Watchdog address', () => {
  it.each(MONITOR_PROMETHEUS_CHECKS.map((c) => c.id))('%s is skipped, saying why', async (id) => {
    const outcome = await run(id, { watchdogUrl: null })
    expect(outcome.verdict).toBe('skipped')
    expect(outcome.skippedBecause).toContain('No CHT Watchdog Prometheus address')
    expect(prom.requests).toHaveLength(0)
  })
  beforeEach(() => {
    prom.requests.length = 0
  })
})

describe('monitor.prometheus', () => {
  it('passes with the version and the targets up', async () => {
    prom.set({ version: '2.55.1' })
    const outcome = await run('monitor.prometheus')
    expect(outcome.verdict).toBe('pass')
    expect(outcome.summary).toBe('Prometheus 2.55.1 answers: 3 of 3 targets up.')
    expect(fact(outcome, 'Prometheus version')).toBe('2.55.1')
    expect(measure(outcome, 'Targets up')).toBe(3)
  })

  it('counts and lists the targets it cannot scrape', async () => {
    prom.set({
      series: healthy().map((s) =>
        s.name === 'up' && s.labels?.job === 'sql_exporter' ? { ...s, value: 0 } : s,
      ),
    })
    const outcome = await run('monitor.prometheus')
    expect(outcome.summary).toContain('2 of 3 targets up; 1 cannot be scraped')
    expect(table(outcome)?.rows).toEqual([['sql_exporter', 'sql_exporter:9399']])
  })

  it('warns when Prometheus scrapes nothing', async () => {
    prom.set({ series: [] })
    const outcome = await run('monitor.prometheus')
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain('scraped nothing')
  })

  it('fails, saying nothing answers, on a closed port', async () => {
    const other = await startFakePrometheus()
    const url = other.url
    await other.close()
    const outcome = await run('monitor.prometheus', { watchdogUrl: url })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain(`Nothing answers at ${url}`)
    expect(outcome.remedy?.text).toContain('ssh -N -L 9090:localhost:9090')
  })

  it.each([
    ['html', 'answered, but not as Prometheus does (no status: success)', 2_000],
    ['500', 'HTTP 500', 2_000],
    ['hang', 'did not answer within 0.5 s', 500],
    ['huge', 'more than 4 MB', 10_000],
  ] as const)('fails on a %s server, within its time', async (mode, text, timeoutMs) => {
    prom.set({ mode })
    const started = Date.now()
    const outcome = await run('monitor.prometheus', { timeoutMs })
    expect(Date.now() - started).toBeLessThan(check('monitor.prometheus').timeoutMs)
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain(text)
  })
})

describe('monitor.metrics', () => {
  it('passes when the three metrics are scraped for this instance and healthy', async () => {
    const outcome = await run('monitor.metrics')
    expect(outcome.verdict).toBe('pass')
    expect(outcome.summary).toContain('“medic” and “medic-sentinel”')
    expect(measure(outcome, 'Largest backlog')).toBe(10)
    expect(measure(outcome, 'dbt latency')).toBe(42)
    const rows = table(outcome)!.rows
    expect(rows).toContainEqual(['couch2pg_up', 'medic', HOST, HOST, 1, true])
    expect(rows).toContainEqual(['dbt_latency', '', '', HOST, 42, true])
  })

  it('matches the instance by host name, whatever the case and port', async () => {
    prom.set({ series: healthy({ cht: 'CHT.Example.org:443' }) })
    expect((await run('monitor.metrics', { couchUrl: `https://www.${HOST}:8443/` })).verdict).toBe(
      'pass',
    )
  })

  it('matches the COUCHDB_HOST of the configuration', async () => {
    prom.set({ series: healthy({ cht: 'couchdb.internal' }) })
    expect((await run('monitor.metrics')).verdict).toBe('warn')
    const outcome = await run('monitor.metrics', { config: configWithHost('couchdb.internal') })
    expect(outcome.verdict).toBe('pass')
    expect(fact(outcome, 'CHT instance hosts')).toBe(`${HOST}, couchdb.internal`)
  })

  it('fails when a metric has no series at all', async () => {
    prom.set({ series: without(healthy(), 'dbt_latency') })
    const outcome = await run('monitor.metrics')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('no series of dbt_latency')
    expect(outcome.remedy?.text).toContain('collectors: [cht-sync]')
  })

  it('tells the old couch2pg collector apart', async () => {
    prom.set({
      series: without(healthy(), 'couch2pg_up', 'couch2pg_progress_pending', 'dbt_latency'),
    })
    const outcome = await run('monitor.metrics')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.remedy?.text).toContain('the couch2pg collector of the old pipeline')
  })

  it('tells an exporter Prometheus does not scrape', async () => {
    const series = healthy().filter(
      (s) => s.labels?.job !== 'sql_exporter' && s.labels?.exported_job !== 'db_targets',
    )
    prom.set({ series })
    const outcome = await run('monitor.metrics')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.remedy?.text).toContain('-f exporters/postgres/compose.yml')
  })

  it('warns when the series name another CHT instance only', async () => {
    prom.set({ series: healthy({ cht: 'other.example.org' }) })
    const outcome = await run('monitor.metrics')
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain(
      'for “other.example.org”; none names this project’s CHT instance (“cht.example.org”)',
    )
  })

  it('warns when it does not know the instance', async () => {
    const outcome = await run('monitor.metrics', { couchUrl: null })
    expect(outcome.verdict).toBe('warn')
    expect(outcome.remedy?.text).toContain('Set the CouchDB connection')
  })

  it('warns when couch2pg_up is 0 for this instance', async () => {
    prom.set({ series: withValue(healthy(), 'couch2pg_up', 'medic-sentinel', 0) })
    const outcome = await run('monitor.metrics')
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain('couch2pg_up is 0 for “medic-sentinel”')
    expect(measure(outcome, 'Databases not updating')).toBe(1)
  })

  it('warns on a backlog above 10,000 and on models an hour behind, not at the limits', async () => {
    prom.set({ series: withValue(healthy(), 'couch2pg_progress_pending', 'medic', 10_000) })
    expect((await run('monitor.metrics')).verdict).toBe('pass')
    const series = withValue(healthy(), 'couch2pg_progress_pending', 'medic', 52_345).map((s) =>
      s.name === 'dbt_latency' ? { ...s, value: 7_200 } : s,
    )
    prom.set({ series })
    const outcome = await run('monitor.metrics')
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain('above 10,000 changes for medic (52,345)')
    expect(outcome.summary).toContain('trail the raw table by 2 hours')
  })

  it('errors (throws) when Prometheus answers the wrong shape', async () => {
    prom.set({ mode: 'wrong-json' })
    const e = await appErrorFrom(run('monitor.metrics'))
    expect(e.code).toBe('IO_ERROR')
    expect(e.message).toContain('not as Prometheus does')
  })

  it('ends within its time on a server that hangs', async () => {
    prom.set({ mode: 'hang' })
    const started = Date.now()
    expect((await appErrorFrom(run('monitor.metrics', { timeoutMs: 300 }))).code).toBe('TIMEOUT')
    expect(Date.now() - started).toBeLessThan(check('monitor.metrics').timeoutMs)
  })
})
