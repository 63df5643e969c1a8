import type { CheckDef } from '../check-types'
import { OPTIMIZE_INDEXES } from './indexes'
import { OPTIMIZE_MATERIALIZATION } from './materialization'
import { OPTIMIZE_SEQ_SCANS } from './seq-scans'
import { OPTIMIZE_SLOW_MODELS } from './slow-models'

/**
 * The Optimize step's advisor: slow models from `dbt_results`, missing `saved_timestamp`
 * indexes, plain views and tables rewritten every run, and large tables read whole. They read
 * only the catalog, the statistics collector and `dbt_results`, and never fail: advice does not
 * block a step, so each passes or warns.
 */
export const OPTIMIZE_CHECKS: CheckDef[] = [
  OPTIMIZE_SLOW_MODELS,
  OPTIMIZE_INDEXES,
  OPTIMIZE_MATERIALIZATION,
  OPTIMIZE_SEQ_SCANS,
]
