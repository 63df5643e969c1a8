import type { CheckDef } from '../check-types'
import { defineCheck } from '../define-check'
import { runBackupCheck } from './backup-check'
import { runDashboardUsersCheck } from './dashboard-users-check'
import { runMemoryCheck } from './memory-check'
import { runPostgresSettingsCheck } from './postgres-settings-check'
import { runSizingCheck } from './sizing-check'

/**
 * The checks of the production step that size and secure the parallel run: disk and memory for
 * both pipelines, PostgreSQL's settings, a verified backup of the couch2pg database, and
 * read-only roles for the dashboards. Every database read is read-only (SEC-12); a measurement
 * that cannot be made is said in the evidence rather than failing the check.
 */
export const PRODUCTION_CHECKS: CheckDef[] = [
  defineCheck('production.sizing', runSizingCheck),
  defineCheck('production.memory', runMemoryCheck),
  defineCheck('production.postgres-settings', runPostgresSettingsCheck),
  defineCheck('production.backup', runBackupCheck),
  defineCheck('production.dashboard-users', runDashboardUsersCheck),
]
