import pg from 'pg'

export type Couch2pgMigrationTable =
  'couch2pg_migrations' | 'xmlforms_migrations' | 'users_meta_migrations'

/** One row of a postgrator tracking table. */
export interface Couch2pgMigration {
  table: Couch2pgMigrationTable
  /** Postgrator's version: the timestamp prefix of the migration file name. */
  version: string
  /** The file name's description part, as postgrator records it. */
  name: string
  /** When the demo deployment ran it (ISO, UTC). */
  runAt: string
}

// The deployment's history: installed with cht-couch2pg 3.1.0 in June 2019, upgraded to 3.3.0 in
// June 2021 (contact_type, users-meta), to 3.6.2 in July 2023 (telemetry views, medic-logs and
// _users tables) and to 3.7.0 in August 2026 (get_telemetry_date, faster telemetry views).
const INSTALL_3_1 = '2019-06-12T09:14:'
const UPGRADE_3_3 = '2021-06-02T07:41:'
const UPGRADE_3_6 = '2023-07-05T13:02:'
const UPGRADE_3_7 = '2026-08-04T10:26:'

/**
 * The migrations a cht-couch2pg 3.7.0 database has applied, per tracking table.
 *
 * Versions and names are those of the migration files of medic/couch2pg (library, migrated up to
 * `201803202020`) and medic/cht-couch2pg (`libs/analytics/migrations` tracked in
 * `xmlforms_migrations`, `libs/medic-users-meta/migrations` in `users_meta_migrations`). The
 * newest version of each table tells the release: 201803202020 / 202306221510 / 202607231202.
 */
export const COUCH2PG_MIGRATIONS: readonly Couch2pgMigration[] = [
  ...(
    [
      ['201606091247', '2318-standardise-schema', '01'],
      ['201606091248', '2124-support-edit-and-delete-of-documents', '01'],
      ['201607132040', '2506-unique-id-constraint', '02'],
      ['201607210832', '2523-remove-unused-index', '02'],
      ['201611271809', '2923-couch2-support', '02'],
      ['201803202020', '3423-multiple-db-support', '03'],
    ] as const
  ).map(([version, name, s]) => ({
    table: 'couch2pg_migrations' as const,
    version,
    name,
    runAt: `${INSTALL_3_1}${s}Z`,
  })),
  ...(
    [
      ['201606200952', '2318-prepareContacts', `${INSTALL_3_1}05`],
      ['201606201000', '2318-form-metadata', `${INSTALL_3_1}05`],
      ['201606281159', '2318-remove-extraction', `${INSTALL_3_1}06`],
      ['201711071603', '2635-removeNestedContactReferences', `${INSTALL_3_1}06`],
      ['201905081221', '3639-configurableHierarchy', `${INSTALL_3_1}06`],
      ['202104281912', '0078-contactType', `${UPGRADE_3_3}12`],
      ['202306151746', '131-create-medic-logs-table', `${UPGRADE_3_6}48`],
      ['202306221510', '131-create-medic-users-table', `${UPGRADE_3_6}48`],
    ] as const
  ).map(([version, name, at]) => ({
    table: 'xmlforms_migrations' as const,
    version,
    name,
    runAt: `${at}Z`,
  })),
  ...(
    [
      ['202102191153', '54-create-couchdb-users-meta-table', `${UPGRADE_3_3}13`],
      ['202105171933', '86.usersMeta', `${UPGRADE_3_3}13`],
      ['202304140052', 'telemetry_devices', `${UPGRADE_3_6}49`],
      ['202304140054', 'telemetry_metrics', `${UPGRADE_3_6}51`],
      ['202607231200', 'get_telemetry_date', `${UPGRADE_3_7}30`],
      ['202607231201', 'telemetry_metrics', `${UPGRADE_3_7}33`],
      ['202607231202', 'telemetry_devices', `${UPGRADE_3_7}35`],
    ] as const
  ).map(([version, name, at]) => ({
    table: 'users_meta_migrations' as const,
    version,
    name,
    runAt: `${at}Z`,
  })),
]

/**
 * DDL and rows of one tracking table.
 *
 * The reference does not give the table's shape. cht-couch2pg runs postgrator 3.5, whose
 * PostgreSQL tracking table is `version bigint PRIMARY KEY, name text, md5 text, run_at
 * timestamptz`; the demo uses that shape for all three tables. Postgrator stores the md5 of each
 * file's text; the demo, which has no such files, stores the md5 of `version:name` instead, which
 * looks the same and is just as stable.
 */
export function migrationTableSql(table: Couch2pgMigrationTable): string {
  const rows = COUCH2PG_MIGRATIONS.filter((m) => m.table === table)
    .map(
      (m) =>
        `  (${m.version}, ${pg.escapeLiteral(m.name)}, md5(${pg.escapeLiteral(`${m.version}:${m.name}`)}), ${pg.escapeLiteral(m.runAt)})`,
    )
    .join(',\n')
  return `CREATE TABLE IF NOT EXISTS ${table} (
  version bigint PRIMARY KEY,
  name text,
  md5 text,
  run_at timestamptz
);
INSERT INTO ${table} (version, name, md5, run_at) VALUES
${rows}
ON CONFLICT (version) DO NOTHING;`
}
