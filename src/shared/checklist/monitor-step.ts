import type { StepDef } from '../steps'
import { PAGE } from './doc-pages'

/** Step 6 of the migration guide, as checklist items. */
export const monitorStep: StepDef = {
  id: 'monitor',
  number: 6,
  title: 'Monitor with CHT Watchdog',
  railLabel: 'Monitor',
  summary:
    'Watch CHT Sync and the dbt runs with CHT Watchdog, so that a stalled sync or a failing model is noticed within minutes instead of when a dashboard looks wrong.',
  ...PAGE.watchdog,
  items: [
    {
      id: 'monitor.watchdog-setup',
      title: 'Set up CHT Watchdog',
      detail:
        'Run Watchdog (Prometheus and Grafana) on a server apart from the CHT, with your instance listed in cht-instances.yml. The CHT Sync collector comes with version 1.17.0 and later.',
      source: 'step',
      ...PAGE.watchdog,
    },
    {
      id: 'monitor.sql-exporter',
      title: 'Add the PostgreSQL exporter with the cht-sync collector',
      detail:
        'Create sql_servers.yml from the example, select the cht-sync collector, and start Watchdog with the PostgreSQL compose file alongside the main one, now and on every upgrade.',
      source: 'step',
      ...PAGE.watchdogPostgres,
    },
    {
      id: 'monitor.target-name',
      title: 'Name the target exactly like the CHT instance',
      detail:
        'Each target key in sql_servers.yml must be identical to the instance name in cht-instances.yml. The dashboards filter on it, so a mismatch leaves the CHT Sync panels empty.',
      source: 'step',
      ...PAGE.watchdogPostgres,
    },
    {
      id: 'monitor.collector-schema',
      title: 'Match the collector to your schema and table',
      detail:
        'The cht-sync collector reads the v1 schema and the couchdb table. If POSTGRES_SCHEMA or POSTGRES_TABLE is different, edit the collector queries to match.',
      source: 'step',
      ...PAGE.watchdogPostgres,
    },
    {
      id: 'monitor.metrics-reachable',
      title: 'Check that the metrics endpoint answers',
      detail:
        'The exporter publishes on port 9399. From the Watchdog server, open /metrics on that port and look for couch2pg_up, couch2pg_progress_pending and dbt_latency.',
      source: 'step',
      ...PAGE.watchdogPostgres,
    },
    {
      id: 'monitor.backlog-panels',
      title: 'Read the CHT Sync backlog panels',
      detail:
        'In Grafana, the CHT Sync Backlog panel should stay close to zero and the Couch2pg Backlog panel should follow the CouchDB sequence closely.',
      source: 'step',
      ...PAGE.watchdog,
    },
    {
      id: 'monitor.alerts',
      title: 'Add alerts for the sync and dbt',
      detail:
        'Watchdog ships no alert for CHT Sync. Add Grafana rules for couch2pg_up at 0, a pending backlog that keeps rising and a dbt_latency beyond what the dashboards can bear, and send them to someone who will act.',
      source: 'step',
      ...PAGE.watchdog,
    },
    {
      id: 'monitor.prometheus-disk',
      title: 'Keep the monitoring disk in check',
      detail:
        'Prometheus keeps 60 days of data with no size limit by default. Set a size limit or watch the free disk on the Watchdog server.',
      source: 'step',
      ...PAGE.watchdog,
    },
  ],
}
