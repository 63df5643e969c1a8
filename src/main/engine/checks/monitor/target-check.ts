import type { CheckContext, CheckOutcome } from '../check-types'
import { instanceSeries } from './metrics-check'
import { distinct, latestOf, nameList, namesHost, upSeries, type Series } from './prometheus-series'

/**
 * `monitor.target-name`: Watchdog's dashboards pick the CHT Sync series with
 * `target="$cht_instance"`, where `$cht_instance` is the `instance` label Watchdog gives the CHT
 * instance (the URL of `cht-instances.yml` without scheme, `www.` and trailing slash). The SQL
 * exporter's `target` is the key of the database in `sql_servers.yml`; the two must be equal,
 * exactly.
 */

const RESTART =
  'docker compose -f docker-compose.yml -f exporters/postgres/compose.yml restart sql_exporter'

/** The names Watchdog gives the CHT instances it monitors (json exporter's job `cht`). */
async function watchdogInstances(ctx: CheckContext): Promise<string[]> {
  const sequence = await latestOf(ctx, 'cht_couchdb_update_sequence')
  const probes = (await upSeries(ctx)).filter((s) => s.labels.job === 'cht')
  return distinct([...sequence, ...probes], 'instance')
}

/** The run of `monitor.target-name`. */
export async function runTargetNameCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const found = await instanceSeries(ctx)
  const all: Series[] = [...found.byMetric.couch2pg_progress_pending, ...found.byMetric.couch2pg_up]
  const ours = [...found.ours.couch2pg_progress_pending, ...found.ours.couch2pg_up]
  const targets = distinct(ours.length > 0 ? ours : all, 'target')
  const instances = await watchdogInstances(ctx)
  const matching = instances.filter((i) => namesHost(i, found.hosts))
  const expected = matching.length > 0 ? matching : instances
  const evidence: CheckOutcome['evidence'] = [
    {
      type: 'fact',
      label: 'Exporter targets (sql_servers.yml keys)',
      value: targets.join(', ') || 'none',
    },
    { type: 'fact', label: 'CHT instances in Watchdog', value: instances.join(', ') || 'none' },
    {
      type: 'table',
      caption: 'Names compared',
      columns: ['name', 'from', 'equal to a name of the other side'],
      rows: [
        ...targets.map((t) => [t, 'target of couch2pg_*', expected.includes(t)]),
        ...expected.map((i) => [i, 'instance of cht_couchdb_update_sequence', targets.includes(i)]),
      ].slice(0, 200),
    },
  ]
  if (targets.length === 0) {
    return {
      verdict: 'fail',
      summary:
        'The couch2pg_* series carry no target label, so Watchdog’s dashboards cannot pick them.',
      evidence,
      remedy: {
        text: `Scrape the exporter as Watchdog does: list the database under jobs → static_configs → targets in exporters/postgres/sql_servers.yml, keyed by the CHT instance’s name, and restart it (${RESTART}).`,
      },
    }
  }
  if (instances.length === 0) {
    return {
      verdict: 'fail',
      summary: `Watchdog monitors no CHT instance (no cht_couchdb_update_sequence), so no dashboard shows the target ${nameList(targets)}.`,
      evidence,
      remedy: {
        text: 'Add the CHT instance’s URL (https://…) to cht-instances.yml and restart Watchdog (docker compose up -d); then name the target in sql_servers.yml exactly like it.',
      },
    }
  }
  const equal = targets.filter((t) => expected.includes(t))
  if (equal.length > 0) {
    return {
      verdict: 'pass',
      summary: `The exporter’s target ${nameList(equal)} is the name Watchdog gives the CHT instance: the CHT Sync panels show its metrics.`,
      evidence,
    }
  }
  const want = expected[0] ?? ''
  const have = targets[0] ?? ''
  const caseOnly = targets.some((t) => expected.some((i) => i.toLowerCase() === t.toLowerCase()))
  const notThis = matching.length === 0 && found.hosts.length > 0
  return {
    verdict: 'fail',
    summary:
      `The exporter’s target is ${nameList(targets)} but Watchdog names the CHT instance ${nameList(expected)}` +
      `${caseOnly ? ' (they differ in case only, and the dashboards compare exactly)' : ''}: the CHT Sync panels stay empty.` +
      `${notThis ? ` None of Watchdog’s instances is this project’s host (${nameList(found.hosts)}).` : ''}`,
    evidence,
    remedy: {
      text: `In exporters/postgres/sql_servers.yml, rename the target key “${have}” to “${want}”, the instance’s URL in cht-instances.yml without https://, www. and the trailing slash, exactly. Then restart the exporter (${RESTART}); the new series appear at the next scrape, within 5 minutes.`,
    },
  }
}
