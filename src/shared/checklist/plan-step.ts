import type { StepDef } from '../steps'
import { PAGE } from './doc-pages'

/** Step 1 of the migration guide, as checklist items. */
export const planStep: StepDef = {
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
