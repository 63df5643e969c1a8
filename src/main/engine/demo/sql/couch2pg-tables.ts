import { migrationTableSql, type Couch2pgMigrationTable } from './couch2pg-migrations'
import type { DemoSqlObject } from './types'

const table = (
  name: string,
  purpose: string,
  sql: string,
  readBy: DemoSqlObject['readBy'] = 'other view',
): DemoSqlObject => ({
  name,
  kind: 'table',
  purpose,
  dependsOn: [],
  readBy,
  parsesCleanly: true,
  phase: 'tables',
  sql,
})

const migrationTable = (name: Couch2pgMigrationTable, purpose: string): DemoSqlObject[] => [
  table(name, purpose, migrationTableSql(name), 'couch2pg'),
  {
    name: `${name}_pkey`,
    kind: 'index',
    purpose: `Primary key of ${name} (created with the table).`,
    dependsOn: [name],
    readBy: 'couch2pg',
    parsesCleanly: true,
    phase: 'tables',
    sql: null,
  },
]

/**
 * The tables cht-couch2pg 3.7 leaves in its database's default schema, in their final shape after
 * every migration (reference 1.4, 1.5), with the migration-tracking tables and their rows.
 *
 * `couchdb` holds medic and medic-sentinel documents together, one row per current document
 * (deleted documents are removed). `couchdb_progress` keeps one checkpoint per source, written
 * `host:port/db` by the loader.
 */
export const COUCH2PG_TABLE_OBJECTS: readonly DemoSqlObject[] = [
  table(
    'couchdb',
    'Raw medic and medic-sentinel documents, one jsonb row per current document.',
    'CREATE TABLE IF NOT EXISTS couchdb (doc jsonb)',
  ),
  table(
    'couchdb_progress',
    'Checkpoint per CouchDB source (`host:port/db`): the last sequence imported.',
    // seq became varchar for CouchDB 2 (201611271809); source and its unique index came with
    // multi-database support (201803202020).
    'CREATE TABLE IF NOT EXISTS couchdb_progress (seq varchar, source varchar NOT NULL)',
    'couch2pg',
  ),
  {
    name: 'couchdb_progress_source',
    kind: 'index',
    purpose: 'One checkpoint row per source.',
    dependsOn: ['couchdb_progress'],
    readBy: 'couch2pg',
    parsesCleanly: true,
    phase: 'tables',
    sql: 'CREATE UNIQUE INDEX IF NOT EXISTS couchdb_progress_source ON couchdb_progress (source)',
  },
  table(
    'couchdb_users_meta',
    'Raw medic-users-meta documents (feedback, telemetry).',
    'CREATE TABLE IF NOT EXISTS couchdb_users_meta (doc jsonb)',
  ),
  table(
    'couchdb_medic_logs',
    'Raw medic-logs documents (CHT 4 connected-user and replication logs).',
    'CREATE TABLE IF NOT EXISTS couchdb_medic_logs (doc jsonb)',
    'nobody',
  ),
  table(
    'couchdb_medic_users',
    'Raw _users documents, password hash fields stripped by the loader.',
    'CREATE TABLE IF NOT EXISTS couchdb_medic_users (doc jsonb)',
    'nobody',
  ),
  ...migrationTable('couch2pg_migrations', 'Postgrator tracking of the couch2pg library schema.'),
  ...migrationTable('xmlforms_migrations', 'Postgrator tracking of the analytics migrations.'),
  ...migrationTable('users_meta_migrations', 'Postgrator tracking of the users-meta migrations.'),
]

/**
 * The indexes couch2pg's migrations put on `couchdb`: the unique `_id` index (its importer deletes
 * and re-inserts by id) and the `type` index every view filters on. couch2pg creates no index on
 * `couchdb_users_meta`, `couchdb_medic_logs` or `couchdb_medic_users`.
 */
export const COUCH2PG_TABLE_INDEXES: readonly DemoSqlObject[] = [
  {
    name: 'couchdb_doc_uuid',
    kind: 'index',
    purpose: 'Unique document id: the importer deletes then re-inserts changed documents by id.',
    dependsOn: ['couchdb'],
    readBy: 'couch2pg',
    parsesCleanly: true,
    phase: 'indexes',
    sql: "CREATE UNIQUE INDEX IF NOT EXISTS couchdb_doc_uuid ON couchdb ((doc->>'_id'))",
  },
  {
    name: 'couchdb_doc_type',
    kind: 'index',
    purpose: 'Document type, the filter of every view on couchdb.',
    dependsOn: ['couchdb'],
    readBy: 'other view',
    parsesCleanly: true,
    phase: 'indexes',
    sql: "CREATE INDEX IF NOT EXISTS couchdb_doc_type ON couchdb ((doc->>'type'))",
  },
]
