import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { startFakePrometheus, type FakePrometheus } from '../../../support/fake-prometheus'
import {
  healthy,
  HOST,
  measure,
  run as runCheck,
  table,
  without,
  type Setup,
} from '../../../support/prometheus-fixtures'

let prom: FakePrometheus
beforeAll(async () => {
  prom = await startFakePrometheus()
})
afterAll(() => prom.close())
beforeEach(() => prom.set({ mode: 'normal', series: healthy(), rules: [] }))
const run = (id: string, setup?: Setup) => runCheck(prom, id, setup)

describe('monitor.target-name', () => {
  it('passes when the target is the instance name Watchdog uses', async () => {
    const outcome = await run('monitor.target-name')
    expect(outcome.verdict).toBe('pass')
    expect(outcome.summary).toContain('target “cht.example.org” is the name Watchdog gives')
  })

  it('fails on the example’s db1, with both names and the fix', async () => {
    prom.set({ series: healthy({ target: 'db1' }) })
    const outcome = await run('monitor.target-name')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain(
      'target is “db1” but Watchdog names the CHT instance “cht.example.org”',
    )
    expect(outcome.remedy?.text).toContain('rename the target key “db1” to “cht.example.org”')
    expect(outcome.remedy?.text).toContain('sql_servers.yml')
  })

  it('fails when the names differ in case only', async () => {
    prom.set({ series: healthy({ target: 'CHT.example.org' }) })
    const outcome = await run('monitor.target-name')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.summary).toContain('differ in case only')
  })

  it('compares with Watchdog’s name, port included', async () => {
    prom.set({ series: healthy({ instance: `${HOST}:8443`, target: HOST }) })
    const outcome = await run('monitor.target-name')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.remedy?.text).toContain(`to “${HOST}:8443”`)
  })

  it('fails when Watchdog monitors no CHT instance', async () => {
    const series = without(healthy(), 'cht_couchdb_update_sequence').filter(
      (s) => s.labels?.job !== 'cht',
    )
    prom.set({ series })
    const outcome = await run('monitor.target-name')
    expect(outcome.verdict).toBe('fail')
    expect(outcome.remedy?.text).toContain('cht-instances.yml')
  })
})

describe('monitor.alerts', () => {
  const LAG = { name: 'CHTSyncDown', query: 'couch2pg_up == 0', duration: 600 }
  const DBT = { name: 'DbtBehind', query: 'dbt_latency > 3600', duration: 900 }

  it('warns when Prometheus has no alert, saying Watchdog’s live in Grafana, with the rules to add', async () => {
    const outcome = await run('monitor.alerts')
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain('Watchdog’s own alerts live in Grafana, not in Prometheus')
    const text = outcome.remedy!.text
    expect(text.length).toBeLessThanOrEqual(5_000)
    expect(text).toContain(`A: last_over_time(couch2pg_up{cht_instance="${HOST}"}[10m])`)
    expect(text).toContain(`A: last_over_time(dbt_latency{target="${HOST}"}[10m])`)
    const yaml = /```yaml\n([\s\S]*?)```/.exec(text)![1]!
    const rules = (
      parseYaml(yaml) as { groups: { rules: { alert: string; expr: string; for: string }[] }[] }
    ).groups[0]!.rules
    expect(rules.map((r) => r.alert)).toEqual([
      'CHTSyncNotUpdating',
      'CHTSyncBacklogGrowing',
      'CHTSyncMetricsMissing',
      'CHTSyncDbtBehind',
    ])
    expect(rules[0]).toMatchObject({
      expr: `last_over_time(couch2pg_up{cht_instance="${HOST}"}[10m]) == 0`,
      for: '10m',
    })
    expect(rules[3]!.expr).toBe(`last_over_time(dbt_latency{target="${HOST}"}[10m]) > 3600`)
    expect(rules[1]!.expr).toContain(
      `deriv(couch2pg_progress_pending{cht_instance="${HOST}"}[30m]) > 0`,
    )
  })

  it('passes when both sync lag and dbt are alerted on', async () => {
    prom.set({
      rules: [
        { name: 'cht-sync', rules: [LAG, DBT] },
        { name: 'node', rules: [{ name: 'Disk', query: 'x > 1' }] },
      ],
    })
    const outcome = await run('monitor.alerts')
    expect(outcome.verdict).toBe('pass')
    expect(outcome.summary).toBe(
      'Prometheus alerts on sync lag (CHTSyncDown) and on dbt (DbtBehind).',
    )
    expect(measure(outcome, 'Alerting rules in Prometheus')).toBe(3)
    expect(table(outcome)!.rows).toHaveLength(2)
  })

  it('warns about the missing half only', async () => {
    prom.set({ rules: [{ name: 'cht-sync', rules: [LAG] }] })
    const outcome = await run('monitor.alerts')
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain('no alerting rule on dbt')
    expect(outcome.remedy?.text).toContain('Add alerts on dbt.')
  })

  it('warns about a rule Prometheus cannot evaluate', async () => {
    prom.set({ rules: [{ name: 'cht-sync', rules: [LAG, { ...DBT, health: 'err' }] }] })
    const outcome = await run('monitor.alerts')
    expect(outcome.verdict).toBe('warn')
    expect(outcome.summary).toContain('“DbtBehind” (health: err)')
  })

  it('writes rules for every instance when this one is not seen', async () => {
    prom.set({ series: healthy({ cht: 'other.example.org' }) })
    const outcome = await run('monitor.alerts')
    expect(outcome.summary).toContain('the rules below cover every instance')
    expect(outcome.remedy?.text).toContain('last_over_time(couch2pg_up[10m]) == 0')
    expect(outcome.remedy?.text).not.toContain('other.example.org')
  })

  it('never writes an unsafe label value into a rule', async () => {
    prom.set({ series: healthy({ cht: `${HOST}?"} or vector(1)` }) })
    const outcome = await run('monitor.alerts')
    expect(outcome.summary).toContain('the rules below cover every instance')
    expect(outcome.remedy?.text).toContain('last_over_time(couch2pg_up[10m]) == 0')
    expect(outcome.remedy?.text).not.toContain('vector(1)')
  })
})
