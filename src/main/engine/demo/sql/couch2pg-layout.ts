import type { DemoCouch2pgRelease } from '../../../../shared/demo'
import { COUCH2PG_ANALYTICS_OBJECTS } from './couch2pg-analytics-views'
import { COUCH2PG_TABLE_INDEXES, COUCH2PG_TABLE_OBJECTS } from './couch2pg-tables'
import { COUCH2PG_3_5_TELEMETRY_VIEWS } from './couch2pg-telemetry-views-3-5'
import { COUCH2PG_USERS_META_OBJECTS } from './couch2pg-users-meta-views'
import { CUSTOM_ACTIVITY_OBJECTS } from './custom-activity-views'
import { CUSTOM_CHILD_HEALTH_OBJECTS } from './custom-child-health-views'
import { CUSTOM_CONTACT_OBJECTS, CUSTOM_TABLE_INDEXES } from './custom-contact-views'
import { CUSTOM_FORMVIEWS } from './custom-formviews'
import { CUSTOM_FUNCTIONS } from './custom-functions'
import { CUSTOM_LEFTOVERS } from './custom-leftovers'
import { CUSTOM_MATERNAL_OBJECTS } from './custom-maternal-views'
import {
  describeObject,
  runPhase,
  type DemoDbObject,
  type DemoSqlObject,
  type SqlClient,
} from './types'

/** Everything cht-couch2pg 3.7 itself creates, in creation order. */
const INSTALLED: readonly DemoSqlObject[] = [
  ...COUCH2PG_TABLE_OBJECTS,
  ...COUCH2PG_TABLE_INDEXES,
  ...COUCH2PG_ANALYTICS_OBJECTS,
  ...COUCH2PG_USERS_META_OBJECTS,
]

/** The deployment's own objects, in creation order (each after what it reads). */
const CUSTOM: readonly DemoSqlObject[] = [
  ...CUSTOM_TABLE_INDEXES,
  ...CUSTOM_CONTACT_OBJECTS,
  ...CUSTOM_FORMVIEWS,
  ...CUSTOM_MATERNAL_OBJECTS,
  ...CUSTOM_CHILD_HEALTH_OBJECTS,
  ...CUSTOM_ACTIVITY_OBJECTS,
  ...CUSTOM_FUNCTIONS,
  ...CUSTOM_LEFTOVERS,
]

const ALL = [...INSTALLED, ...CUSTOM]

/** Tables a database set up by a release before 3.6 (and never migrated by Postgrator) lacks. */
const NOT_BEFORE_3_6 = new Set([
  'couchdb_medic_logs',
  'couchdb_medic_users',
  'couch2pg_migrations',
  'couch2pg_migrations_pkey',
  'xmlforms_migrations',
  'xmlforms_migrations_pkey',
  'users_meta_migrations',
  'users_meta_migrations_pkey',
])
/** What cht-couch2pg 3.7.0 added (reference 1.5 c): the null-safe telemetry date function. */
const NOT_BEFORE_3_7 = new Set(['get_telemetry_date'])
const CUSTOM_INDEX_NAMES = new Set(CUSTOM_TABLE_INDEXES.map((o) => o.name))
/** 3.5.1's own shape of the views 3.7.0 rewrote, by name (same kind, columns and indexes). */
const SHAPE_3_5 = new Map(COUCH2PG_3_5_TELEMETRY_VIEWS.map((o) => [o.name, o]))

/**
 * The objects of the demo's couch2pg database for a release: everything for `3.7`; for `3.5`
 * (cht-couch2pg 3.5.1), what that release installs: no migration tables (a database set up before
 * postgrator tracked them), no logs or users table, no `get_telemetry_date()`, the device and
 * metric telemetry views in their 3.5.1 shape, and none of the deployment's own expression
 * indexes (so nothing the wizard does can lean on an index couch2pg does not create).
 */
export function couch2pgObjects(release: DemoCouch2pgRelease = '3.7'): readonly DemoSqlObject[] {
  if (release === '3.7') return ALL
  return ALL.filter(
    (o) =>
      !NOT_BEFORE_3_6.has(o.name) && !NOT_BEFORE_3_7.has(o.name) && !CUSTOM_INDEX_NAMES.has(o.name),
  ).map((o) => (o.kind === 'matview' && SHAPE_3_5.get(o.name)) || o)
}

/** The objects cht-couch2pg 3.7 installs (tables, indexes, views, matviews, functions). */
export const COUCH2PG_INSTALLED_OBJECTS: readonly DemoDbObject[] = INSTALLED.map(describeObject)

/** The deployment-specific objects of the demo couch2pg database, the ones to inventory. */
export const COUCH2PG_CUSTOM_OBJECTS: readonly DemoDbObject[] = CUSTOM.map(describeObject)

/** Every object with its SQL, for callers that print or analyse the definitions. */
export const COUCH2PG_SQL_OBJECTS: readonly DemoSqlObject[] = ALL

/**
 * Creates couch2pg's tables in the connection's default schema, as a 3.7 deployment has them.
 *
 * `couchdb`, `couchdb_progress` (with its unique `couchdb_progress_source` index),
 * `couchdb_users_meta`, `couchdb_medic_logs`, `couchdb_medic_users` and the three postgrator
 * tracking tables with their rows (for `3.5`: see `couch2pgObjects`). Run it before bulk-loading
 * documents; then run `installCouch2pgIndexes` and `installCouch2pgObjects`. Idempotent.
 */
export async function installCouch2pgTables(
  client: SqlClient,
  release: DemoCouch2pgRelease = '3.7',
): Promise<void> {
  await runPhase(client, couch2pgObjects(release), 'tables')
}

/**
 * Creates the secondary indexes of the raw tables, meant to run after the bulk load (COPY into
 * tables without indexes is much faster).
 *
 * couch2pg's own: `couchdb_doc_uuid` (UNIQUE on `doc->>'_id'`: fails if a document id was loaded
 * twice) and `couchdb_doc_type`. The deployment's: `couchdb_doc_form` and
 * `couchdb_doc_patient_uuid` (partial, reports only), `couchdb_doc_contact_type`,
 * `couchdb_doc_reported_date`, and `couchdb_users_meta_doc_id` (UNIQUE) /
 * `couchdb_users_meta_doc_type`. Idempotent.
 */
export async function installCouch2pgIndexes(
  client: SqlClient,
  release: DemoCouch2pgRelease = '3.7',
): Promise<void> {
  await runPhase(client, couch2pgObjects(release), 'indexes')
}

/**
 * Creates every view, materialized view (with its indexes) and function, couch2pg's then the
 * deployment's, in one transaction.
 *
 * Run it after the data is loaded and indexed: materialized views are populated when created.
 * Every materialized view gets a unique index, so `refresh_matviews()` succeeds afterwards. The
 * formviews cast `fields` values (see `DEMO_FORM_FIELDS`): a report with a malformed date or
 * number makes this fail, naming the statement. Idempotent.
 */
export async function installCouch2pgObjects(
  client: SqlClient,
  release: DemoCouch2pgRelease = '3.7',
): Promise<void> {
  await runPhase(client, couch2pgObjects(release), 'objects')
}
