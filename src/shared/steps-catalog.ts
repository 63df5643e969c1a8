import type { ChecklistItemDef, StepDef } from './steps'

/**
 * The checklist: the seven steps of the migration guide and what to do in each.
 *
 * Every instruction and key consideration of the CHT guide "Migrating from Couch2pg to CHT Sync"
 * is an item here, rewritten in the wizard's own words, plus the practical checks implementers
 * need from the wider CHT documentation. Item ids are stable (`<step>.<slug>`): project files
 * refer to them, so an item is never renamed; a retired item keeps its id out of use. A `checkId`
 * marks an item that an automated check will fill with a stored result.
 */

const DOCS = 'https://docs.communityhealthtoolkit.org'

/** The CHT pages the items point to, with the titles they carry on the site. */
const PAGE = {
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

const plan: StepDef = {
  id: 'plan',
  number: 1,
  title: 'Plan the migration',
  railLabel: 'Plan',
  summary:
    'Work out what the new pipeline has to deliver before building anything: what the couch2pg database holds, which dashboards read it, which CouchDB databases to sync and what the new models should show.',
  ...PAGE.guide,
  items: [
    {
      id: 'plan.scope',
      title: 'Agree the scope of the migration',
      detail:
        'Write down the data sources, models and transformations that are in scope, who owns each, and what “done” means for this deployment.',
      source: 'step',
      ...PAGE.guide,
    },
    {
      id: 'plan.connections',
      title: 'Connect the wizard to CouchDB and both PostgreSQL databases',
      detail:
        'Give the wizard read access to the CHT instance’s CouchDB, the couch2pg database and the CHT Sync database, and test each connection. Every later check reads from them; the wizard never writes to them outside the teardown step.',
      source: 'step',
      ...PAGE.envVars,
      checkId: 'plan.connections',
    },
    {
      id: 'plan.identify-versions',
      title: 'Record the versions in use',
      detail:
        'Note the CHT, CouchDB and couch2pg versions, and the CHT Sync and cht-pipeline versions if either is already running. cht-pipeline 2 only works with the raw table of CHT Sync 2, which has a source column.',
      source: 'step',
      ...PAGE.docker,
      checkId: 'plan.versions',
    },
    {
      id: 'plan.inventory',
      title: 'Inventory the old couch2pg database',
      detail:
        'List its views, materialized views, functions, tables and indexes with their sizes and what each depends on. Tell apart the objects couch2pg installs itself from those your team added: the custom ones are what needs a new home.',
      source: 'step',
      ...PAGE.guide,
      checkId: 'plan.inventory',
    },
    {
      id: 'plan.dashboard-map',
      title: 'Map each dashboard to the objects it reads',
      detail:
        'For every dashboard, report or scheduled export, record the views and tables its queries use. An object that nothing reads is a candidate to drop rather than rebuild.',
      source: 'step',
      ...PAGE.dataFlows,
    },
    {
      id: 'plan.what-to-visualise',
      title: 'Decide what the dashboards need to show',
      detail:
        'Start from the questions programme staff ask and the indicators they track, not from the old SQL. That list, and how each figure should be presented, decides which models to build.',
      source: 'consideration',
      ...PAGE.guide,
    },
    {
      id: 'plan.choose-databases',
      title: 'Choose the CouchDB databases to sync',
      detail:
        'Match what the old dashboards used: usually medic and medic-sentinel, medic-users-meta for feedback and telemetry, and medic-logs or _users only when a report needs them. When several CHT instances share one raw table, watch for documents with the same _id.',
      source: 'step',
      ...PAGE.envVars,
      checkId: 'plan.databases',
    },
    {
      id: 'plan.model-map',
      title: 'Plan the replacement of each custom object',
      detail:
        'For each custom view or table worth keeping, name the dbt model that will replace it, how it will be materialized, its indexes and its tests, or mark it as dropped.',
      source: 'step',
      ...PAGE.buildingModels,
      checkId: 'plan.model-coverage',
    },
    {
      id: 'plan.separate-data',
      title: 'Keep the old and the new data apart',
      detail:
        'Give CHT Sync its own database, or a schema other than public in the couch2pg database. couch2pg already has tables named couchdb and couchdb_progress in public, and CHT Sync would clash with them.',
      source: 'step',
      ...PAGE.envVars,
      checkId: 'plan.separation',
    },
  ],
}

const setup: StepDef = {
  id: 'setup',
  number: 2,
  title: 'Set up CHT Sync locally',
  railLabel: 'Set up locally',
  summary:
    'Run CHT Sync on a laptop or test server against test data, and build the first dbt models there, well before anything touches production.',
  ...PAGE.docker,
  items: [
    {
      id: 'setup.docker-or-kubernetes',
      title: 'Choose Docker Compose or Kubernetes',
      detail:
        'Both are supported for testing and for production. Compose profiles suit a single server or a laptop; the Helm chart suits a team that already runs a cluster. Pick the one your team can operate and troubleshoot.',
      source: 'consideration',
      ...PAGE.guide,
    },
    {
      id: 'setup.prerequisites',
      title: 'Install the tools and clone cht-sync',
      detail:
        'You need a current Docker with the docker compose plugin (the old docker-compose command is not supported), git, a clone of the medic/cht-sync repository and a dbt project to work on.',
      source: 'step',
      ...PAGE.docker,
    },
    {
      id: 'setup.env-file',
      title: 'Fill in the .env file',
      detail:
        'Copy env.template to .env and set the POSTGRES_ and COUCHDB_ values. COUCHDB_DBS takes a comma-separated list of the real database names, such as medic,medic-sentinel (a hyphen, not an underscore), and COUCHDB_HOST takes a host name without https://.',
      source: 'step',
      ...PAGE.envVars,
      checkId: 'setup.env',
    },
    {
      id: 'setup.local-profile',
      title: 'Start the local profile with your dbt project',
      detail:
        'Point DBT_LOCAL_PATH at the folder of your dbt project, then start the local profile. Expect four containers: couch2pg, dbt, PostgreSQL and pgAdmin.',
      source: 'step',
      ...PAGE.docker,
    },
    {
      id: 'setup.dataemon-interval',
      title: 'Set how often dbt runs',
      detail:
        'DATAEMON_INTERVAL is the pause between dbt runs, counted in seconds (some older pages say minutes). A short pause keeps the models fresh; a longer one eases the load on a busy database.',
      source: 'step',
      ...PAGE.envVars,
    },
    {
      id: 'setup.dbt-project',
      title: 'Create your own dbt project on top of cht-pipeline',
      detail:
        'Keep your models in a repository of their own, with cht-pipeline in its packages.yml pinned to a release tag that matches the CHT Sync major version (pipeline 2 with CHT Sync 2).',
      source: 'step',
      ...PAGE.buildingModels,
    },
    {
      id: 'setup.first-models',
      title: 'Build the first models with the CHT macros',
      detail:
        'Use cht_form_model for one model per form and cht_contact_model for each configured contact type, then add the aggregate models the dashboards on your plan need.',
      source: 'step',
      ...PAGE.buildingModels,
    },
    {
      id: 'setup.redesign-not-copy',
      title: 'Redesign the old views instead of copying them',
      detail:
        'CHT Sync stores data in a different shape from couch2pg, so the old SQL will not drop in. Treat each old view as a statement of need and model it afresh around what the dashboard shows.',
      source: 'consideration',
      ...PAGE.guide,
    },
    {
      id: 'setup.local-sync',
      title: 'Confirm data reaches the local database',
      detail:
        'The raw table should fill up, couchdb_progress should show the pending count of each database falling, and the dbt logs should show successful runs of your models.',
      source: 'step',
      ...PAGE.docker,
      checkId: 'setup.local-sync',
    },
  ],
}

const production: StepDef = {
  id: 'production',
  number: 3,
  title: 'Production readiness',
  railLabel: 'Production',
  summary:
    'Deploy CHT Sync to production next to couch2pg. The two run in parallel, so the existing dashboards keep working while the new pipeline proves itself.',
  ...PAGE.guide,
  items: [
    {
      id: 'production.server-resources',
      title: 'Make sure the servers can carry both pipelines',
      detail:
        'During the parallel run, CouchDB, PostgreSQL and the hosts serve two sync processes plus dbt at the same time. Check there is CPU and memory headroom for all of them together, not just for CHT Sync.',
      source: 'consideration',
      ...PAGE.guide,
      checkId: 'production.capacity',
    },
    {
      id: 'production.disk-sizing',
      title: 'Estimate the disk space of the new database',
      detail:
        'Sync about a tenth of the data, measure the database size and multiply by ten; then add the expected growth over the coming years and about a fifth more for indexes. The old database stays until teardown, so both must fit. On Kubernetes, raise the 1Gi default volume.',
      source: 'step',
      ...PAGE.buildingModels,
      checkId: 'production.disk',
    },
    {
      id: 'production.models-ready',
      title: 'Deploy only models that work locally',
      detail:
        'Move to production once the dbt models run without errors and give believable figures in the local or test setup.',
      source: 'step',
      ...PAGE.guide,
    },
    {
      id: 'production.couchdb-access',
      title: 'Reach CouchDB through the CHT address',
      detail:
        'A production CHT sits behind nginx: use COUCHDB_PORT 443 with COUCHDB_SECURE true; 5984 is only for a bare CouchDB. The CouchDB user needs read access to every database in COUCHDB_DBS.',
      source: 'step',
      ...PAGE.docker,
      checkId: 'production.couchdb-access',
    },
    {
      id: 'production.postgres-access',
      title: 'Give CHT Sync a PostgreSQL user that can build',
      detail:
        'The POSTGRES_USER account must be able to create the schema, tables and indexes. If your dbt project is in a private repository, CHT_PIPELINE_BRANCH_URL needs an access token.',
      source: 'step',
      ...PAGE.envVars,
      checkId: 'production.postgres-access',
    },
    {
      id: 'production.parallel-run',
      title: 'Deploy CHT Sync and leave couch2pg running',
      detail:
        'Start the production profile of Docker Compose (couch2pg, dbt and a bastion) or install the Helm chart, and do not touch couch2pg: the old dashboards stay live and the two pipelines can be compared.',
      source: 'step',
      ...PAGE.kubernetes,
    },
    {
      id: 'production.sync-running',
      title: 'Confirm CHT Sync is running',
      detail:
        'For each database, couchdb_progress should show an updated_at under a minute old and a pending count heading to zero; the raw table should keep growing and dbt_results should record successful runs.',
      source: 'step',
      ...PAGE.chtSync,
      checkId: 'production.sync-running',
    },
    {
      id: 'production.watch-logs',
      title: 'Read the logs during the first days',
      detail:
        'Look at the couch2pg and dbt logs over the first two days: failing models, rejected credentials and restarts show there before they show anywhere else.',
      source: 'step',
      ...PAGE.kubernetes,
    },
  ],
}

const parity: StepDef = {
  id: 'parity',
  number: 4,
  title: 'Parity: test the new models',
  railLabel: 'Parity',
  summary:
    'Show that the new pipeline tells the same story as the old one: compare counts, chase missing records, and rebuild each dashboard on the new models to compare them side by side.',
  ...PAGE.guide,
  items: [
    {
      id: 'parity.testing',
      title: 'Test the new models thoroughly',
      detail:
        'Give every model generic tests (unique, not null, relationships), add singular tests for aggregates and unit tests for complex logic, and run them on every change rather than once.',
      source: 'consideration',
      ...PAGE.testingModels,
    },
    {
      id: 'parity.sync-lag',
      title: 'Compare the pipelines when both have caught up',
      detail:
        'couch2pg copies on a schedule while CHT Sync copies continuously, so their backlogs differ. Check the pending changes of each before comparing, so that a delay is not mistaken for missing data.',
      source: 'step',
      ...PAGE.chtSync,
      checkId: 'parity.lag',
    },
    {
      id: 'parity.counts',
      title: 'Compare document counts per database',
      detail:
        'For each synced database, set the CouchDB document count beside the rows of the old couchdb table and the rows of the new raw table that are not marked deleted.',
      source: 'step',
      ...PAGE.guide,
      checkId: 'parity.counts',
    },
    {
      id: 'parity.breakdown',
      title: 'Compare counts by type, form and month',
      detail:
        'Break the totals down by document type, by form and by reporting month, and contacts by contact type, so that any gap points to the data it affects.',
      source: 'step',
      ...PAGE.guide,
      checkId: 'parity.breakdown',
    },
    {
      id: 'parity.missing-ids',
      title: 'List the records missing on either side',
      detail:
        'Find the ids the old pipeline has and the new one lacks, and the other way round, and look at a sample of each before deciding whether the gap matters.',
      source: 'step',
      ...PAGE.guide,
      checkId: 'parity.missing-ids',
    },
    {
      id: 'parity.deletes',
      title: 'Allow for deleted documents',
      detail:
        'couch2pg removes the row of a deleted document, while CHT Sync keeps it with _deleted set to true and its models leave it out. Exclude those rows when comparing, or the new side looks larger than it is.',
      source: 'step',
      ...PAGE.buildingModels,
    },
    {
      id: 'parity.replica-dashboard',
      title: 'Build a replica of each dashboard on the new models',
      detail:
        'Recreate every dashboard that matters against the new models, and leave the original on the couch2pg data until the comparison is finished.',
      source: 'step',
      ...PAGE.dashboards,
    },
    {
      id: 'parity.dashboard-compare',
      title: 'Compare replica and original over the same period',
      detail:
        'Use the same date range and filters in both, compare the figures, and record each difference with its explanation or the tolerance the team agreed.',
      source: 'step',
      ...PAGE.guide,
      checkId: 'parity.dashboards',
    },
    {
      id: 'parity.adjust-models',
      title: 'Correct the models until the figures agree',
      detail:
        'Where figures differ for a reason other than deletes or timing, fix the model and compare again. Keep a note of each fix: it is the evidence that the replica can replace the original.',
      source: 'step',
      ...PAGE.guide,
    },
  ],
}

const optimize: StepDef = {
  id: 'optimize',
  number: 5,
  title: 'Optimize',
  railLabel: 'Optimize',
  summary:
    'Once the figures agree, make the models quick and cheap to run: find the slow ones, index what dashboards filter on, and tune how dbt works through the data.',
  ...PAGE.guide,
  items: [
    {
      id: 'optimize.slow-models',
      title: 'Find the slowest models',
      detail:
        'The execution times kept in dbt_results show which models take longest on each run. Start with those.',
      source: 'step',
      ...PAGE.tuning,
      checkId: 'optimize.slow-models',
    },
    {
      id: 'optimize.indexes',
      title: 'Index the columns dashboards filter and join on',
      detail:
        'Declare indexes in the model configuration: saved_timestamp on incremental models, and the keys and dates that dashboard queries join and filter on.',
      source: 'step',
      ...PAGE.buildingModels,
      checkId: 'optimize.indexes',
    },
    {
      id: 'optimize.materialization',
      title: 'Pick the right materialization',
      detail:
        'Serve dashboards from materialized views or incremental tables: plain views and plain tables are unavailable while dbt rebuilds them. Move large, slow models to incremental.',
      source: 'step',
      ...PAGE.buildingModels,
    },
    {
      id: 'optimize.restructure',
      title: 'Restructure models that do too much',
      detail:
        'Split heavy models into smaller building blocks, share repeated logic through common models, and drop columns no dashboard uses.',
      source: 'step',
      ...PAGE.guide,
    },
    {
      id: 'optimize.batch-and-threads',
      title: 'Tune batch size and threads',
      detail:
        'DBT_BATCH_SIZE caps the rows a run takes, so a large backlog is worked through in steps; keep it above the rows added between runs. DBT_THREAD_COUNT sets how many models one dbt process runs at once.',
      source: 'step',
      ...PAGE.tuning,
    },
    {
      id: 'optimize.selectors',
      title: 'Split dbt work across containers when needed',
      detail:
        'With many models, run the base models in one dbt container and your own packages or tags in others, each with its own DBT_SELECTOR, so a slow custom model does not hold up the base ones.',
      source: 'step',
      ...PAGE.tuning,
    },
    {
      id: 'optimize.rebuild-cost',
      title: 'Plan for full rebuilds of changed models',
      detail:
        'A changed model, and every model built on it, is rebuilt from scratch; on millions of rows that takes hours, up to a day. Group changes, deploy them at quiet times and warn dashboard users.',
      source: 'step',
      ...PAGE.buildingModels,
    },
    {
      id: 'optimize.dbt-latency',
      title: 'Check that dbt keeps up with the sync',
      detail:
        'Compare the newest row of the raw table with the newest row of document_metadata. A gap that keeps growing means dbt takes longer per run than the data takes to arrive.',
      source: 'step',
      ...PAGE.tuning,
      checkId: 'optimize.dbt-latency',
    },
  ],
}

const monitor: StepDef = {
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
      checkId: 'monitor.target-name',
    },
    {
      id: 'monitor.collector-schema',
      title: 'Match the collector to your schema and table',
      detail:
        'The cht-sync collector reads the v1 schema and the couchdb table. If POSTGRES_SCHEMA or POSTGRES_TABLE is different, edit the collector queries to match.',
      source: 'step',
      ...PAGE.watchdogPostgres,
      checkId: 'monitor.collector-schema',
    },
    {
      id: 'monitor.metrics-reachable',
      title: 'Check that the metrics endpoint answers',
      detail:
        'The exporter publishes on port 9399. From the Watchdog server, open /metrics on that port and look for couch2pg_up, couch2pg_progress_pending and dbt_latency.',
      source: 'step',
      ...PAGE.watchdogPostgres,
      checkId: 'monitor.metrics',
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

const teardown: StepDef = {
  id: 'teardown',
  number: 7,
  title: 'Teardown: remove couch2pg',
  railLabel: 'Teardown',
  summary:
    'Retire couch2pg and its database only after the new pipeline has proved itself, with a backup in hand and a way back.',
  ...PAGE.guide,
  items: [
    {
      id: 'teardown.sustained-parity',
      title: 'Wait for a sustained period of parity and healthy monitoring',
      detail:
        'Agree how long the pipelines must agree and Watchdog must stay quiet (a full reporting cycle, for example), and begin the teardown only after that.',
      source: 'step',
      ...PAGE.guide,
      checkId: 'teardown.readiness',
    },
    {
      id: 'teardown.repoint-dashboards',
      title: 'Point the dashboards at the new models',
      detail:
        'Switch each dashboard to the CHT Sync database and models, tell the people who use them, and retire the duplicates so that only one version of each remains.',
      source: 'step',
      ...PAGE.dashboards,
    },
    {
      id: 'teardown.backup',
      title: 'Back up the old database',
      detail:
        'Dump the couch2pg database and keep a copy off the server. The dump and its compressed copy need free disk of their own, so check the space first.',
      source: 'step',
      ...PAGE.couch2pgMigration,
    },
    {
      id: 'teardown.stop-couch2pg',
      title: 'Stop couch2pg',
      detail:
        'Stop and disable the couch2pg service, whether a systemd unit, a Docker container or a pod, so that it does not start again, and remove any job that restarts it.',
      source: 'step',
      ...PAGE.guide,
    },
    {
      id: 'teardown.watchdog-cleanup',
      title: 'Remove the old pipeline from Watchdog',
      detail:
        'Drop the couch2pg collector and any panel or alert that watched the old database, so that nobody is paged for a pipeline that was retired on purpose.',
      source: 'step',
      ...PAGE.watchdogPostgres,
    },
    {
      id: 'teardown.rollback',
      title: 'Keep a way back',
      detail:
        'Until the team is confident, keep the dump and the couch2pg configuration, so the old pipeline could be restored and left to catch up.',
      source: 'step',
      ...PAGE.couch2pgMigration,
    },
    {
      id: 'teardown.drop-database',
      title: 'Drop the duplicate database only when certain',
      detail:
        'When nothing reads the old database any more and the rollback window has passed, drop it and delete the leftover dumps.',
      source: 'step',
      ...PAGE.guide,
    },
    {
      id: 'teardown.feedback',
      title: 'Share what you learned',
      detail:
        'Report the bugs and gaps you met as issues on medic/cht-sync or medic/cht-pipeline, and pass on tips to the community, so the next migration goes more smoothly.',
      source: 'consideration',
      ...PAGE.chtSyncIssues,
    },
  ],
}

/** The seven steps, in the order of the guide. */
export const STEPS: readonly StepDef[] = [
  plan,
  setup,
  production,
  parity,
  optimize,
  monitor,
  teardown,
]

/** Every checklist item, in step order. */
export const ALL_ITEMS: readonly ChecklistItemDef[] = STEPS.flatMap((step) => step.items)

const byItemId = new Map<string, { step: StepDef; item: ChecklistItemDef }>(
  STEPS.flatMap((step) => step.items.map((item) => [item.id, { step, item }] as const)),
)

/** Finds an item and its step by the item's id; `undefined` for an id this build does not know. */
export function findItem(itemId: string): { step: StepDef; item: ChecklistItemDef } | undefined {
  return byItemId.get(itemId)
}

/** Finds a step by its id. */
export function findStep(stepId: string): StepDef | undefined {
  return STEPS.find((step) => step.id === stepId)
}
