import type { CheckContext, CheckOutcome } from '../../src/main/engine/checks/check-types'
import type { ChtSyncConfig } from '../../src/main/engine/checks/config/config-types'
import { prometheusGet } from '../../src/main/engine/checks/monitor/prometheus-client'
import { MONITOR_PROMETHEUS_CHECKS } from '../../src/main/engine/checks/monitor/prometheus-checks'
import { AppError } from '../../src/shared/result'
import type { EvidenceItem } from '../../src/shared/results/check-result'
import type { FakePrometheus, FakeSeries } from './fake-prometheus'
import { sampleDocument } from './project-fixtures'

/**
 * What the monitoring checks' tests share: Watchdog's series for a healthy CHT Sync, a check
 * context over a fake Prometheus, and readers of the evidence.
 */

/** The CHT instance of the tests. */
export const HOST = 'cht.example.org'
const SQL = { job: 'sql_exporter', instance: 'sql_exporter:9399', exported_job: 'db_targets' }

/** What Watchdog's Prometheus holds for a healthy CHT Sync of `HOST`, named as it should be. */
export function healthy(
  over: { instance?: string; target?: string; cht?: string } = {},
): FakeSeries[] {
  const cht = over.cht ?? HOST
  const target = over.target ?? HOST
  const sync = (db: string) => ({ ...SQL, target, db, cht_instance: cht })
  return [
    { name: 'up', labels: { job: 'prometheus', instance: 'localhost:9090' }, value: 1 },
    { name: 'up', labels: { job: 'sql_exporter', instance: 'sql_exporter:9399' }, value: 1 },
    { name: 'up', labels: { job: 'cht', instance: over.instance ?? HOST }, value: 1 },
    {
      name: 'cht_couchdb_update_sequence',
      labels: { job: 'cht', instance: over.instance ?? HOST, db: 'medic' },
      value: 52_000,
    },
    { name: 'couch2pg_progress_sequence', labels: sync('medic'), value: 51_990 },
    { name: 'couch2pg_progress_pending', labels: sync('medic'), value: 10 },
    { name: 'couch2pg_progress_pending', labels: sync('medic-sentinel'), value: 0 },
    { name: 'couch2pg_up', labels: sync('medic'), value: 1 },
    { name: 'couch2pg_up', labels: sync('medic-sentinel'), value: 1 },
    { name: 'dbt_latency', labels: { ...SQL, target }, value: 42 },
  ]
}

/** The series without those of the named metrics. */
export const without = (series: FakeSeries[], ...names: string[]) =>
  series.filter((s) => !names.includes(s.name))

/** The series with one database's value of a metric changed. */
export const withValue = (series: FakeSeries[], name: string, db: string, value: number) =>
  series.map((s) => (s.name === name && s.labels?.db === db ? { ...s, value } : s))

/** What a test changes in the context: addresses, configuration, the request time limit. */
export interface Setup {
  watchdogUrl?: string | null
  couchUrl?: string | null
  config?: ChtSyncConfig | null
  timeoutMs?: number
}

/** A check context over the fake Prometheus (what the runner gives a check, minus the databases). */
export function context(prom: FakePrometheus, setup: Setup = {}): CheckContext {
  const watchdogUrl = setup.watchdogUrl === undefined ? prom.url : setup.watchdogUrl
  const couchUrl = setup.couchUrl === undefined ? `https://${HOST}` : setup.couchUrl
  const document = sampleDocument()
  document.checks.watchdogUrl = watchdogUrl
  document.connections.couchdb = couchUrl ? { url: couchUrl, username: 'medic' } : null
  const signal = new AbortController().signal
  const memo = new Map<string, Promise<unknown>>()
  const unused = () => Promise.reject(new AppError('INTERNAL', 'not used by these checks'))
  return {
    signal,
    document,
    now: () => new Date('2025-06-01T12:00:00Z'),
    config: async () => setup.config ?? null,
    couch: unused,
    pool: unused,
    read: unused,
    endpointRef: () => null,
    prometheus: (path, query) =>
      prometheusGet(watchdogUrl ?? '', path, query, {
        signal,
        timeoutMs: setup.timeoutMs ?? 2_000,
      }),
    exec: async () => null,
    memo<T>(key: string, work: () => Promise<T>) {
      if (!memo.has(key)) memo.set(key, work())
      return memo.get(key) as Promise<T>
    },
    sleep: async () => undefined,
    sampleWindowMs: 0,
  }
}

/** A monitoring check by id. */
export const check = (id: string) => {
  const found = MONITOR_PROMETHEUS_CHECKS.find((c) => c.id === id)
  if (!found) throw new Error(`no check ${id}`)
  return found
}
/** Runs a monitoring check against `prom`. */
export const run = (prom: FakePrometheus, id: string, setup?: Setup): Promise<CheckOutcome> =>
  check(id).run(context(prom, setup))

/** The value of a fact of the evidence. */
export const fact = (o: CheckOutcome, label: string) =>
  o.evidence?.find(
    (e): e is Extract<EvidenceItem, { type: 'fact' }> => e.type === 'fact' && e.label === label,
  )?.value
/** The value of a measure of the evidence. */
export const measure = (o: CheckOutcome, label: string) =>
  o.evidence?.find(
    (e): e is Extract<EvidenceItem, { type: 'measure' }> =>
      e.type === 'measure' && e.label === label,
  )?.value
/** The first table of the evidence. */
export const table = (o: CheckOutcome) =>
  o.evidence?.find((e): e is Extract<EvidenceItem, { type: 'table' }> => e.type === 'table')

/** A configuration whose only CHT instance is read at `host`. */
export function configWithHost(host: string): ChtSyncConfig {
  const entry = { key: 'COUCHDB_HOST', value: host, line: 3 }
  return {
    kind: 'env',
    path: '/tmp/cht-sync/.env',
    entries: [entry],
    duplicates: [],
    problems: [],
    settings: { COUCHDB_HOST: entry },
    couchdbs: [{ host: entry, port: null, secure: null, user: null, password: null, dbs: null }],
  }
}
