import type { EvidenceItem } from '../../../../shared/results/check-result'
import { count } from '../../../../shared/results/describe-format'
import type { Scalar } from '../../../../shared/results/common'
import type { CheckContext, CheckOutcome } from '../check-types'
import { BACKLOG_ALERT, DBT_LATENCY_ALERT_S } from './alert-rules'
import {
  distinct,
  instanceHosts,
  label,
  latestOf,
  nameList,
  namesHost,
  SYNC_METRICS,
  upSeries,
  type Series,
  type SyncMetric,
} from './prometheus-series'

/**
 * `monitor.metrics`: are `couch2pg_progress_pending`, `couch2pg_up` and `dbt_latency` scraped,
 * for this CHT instance, and do they say the sync is healthy?
 *
 * - fail: a metric has no series at all (the panels are empty for every instance);
 * - warn: no series names this instance; couch2pg_up is 0 (CHT Sync wrote no progress within a
 *   minute); a backlog above 10,000 changes (ten of CHT Sync's default batches of 1,000: a sync
 *   that keeps up stays near 0, so only a first sync should be this far behind); dbt models more
 *   than an hour behind the raw table.
 *
 * `dbt_latency` has no `cht_instance` label: its series are this instance's when their `target`
 * (the database in `sql_servers.yml`) is that of this instance's `couch2pg_*` series.
 */

/** The series of each metric that belong to this instance, and the instance's names. */
export interface InstanceSeries {
  byMetric: Record<SyncMetric, Series[]>
  hosts: string[]
  ours: Record<SyncMetric, Series[]>
  /** `target` of this instance's couch2pg series. */
  targets: string[]
}

/** Queries the three metrics (shared with the other checks of the run) and picks this instance's. */
export async function instanceSeries(ctx: CheckContext): Promise<InstanceSeries> {
  const hosts = await instanceHosts(ctx)
  const byMetric = {} as Record<SyncMetric, Series[]>
  for (const metric of SYNC_METRICS) byMetric[metric] = await latestOf(ctx, metric)
  const mine = (s: Series) => namesHost(s.labels.cht_instance, hosts)
  const pending = byMetric.couch2pg_progress_pending.filter(mine)
  const up = byMetric.couch2pg_up.filter(mine)
  const targets = distinct([...pending, ...up], 'target')
  const dbt = byMetric.dbt_latency.filter((s) => targets.includes(label(s, 'target')))
  return {
    byMetric,
    hosts,
    ours: { couch2pg_progress_pending: pending, couch2pg_up: up, dbt_latency: dbt },
    targets,
  }
}

function seriesTable(found: InstanceSeries): EvidenceItem {
  const rows: Scalar[][] = []
  for (const metric of SYNC_METRICS) {
    for (const s of found.byMetric[metric]) {
      const ours = found.ours[metric].includes(s)
      rows.push([
        metric,
        label(s, 'db'),
        label(s, 'cht_instance'),
        label(s, 'target'),
        s.value,
        ours,
      ])
    }
  }
  rows.sort((a, b) => Number(b[5]) - Number(a[5]))
  return {
    type: 'table',
    caption: 'Series Prometheus holds',
    columns: ['metric', 'db', 'cht_instance', 'target', 'value', 'this instance'],
    rows: rows.slice(0, 200),
  }
}

/** Why a metric is missing, from what Prometheus says of the SQL exporter's scrape. */
async function missingRemedy(ctx: CheckContext, found: InstanceSeries): Promise<string> {
  const exporter = (await upSeries(ctx)).filter((s) => /sql/i.test(s.labels.job ?? ''))
  const sequence = await latestOf(ctx, 'couch2pg_progress_sequence')
  if (exporter.length === 0) {
    return 'Prometheus does not scrape a SQL exporter. Start Watchdog with both compose files: docker compose -f docker-compose.yml -f exporters/postgres/compose.yml up -d (keep both on every upgrade). For an exporter running on the database server, scrape it with scrape-custom.yml and compose.scrape-only.yml.'
  }
  if (exporter.every((s) => s.value !== 1)) {
    return 'Prometheus cannot scrape the SQL exporter (up is 0). Check that the sql_exporter container runs (docker compose ps) and answers on port 9399 (/metrics), and its log for database errors.'
  }
  if (sequence.length > 0 && found.byMetric.couch2pg_up.length === 0) {
    return 'Only couch2pg_progress_sequence is scraped: the exporter uses the couch2pg collector of the old pipeline. In exporters/postgres/sql_servers.yml set collectors: [cht-sync] and list /etc/sql_exporter/cht_sync_collector.yml under collector_files, then restart the exporter.'
  }
  return 'The SQL exporter is scraped but does not export these metrics. Its job in sql_servers.yml needs collectors: [cht-sync], and cht_sync_collector.yml reads v1.couchdb_progress, v1.document_metadata and v1.couchdb: edit the schema and table names if yours differ. dbt_latency stays absent until dbt has built document_metadata.'
}

/** The problems of this instance's series: stopped updates, a large backlog, late models. */
function healthProblems(found: InstanceSeries): { summary: string[]; remedy: string[] } {
  const summary: string[] = []
  const remedy: string[] = []
  const stopped = found.ours.couch2pg_up.filter((s) => s.value === 0)
  if (stopped.length > 0) {
    summary.push(
      `couch2pg_up is 0 for ${nameList(distinct(stopped, 'db'))}: CHT Sync has not updated its progress within a minute.`,
    )
    remedy.push(
      'Check that CHT Sync’s couch2pg container runs and reaches CouchDB (docker compose logs couch2pg, or kubectl logs); a sync that only waits for changes still updates every few seconds.',
    )
  }
  const behind = found.ours.couch2pg_progress_pending.filter((s) => (s.value ?? 0) > BACKLOG_ALERT)
  if (behind.length > 0) {
    const list = behind.map((s) => `${label(s, 'db') || '?'} (${count(s.value ?? 0)})`)
    summary.push(
      `The backlog is above ${count(BACKLOG_ALERT)} changes for ${list.slice(0, 5).join(', ')}.`,
    )
    remedy.push(
      'A first sync starts far behind; otherwise CHT Sync is not keeping up: check its log for errors and the database server’s load, and watch whether the backlog shrinks.',
    )
  }
  if (found.ours.dbt_latency.length === 0) {
    summary.push(
      `dbt_latency is scraped for ${nameList(distinct(found.byMetric.dbt_latency, 'target'))}, not for this instance’s ${nameList(found.targets)}.`,
    )
    remedy.push(
      'The exporter’s dbt collector reads the database of another target: check that this instance’s target in sql_servers.yml uses the cht-sync collector.',
    )
  }
  const late = found.ours.dbt_latency.filter((s) => (s.value ?? 0) > DBT_LATENCY_ALERT_S)
  if (late.length > 0) {
    const hours = Math.max(...late.map((s) => s.value ?? 0)) / 3600
    summary.push(`dbt models trail the raw table by ${Math.round(hours * 10) / 10} hours.`)
    remedy.push(
      'Check the dbt container’s log for failing models (dbt_results records each model’s status) and that DATAEMON_INTERVAL lets it run.',
    )
  }
  return { summary, remedy }
}

function measures(found: InstanceSeries): EvidenceItem[] {
  const values = (m: SyncMetric) => found.ours[m].map((s) => s.value ?? 0)
  const max = (xs: number[]) => (xs.length === 0 ? null : Math.max(...xs))
  return [
    { type: 'fact', label: 'CHT instance hosts', value: found.hosts.join(', ') || 'unknown' },
    {
      type: 'measure',
      label: 'Largest backlog',
      value: max(values('couch2pg_progress_pending')),
      unit: 'changes',
      limit: { op: '<=', value: BACKLOG_ALERT },
    },
    {
      type: 'measure',
      label: 'Databases not updating',
      value: found.ours.couch2pg_up.filter((s) => s.value === 0).length,
      unit: 'databases',
      limit: { op: '==', value: 0 },
    },
    {
      type: 'measure',
      label: 'dbt latency',
      value: max(values('dbt_latency')),
      unit: 's',
      limit: { op: '<=', value: DBT_LATENCY_ALERT_S },
    },
  ]
}

/** The run of `monitor.metrics`. */
export async function runMetricsCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const found = await instanceSeries(ctx)
  const evidence = [...measures(found), seriesTable(found)]
  const missing = SYNC_METRICS.filter((m) => found.byMetric[m].length === 0)
  if (missing.length > 0) {
    return {
      verdict: 'fail',
      summary: `Prometheus holds no series of ${missing.join(', ')}: Watchdog’s CHT Sync panels stay empty.`,
      evidence,
      remedy: { text: await missingRemedy(ctx, found) },
    }
  }
  const names = distinct(found.byMetric.couch2pg_up, 'cht_instance')
  if (found.hosts.length === 0) {
    return {
      verdict: 'warn',
      summary: `The metrics are scraped (for ${nameList(names)}), but the wizard does not know this project’s CHT instance, so it cannot tell which series are its.`,
      evidence,
      remedy: {
        text: 'Set the CouchDB connection (Connections page) or choose CHT Sync’s configuration (Set up step), then run the check again.',
      },
    }
  }
  if (found.ours.couch2pg_up.length === 0 && found.ours.couch2pg_progress_pending.length === 0) {
    return {
      verdict: 'warn',
      summary: `The metrics are scraped, but for ${nameList(names)}; none names this project’s CHT instance (${nameList(found.hosts)}).`,
      evidence,
      remedy: {
        text: 'cht_instance is the COUCHDB_HOST CHT Sync reads. If CHT Sync reaches this instance under another name (a private address, a Docker service), choose its .env or values.yaml on the Set up step so the wizard knows it. Otherwise the exporter reads another CHT Sync database: check the address in sql_servers.yml.',
      },
    }
  }
  const problems = healthProblems(found)
  if (problems.summary.length > 0) {
    return {
      verdict: 'warn',
      summary: problems.summary.join(' '),
      evidence,
      remedy: { text: problems.remedy.join(' ') },
    }
  }
  const dbs = distinct(found.ours.couch2pg_up, 'db')
  return {
    verdict: 'pass',
    summary: `The CHT Sync metrics are scraped for this instance (${nameList(dbs)}): updating, backlog within ${count(BACKLOG_ALERT)}, dbt within an hour.`,
    evidence,
  }
}
