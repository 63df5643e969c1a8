/**
 * The SQL of the demo deployment's two PostgreSQL databases.
 *
 * couch2pg database (default schema): `installCouch2pgTables` → bulk load → `installCouch2pgIndexes`
 * → `installCouch2pgObjects`. CHT Sync database: `installChtSyncTables` → bulk load of the raw
 * table → `installChtSyncIndexes` → `buildChtSyncModels` (again after each later load).
 */
export {
  COUCH2PG_CUSTOM_OBJECTS,
  COUCH2PG_INSTALLED_OBJECTS,
  COUCH2PG_SQL_OBJECTS,
  installCouch2pgIndexes,
  installCouch2pgObjects,
  installCouch2pgTables,
} from './couch2pg-layout'
export { COUCH2PG_MIGRATIONS, type Couch2pgMigration } from './couch2pg-migrations'
export { DEMO_FORM_FIELDS, DEMO_FORMS, type DemoFieldSpec, type DemoForm } from './form-fields'
export {
  CHT_SYNC_DEFAULT_TARGET,
  installChtSyncIndexes,
  installChtSyncTables,
  type ChtSyncTarget,
} from './cht-sync-tables'
export {
  CHT_SYNC_MODEL_TABLES,
  installChtSyncModelTables,
  type ChtSyncModelTable,
} from './cht-sync-model-tables'
export {
  buildChtSyncModels,
  CHT_PIPELINE_PACKAGE,
  type ChtSyncBuildResult,
  type ChtSyncModelRun,
} from './cht-sync-build'
export type { DemoDbObject, DemoObjectKind, DemoObjectReader, SqlClient } from './types'
