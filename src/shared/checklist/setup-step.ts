import type { StepDef } from '../steps'
import { PAGE } from './doc-pages'

/** Step 2 of the migration guide, as checklist items. */
export const setupStep: StepDef = {
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
    },
  ],
}
