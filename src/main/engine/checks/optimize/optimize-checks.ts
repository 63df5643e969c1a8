import type { CheckDef } from '../check-types'
import { OPTIMIZE_DBT_TUNING } from './dbt-tuning'
import { OPTIMIZE_EXPLAIN } from './explain'
import { OPTIMIZE_INDEXES } from './indexes'
import { OPTIMIZE_JSON_INDEXES } from './json-indexes'
import { OPTIMIZE_MATERIALIZATION } from './materialization'
import { OPTIMIZE_SEQ_SCANS } from './seq-scans'
import { OPTIMIZE_SLOW_MODELS } from './slow-models'

/**
 * The Optimize step's advisor: slow models from `dbt_results`, missing `saved_timestamp`
 * indexes, plain views and tables rewritten every run, large tables read whole, JSON paths
 * dashboards filter on without an index (from the couch2pg inventory), dbt's threads and batch
 * size against the measured backlog, and EXPLAIN of the dashboard queries the project lists.
 * They never fail: advice does not block a step, so each passes or warns (or is skipped, saying
 * why, when its input is missing).
 */
export const OPTIMIZE_CHECKS: CheckDef[] = [
  OPTIMIZE_SLOW_MODELS,
  OPTIMIZE_INDEXES,
  OPTIMIZE_MATERIALIZATION,
  OPTIMIZE_SEQ_SCANS,
  OPTIMIZE_JSON_INDEXES,
  OPTIMIZE_DBT_TUNING,
  OPTIMIZE_EXPLAIN,
]
