import type { CheckDef } from '../check-types'
import { MONITOR_COLLECTOR_SCHEMA } from './collector-schema'
import { SETUP_DBT_FRESH } from './dbt-fresh'
import { SETUP_DBT_RESULTS } from './dbt-results'
import { MONITOR_LAG } from './monitor-lag'
import { PRODUCTION_FRESH } from './production-fresh'
import { SETUP_ARRIVING } from './setup-arriving'
import { SETUP_BACKLOG } from './setup-backlog'
import { SETUP_TABLES } from './setup-tables'

/**
 * The checks that read the pipelines themselves: CHT Sync's tables, whether documents arrive,
 * each database's backlog, dbt's freshness and results, both pipelines held against CouchDB at
 * the same moment, the lag CHT Watchdog would show and the collector's schema. They share their
 * measurements through the run's memo, so a full run reads each table and CouchDB once.
 */
export const PIPELINE_CHECKS: CheckDef[] = [
  SETUP_TABLES,
  SETUP_ARRIVING,
  SETUP_BACKLOG,
  SETUP_DBT_FRESH,
  SETUP_DBT_RESULTS,
  PRODUCTION_FRESH,
  MONITOR_LAG,
  MONITOR_COLLECTOR_SCHEMA,
]
