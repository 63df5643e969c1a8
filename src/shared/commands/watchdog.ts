import { postgresTarget } from '../connection-targets'
import { grafanaAlertText, prometheusRuleYaml, type AlertSubject } from './alert-rules'
import { commandContext, type CommandContext } from './command-context'
import type { CommandBlock, CommandSource } from './command-types'
import { shellQuote } from './quoting'

/**
 * CHT Watchdog's side (reference 4): the `sql_servers.yml` that points its SQL exporter at this
 * CHT Sync database with the `cht-sync` collector, the compose command that starts it, a look at
 * the metrics, and the alert rules Watchdog does not ship (the monitoring check's own text).
 */

/** The compose command Watchdog's PostgreSQL page gives, on every start and upgrade. */
export const WATCHDOG_UP =
  'docker compose -f docker-compose.yml -f exporters/postgres/compose.yml up -d'

const yamlSingle = (s: string) => `'${s.replace(/'/g, "''")}'`

/** The exporter's data source: the CHT Sync database, with no password in it. */
function dataSource(ctx: CommandContext): string {
  if (!ctx.chtSync) return 'postgres://<user>@<host>:5432/<database>?sslmode=require'
  const base = postgresTarget(ctx.chtSync)
  return `${base}${base.includes('?') ? '&' : '?'}sslmode=${ctx.chtSync.ssl}`
}

/** What the SQL exporter's series are labelled with, for the alert rules. */
export function alertSubjectOf(ctx: CommandContext): AlertSubject {
  return {
    chtInstance: ctx.chtSyncHost ?? ctx.couch?.host ?? null,
    target: ctx.couch?.instanceName ?? null,
  }
}

/** `exporters/postgres/sql_servers.yml` for this CHT Sync database. */
export function sqlServersBlock(source: CommandSource): CommandBlock {
  const ctx = commandContext(source)
  const missing: string[] = []
  if (!ctx.couch) missing.push('No CHT CouchDB connection yet: the target name is a placeholder.')
  if (!ctx.chtSync)
    missing.push('No CHT Sync connection yet: the database address is a placeholder.')
  const key = ctx.couch?.instanceName ?? '<the instance name in cht-instances.yml>'
  const text = [
    'global:',
    '  scrape_timeout_offset: 500ms',
    '  min_interval: 60s',
    '  max_connections: 3',
    '  max_idle_connections: 3',
    '  max_connection_lifetime: 10m',
    '',
    'collector_files:',
    '  - "/etc/sql_exporter/cht_sync_collector.yml"',
    '',
    'jobs:',
    '  - job_name: db_targets',
    '    collectors: [cht-sync]',
    '    enable_ping: true',
    '    static_configs:',
    '      - targets:',
    '          # The key is the instance’s name in cht-instances.yml: its URL without https://,',
    '          # www. and the trailing slash. The exporter needs the password: write it after the',
    '          # user name (user:PASSWORD@host). The wizard never writes passwords.',
    `          ${JSON.stringify(key)}: ${yamlSingle(dataSource(ctx))}`,
  ].join('\n')
  return {
    id: 'watchdog-sql-servers',
    title: 'sql_servers.yml for CHT Watchdog',
    language: 'yaml',
    purpose:
      'Save as exporters/postgres/sql_servers.yml in your clone of cht-watchdog, add the password, then start Watchdog with the PostgreSQL compose file.',
    text,
    missing,
  }
}

/** The compose command that starts Watchdog with its SQL exporter. */
export function watchdogUpBlock(): CommandBlock {
  return {
    id: 'watchdog-up',
    title: 'Start Watchdog with the SQL exporter',
    language: 'shell',
    purpose:
      'Run in your clone of cht-watchdog, now and after every upgrade: without the second file the exporter does not run.',
    text: WATCHDOG_UP,
    missing: [],
  }
}

/** The metrics at the exporter, and in Prometheus when its address is known. */
export function metricsBlock(source: CommandSource): CommandBlock {
  const ctx = commandContext(source)
  const lines = [
    '# On the Watchdog server: the exporter answers on 127.0.0.1:9399 unless SQL_EXPORTER_IP says otherwise.',
    "curl -s http://127.0.0.1:9399/metrics | grep -E '^(couch2pg_up|couch2pg_progress_pending|dbt_latency)'",
  ]
  const missing: string[] = []
  if (ctx.watchdogUrl) {
    const url = `${ctx.watchdogUrl.replace(/\/+$/, '')}/api/v1/query`
    lines.push('# In Prometheus: the latest value of each series.')
    lines.push(`curl -s ${shellQuote(url)} --data-urlencode 'query=couch2pg_up'`)
  } else {
    missing.push('No Watchdog address in the project: the Prometheus query is left out.')
  }
  return {
    id: 'watchdog-metrics',
    title: 'Look at the CHT Sync metrics',
    language: 'shell',
    purpose:
      'Shows the lines of couch2pg_up, couch2pg_progress_pending and dbt_latency; none means the exporter does not read CHT Sync.',
    text: lines.join('\n'),
    missing,
  }
}

/** The alert rules on sync lag and dbt, as a Prometheus rule file and as Grafana rules. */
export function alertBlocks(source: CommandSource): CommandBlock[] {
  const ctx = commandContext(source)
  const subject = alertSubjectOf(ctx)
  const missing = ctx.couch
    ? []
    : ['No CHT CouchDB connection yet: the rules cover every instance Watchdog watches.']
  return [
    {
      id: 'alerts-grafana',
      title: 'Alert rules for Grafana',
      language: 'text',
      purpose:
        'In Grafana: Alerting → Alert rules → New alert rule, data source Prometheus; one rule per line: query A, B a Reduce (Last) of A, C the threshold on B.',
      text: grafanaAlertText(subject),
      missing,
    },
    {
      id: 'alerts-prometheus',
      title: 'Alert rules for Prometheus',
      language: 'yaml',
      purpose:
        'For Prometheus with Alertmanager: save as a rule file, list it under rule_files in prometheus.yml and reload Prometheus.',
      text: prometheusRuleYaml(subject),
      missing,
    },
  ]
}
