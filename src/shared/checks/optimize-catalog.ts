import { PAGE } from '../checklist/doc-pages'
import { entry, type CheckMeta } from './check-entry'

/** The Optimize step's advice, run as checks: each warns with evidence and the change to apply. */
export const OPTIMIZE_CHECKS: readonly CheckMeta[] = [
  entry({
    id: 'optimize.slow-models',
    step: 'optimize',
    itemId: 'optimize.slow-models',
    title: 'No model is slow or getting slower',
    why: 'dbt runs its models one after another on each thread: one slow model delays every dashboard’s data, and a model that grows with the data gets slower every week.',
    needs: ['chtSync'],
    docUrl: PAGE.tuning.docUrl,
  }),
  entry({
    id: 'optimize.indexes',
    step: 'optimize',
    itemId: 'optimize.indexes',
    title: 'Large models have a saved_timestamp index',
    why: 'Incremental models and the models built on them look for rows newer than their last run by saved_timestamp; without an index each run reads the whole table.',
    needs: ['chtSync'],
    docUrl: PAGE.buildingModels.docUrl,
  }),
  entry({
    id: 'optimize.materialization',
    step: 'optimize',
    itemId: 'optimize.materialization',
    title: 'Dashboards read materialized models',
    why: 'A plain view runs its whole query each time a dashboard opens, and a table rewritten on every run costs the whole table’s work for a few new rows.',
    needs: ['chtSync'],
    docUrl: PAGE.buildingModels.docUrl,
  }),
  entry({
    id: 'optimize.seq-scans',
    step: 'optimize',
    itemId: 'optimize.restructure',
    title: 'Large models are not read whole by every query',
    why: 'A large table that queries mostly scan from end to end has no index for what they filter on: each dashboard load reads it all.',
    needs: ['chtSync'],
    docUrl: PAGE.tuning.docUrl,
  }),
]
