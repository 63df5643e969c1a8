/**
 * The CouchDB databases of a CHT instance that analytics reads (domain reference 6.1), and how
 * each pipeline is told to copy them: couch2pg by a `SYNC_DB_*` switch per database (1.3–1.4),
 * CHT Sync by the list in `COUCHDB_DBS` (2.6).
 */
export const CHT_DATABASES = [
  'medic',
  'medic-sentinel',
  'medic-users-meta',
  'medic-logs',
  '_users',
] as const
export type ChtDatabaseName = (typeof CHT_DATABASES)[number]

/** True for one of the CHT databases the wizard asks CouchDB about. */
export const isChtDatabase = (name: string): name is ChtDatabaseName =>
  (CHT_DATABASES as readonly string[]).includes(name)

/** couch2pg's switch per database (any value but `false` means on; `_users` is off in samples). */
export const COUCH2PG_SWITCHES: Record<ChtDatabaseName, string> = {
  medic: 'SYNC_DB_MEDIC',
  'medic-sentinel': 'SYNC_DB_SENTINEL',
  'medic-users-meta': 'SYNC_DB_USER_META',
  'medic-logs': 'SYNC_DB_LOGS',
  _users: 'SYNC_DB_USERS',
}

/** CHT Sync's list of databases to copy, comma-separated (`medic,medic-sentinel`). */
export const CHT_SYNC_DBS_VARIABLE = 'COUCHDB_DBS'

const normalise = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_.]+/g, '-')
    .replace(/^-+|-+$/g, '')

/** Spellings seen in the wild that normalising does not catch. */
const ALIASES: Record<string, ChtDatabaseName> = {
  sentinel: 'medic-sentinel',
  'medic-user-meta': 'medic-users-meta',
  'users-meta': 'medic-users-meta',
  'medic-log': 'medic-logs',
  logs: 'medic-logs',
}

/**
 * The CHT database a misspelt name most likely means (`medic_sentinel`, the documented typo, is
 * `medic-sentinel`), or null when the name is a CHT database already or resembles none.
 */
export function likelyChtDatabase(name: string): ChtDatabaseName | null {
  if (isChtDatabase(name)) return null
  const wanted = normalise(name)
  return CHT_DATABASES.find((db) => normalise(db) === wanted) ?? ALIASES[wanted] ?? null
}
