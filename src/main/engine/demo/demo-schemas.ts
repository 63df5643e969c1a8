import type { DemoCouch2pgRelease } from '../../../shared/demo'
import { buildChtSyncModels } from './sql/cht-sync-build'
import {
  CHT_SYNC_DEFAULT_TARGET,
  installChtSyncIndexes,
  installChtSyncTables,
  type ChtSyncTarget,
} from './sql/cht-sync-tables'
import {
  installCouch2pgIndexes,
  installCouch2pgObjects,
  installCouch2pgTables,
} from './sql/couch2pg-layout'
import type { SqlClient } from './sql/types'

/** The demo's CHT Sync raw table: the defaults, `v1.couchdb`. */
export const CHT_SYNC_TARGET: ChtSyncTarget = CHT_SYNC_DEFAULT_TARGET

/** Before the load: couch2pg's tables and CHT Sync's schema, raw and progress tables. */
export async function installDemoSchemas(
  couch2pg: SqlClient,
  chtSync: SqlClient,
  release: DemoCouch2pgRelease = '3.7',
): Promise<void> {
  await Promise.all([
    installCouch2pgTables(couch2pg, release),
    installChtSyncTables(chtSync, CHT_SYNC_TARGET),
  ])
}

/**
 * After the load, both databases at once (they are separate sessions, so PostgreSQL works on both
 * while the other waits): couch2pg's indexes then its views, matviews and functions; CHT Sync's
 * raw-table indexes then one dbt run of the cht-pipeline base models.
 */
export async function finishDemoSchemas(
  couch2pg: SqlClient,
  chtSync: SqlClient,
  release: DemoCouch2pgRelease = '3.7',
): Promise<void> {
  await Promise.all([
    (async () => {
      await installCouch2pgIndexes(couch2pg, release)
      await installCouch2pgObjects(couch2pg, release)
    })(),
    (async () => {
      await installChtSyncIndexes(chtSync, CHT_SYNC_TARGET)
      await buildChtSyncModels(chtSync, CHT_SYNC_TARGET)
    })(),
  ])
}
