/** The CHT documentation pages the checklist items point to, with the titles they carry. */
export const DOCS = 'https://docs.communityhealthtoolkit.org'

/** The CHT pages the items point to, with the titles they carry on the site. */
export const PAGE = {
  guide: {
    docUrl: `${DOCS}/hosting/analytics/couch2pg-to-cht-sync-migration/`,
    docTitle: 'Migrating from Couch2pg to CHT Sync',
  },
  docker: {
    docUrl: `${DOCS}/hosting/analytics/setup-docker-compose/`,
    docTitle: 'CHT Sync Setup with Docker',
  },
  kubernetes: {
    docUrl: `${DOCS}/hosting/analytics/setup-kubernetes/`,
    docTitle: 'CHT Sync Setup with Kubernetes',
  },
  envVars: {
    docUrl: `${DOCS}/hosting/analytics/environment-variables/`,
    docTitle: 'CHT Sync environment variables',
  },
  buildingModels: {
    docUrl: `${DOCS}/hosting/analytics/building-dbt-models/`,
    docTitle: 'Building dbt models',
  },
  testingModels: {
    docUrl: `${DOCS}/hosting/analytics/testing-dbt-models/`,
    docTitle: 'Testing dbt models',
  },
  tuning: {
    docUrl: `${DOCS}/hosting/analytics/tuning-dbt/`,
    docTitle: 'Tuning dbt',
  },
  dashboards: {
    docUrl: `${DOCS}/hosting/analytics/dashboards/`,
    docTitle: 'Dashboards',
  },
  chtSync: {
    docUrl: `${DOCS}/technical-overview/architecture/cht-sync/`,
    docTitle: 'CHT Sync overview',
  },
  dataFlows: {
    docUrl: `${DOCS}/technical-overview/data/analytics/data-flows-for-analytics/`,
    docTitle: 'Data flows for analytics',
  },
  watchdog: {
    docUrl: `${DOCS}/hosting/monitoring/setup/`,
    docTitle: 'Setting up CHT Watchdog',
  },
  watchdogPostgres: {
    docUrl: `${DOCS}/hosting/monitoring/postgres-ingest/`,
    docTitle: 'CHT Watchdog: ingesting PostgreSQL metrics',
  },
  couch2pgMigration: {
    docUrl: `${DOCS}/hosting/couch2pg/migration/`,
    docTitle: 'Moving couch2pg to a new server',
  },
  chtSyncIssues: {
    docUrl: 'https://github.com/medic/cht-sync/issues',
    docTitle: 'CHT Sync issues on GitHub',
  },
} as const
