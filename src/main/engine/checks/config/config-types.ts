/**
 * CHT Sync's configuration as the checks see it, whichever file it came from: the Docker `.env`
 * (read with dotenv's parser) or the Helm `values.yaml` (read with the `yaml` library). Values
 * keep the line they were read from, so evidence can say where a setting is; secrets are never
 * shown: `maskedValue` masks them before anything is stored or printed.
 */

/** One setting as written in the file: the last value wins, as in dotenv and YAML. */
export interface ConfigEntry {
  /** As written: `COUCHDB_DBS` in a `.env`, a dotted path (`couchdb.dbs`, `couchdbs[0].host`) in values.yaml. */
  key: string
  value: string
  /** 1-based line of the value, when known. */
  line: number | null
}

/** Something in the file a person should know about: a line not understood, a duplicate key. */
export interface ConfigProblem {
  line: number | null
  message: string
}

/**
 * The settings CHT Sync reads, under their `.env` names. values.yaml keys are mapped onto them
 * (`postgres.user` → `POSTGRES_USER`, `dbt_thread_count` → `DBT_THREAD_COUNT`, …).
 */
export const SETTING_NAMES = [
  'COMPOSE_PROJECT_NAME',
  'POSTGRES_USER',
  'POSTGRES_PASSWORD',
  'POSTGRES_DB',
  'POSTGRES_SCHEMA',
  'POSTGRES_TABLE',
  'POSTGRES_HOST',
  'POSTGRES_PORT',
  'CHT_PIPELINE_BRANCH_URL',
  'DATAEMON_INTERVAL',
  'DBT_THREAD_COUNT',
  'DBT_BATCH_SIZE',
  'DBT_LOCAL_PATH',
  'DBT_SELECTOR',
  'DBT_PACKAGE_TARBALL_URL',
  'COUCHDB_USER',
  'COUCHDB_PASSWORD',
  'COUCHDB_DBS',
  'COUCHDB_HOST',
  'COUCHDB_PORT',
  'COUCHDB_SECURE',
  'BATCH_SIZE',
  'PGADMIN_DEFAULT_EMAIL',
  'PGADMIN_DEFAULT_PASSWORD',
  'PGADMIN_PORT',
] as const
export type SettingName = (typeof SETTING_NAMES)[number]

/** One CHT instance CHT Sync reads (a `.env` has one; Helm's `couchdbs` list one per entry). */
export interface CouchdbTarget {
  /** `COUCHDB_HOST` or `couchdbs[i].host`. */
  host: ConfigEntry | null
  port: ConfigEntry | null
  /** `COUCHDB_SECURE` as written, or null when unset (Compose then defaults to true). */
  secure: ConfigEntry | null
  user: ConfigEntry | null
  password: ConfigEntry | null
  /** `COUCHDB_DBS` as written (comma- or space-separated). */
  dbs: ConfigEntry | null
}

export interface ChtSyncConfig {
  kind: 'env' | 'values'
  /** The file's absolute path. */
  path: string
  /** Every key of the file as written (last value wins), in file order. */
  entries: ConfigEntry[]
  /** Keys written more than once, with every line. */
  duplicates: { key: string; lines: number[] }[]
  /** Lines or parts the parser could not read, a BOM, binary bytes: in words. */
  problems: ConfigProblem[]
  /** The settings CHT Sync reads, by their `.env` names. */
  settings: Partial<Record<SettingName, ConfigEntry>>
  /** The CHT instances it reads; at least one entry, possibly all-null. */
  couchdbs: CouchdbTarget[]
}

/** Keys whose values are secrets: passwords, tokens, keys. */
export const isSecretKey = (key: string): boolean =>
  /pass(word)?|secret|token|api[_-]?key|private/i.test(key)

/**
 * The value of a setting as it may be shown or stored: secrets become `••••`, and a URL or host
 * with credentials (a GitHub token in `CHT_PIPELINE_BRANCH_URL`, `user:pw@host`) loses them.
 */
export function maskedValue(entry: ConfigEntry): string {
  if (isSecretKey(entry.key)) return entry.value === '' ? '(empty)' : '••••'
  return (
    entry.value
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1••••@')
      // A host written `user:password@host` (no scheme) carries credentials too.
      .replace(/^[^/@\s:]+:[^/@\s]*@/, '••••@')
  )
}
