import type { SettingName } from './config-types'

/**
 * How CHT Sync's Helm chart (`deploy/cht_sync`) names the settings of the Docker `.env`: the keys
 * of `values.yaml` its templates read, as dotted paths. `couchdb.*` are the defaults shared by the
 * entries of the `couchdbs` list (reference 2.7).
 */
export const HELM_SETTINGS: Readonly<Partial<Record<SettingName, string>>> = {
  POSTGRES_USER: 'postgres.user',
  POSTGRES_PASSWORD: 'postgres.password',
  POSTGRES_DB: 'postgres.db',
  POSTGRES_SCHEMA: 'postgres.schema',
  POSTGRES_TABLE: 'postgres.table',
  POSTGRES_HOST: 'postgres.host',
  POSTGRES_PORT: 'postgres.port',
  CHT_PIPELINE_BRANCH_URL: 'cht_pipeline_branch_url',
  DBT_THREAD_COUNT: 'dbt_thread_count',
  DBT_BATCH_SIZE: 'dbt_batch_size',
  COUCHDB_USER: 'couchdb.user',
  COUCHDB_DBS: 'couchdb.dbs',
  COUCHDB_PORT: 'couchdb.port',
  COUCHDB_SECURE: 'couchdb.secure',
}

/** The fields of a `couchdbs` entry; the last four fall back to the shared `couchdb.*`. */
export const COUCHDB_ENTRY_FIELDS = ['host', 'password', 'user', 'dbs', 'port', 'secure'] as const
/** One field of a `couchdbs` entry. */
export type CouchdbEntryField = (typeof COUCHDB_ENTRY_FIELDS)[number]

/**
 * Every key the chart reads, with list indexes written `[]`; a key ending in `.*` admits anything
 * below it (sections the checks do not look into).
 */
const KNOWN_HELM_KEYS = new Set([
  'postgres.enabled',
  'postgres.user',
  'postgres.password',
  'postgres.db',
  'postgres.schema',
  'postgres.table',
  'postgres.host',
  'postgres.port',
  'postgres.nodePort',
  'postgres.storageSize',
  'postgres.cpu_limit',
  'postgres.memory_limit',
  'cht_pipeline_branch_url',
  'dbt_thread_count',
  'dbt_batch_size',
  'dbt_selectors[]',
  'image_tag',
  'couchdb.user',
  'couchdb.dbs',
  'couchdb.port',
  'couchdb.secure',
  ...COUCHDB_ENTRY_FIELDS.map((f) => `couchdbs[].${f}`),
  'couch2pg.cpu_limit',
  'couch2pg.memory_limit',
  'dbt.cpu_limit',
  'dbt.memory_limit',
])
const OPEN_SECTIONS = ['metrics_exporter', 'medic_ingress']

/** Whether the chart reads `key` (a dotted path as written, `couchdbs[2].host`). */
export function isKnownHelmKey(key: string): boolean {
  const general = key.replace(/\[\d+\]/g, '[]')
  if (KNOWN_HELM_KEYS.has(general)) return true
  const top = general.split(/[.[]/, 1)[0] ?? ''
  return OPEN_SECTIONS.includes(top)
}

/** How a setting is named in the file of `kind`: `POSTGRES_USER` or `postgres.user`. */
export function settingKeyIn(kind: 'env' | 'values', name: SettingName): string {
  return kind === 'env' ? name : (HELM_SETTINGS[name] ?? name)
}
