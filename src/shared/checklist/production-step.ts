import type { StepDef } from '../steps'
import { PAGE } from './doc-pages'

/** Step 3 of the migration guide, as checklist items. */
export const productionStep: StepDef = {
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
    },
    {
      id: 'production.disk-sizing',
      title: 'Estimate the disk space of the new database',
      detail:
        'Sync about a tenth of the data, measure the database size and multiply by ten; then add the expected growth over the coming years and about a fifth more for indexes. The old database stays until teardown, so both must fit. On Kubernetes, raise the 1Gi default volume.',
      source: 'step',
      ...PAGE.buildingModels,
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
    },
    {
      id: 'production.postgres-access',
      title: 'Give CHT Sync a PostgreSQL user that can build',
      detail:
        'The POSTGRES_USER account must be able to create the schema, tables and indexes. If your dbt project is in a private repository, CHT_PIPELINE_BRANCH_URL needs an access token.',
      source: 'step',
      ...PAGE.envVars,
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
