import { PAGE } from '../checklist/doc-pages'
import { entry, S, type CheckMeta } from './check-entry'

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
    title: 'Large models are indexed on saved_timestamp and their join columns',
    why: 'Incremental models and the models built on them look for rows newer than their last run by saved_timestamp, and dashboards join models on their uuid, parent, contact and patient columns; without an index each run or join reads the whole table.',
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
  entry({
    id: 'optimize.json-indexes',
    step: 'optimize',
    itemId: 'optimize.indexes',
    title: 'JSON fields dashboards filter on are indexed',
    why: 'Dashboards that filter on a field of the documents read the whole raw table unless that field has an index, or a model column with one, in the CHT Sync database.',
    needs: ['chtSync'],
    docUrl: PAGE.buildingModels.docUrl,
  }),
  entry({
    id: 'optimize.dbt-tuning',
    step: 'optimize',
    itemId: 'optimize.batch-and-threads',
    title: 'dbt threads and batch size fit the backlog',
    why: 'Too few threads make each dbt run wait on models one by one; no batch limit makes a large backlog one run of hours, and a limit below the rows added between runs never catches up.',
    needs: ['config', 'chtSync'],
    docUrl: PAGE.tuning.docUrl,
  }),
  entry({
    id: 'optimize.explain',
    step: 'optimize',
    itemId: 'optimize.restructure',
    title: 'The slowest dashboard queries have a good plan',
    why: 'EXPLAIN shows what a dashboard query costs and where it reads whole tables; run before and after a change, it shows what the change gained.',
    needs: ['chtSync'],
    timeoutMs: 8 * 60 * S,
    docUrl: PAGE.tuning.docUrl,
  }),
]

/** How many dashboard queries keep their figures in a run's history (two figures each, 16 kept). */
export const EXPLAIN_FIGURED_QUERIES = 8

/** FNV-1a of a text, as 8 hex digits: short, stable, the same in every process. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/**
 * The tag of a dashboard query in `optimize.explain`'s evidence and history: from its id and its
 * SQL, so that editing the SQL starts a new series and an earlier plan is never compared with a
 * different query.
 */
export const explainTag = (query: { id: string; sql: string }): string =>
  `q${fnv1a(`${query.id}\u0000${query.sql.trim()}`)}`

/** The labels of a query's two history figures: total cost, and planning plus execution time. */
export const explainFigureLabels = (tag: string): { cost: string; ms: string } => ({
  cost: `${tag} total cost`,
  ms: `${tag} time`,
})
