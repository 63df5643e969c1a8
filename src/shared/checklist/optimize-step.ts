import type { StepDef } from '../steps'
import { PAGE } from './doc-pages'

/** Step 5 of the migration guide, as checklist items. */
export const optimizeStep: StepDef = {
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
    },
    {
      id: 'optimize.indexes',
      title: 'Index the columns dashboards filter and join on',
      detail:
        'Declare indexes in the model configuration: saved_timestamp on incremental models, and the keys and dates that dashboard queries join and filter on.',
      source: 'step',
      ...PAGE.buildingModels,
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
