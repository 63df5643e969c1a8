import { PASSWORD_ENV_VARS, type PasswordSource } from '../../../shared/connections'
import { couchBaseUrl } from '../../../shared/connection-targets'
import type {
  ChtSyncProfile,
  CouchdbProfile,
  EndpointId,
  PostgresProfile,
} from '../../../shared/project-schema'

/** A password and where it came from. */
export interface StoredPassword {
  password: string
  source: PasswordSource
}

/**
 * Whose password: a project (its document's id), an endpoint and a profile identity (see
 * `profileIdentity`). Two projects pointing at the same server keep separate passwords.
 */
export interface SecretKey {
  project: string
  endpoint: EndpointId
  identity: string
}

/**
 * Where the wizard keeps connection passwords (SEC-09): never in the project file, the renderer,
 * logs or exports.
 *
 * A password belongs to a project, an endpoint and a profile identity (`SecretKey`), so a password
 * typed for one server is never sent to another after the profile changes, and forgetting the
 * passwords of one project leaves the others' alone.
 */
export interface SecretStore {
  /** False where nothing can be kept beyond this run (browser mode, the CLI, Linux `basic_text`). */
  readonly canRemember: boolean
  /** The password to use for this project, endpoint and profile, or null. */
  lookup(key: SecretKey): Promise<StoredPassword | null>
  /** Where the password would come from, without reading it. */
  sourceOf(key: SecretKey): Promise<PasswordSource>
  /**
   * Keeps a password: in the keychain when `remember` and `canRemember`, else for this run only.
   * Returns where the password for this profile now comes from.
   */
  set(key: SecretKey, password: string, remember: boolean): Promise<PasswordSource>
  /** Drops the kept password (session and keychain); returns what remains (e.g. `environment`). */
  forget(key: SecretKey): Promise<PasswordSource>
  /** Drops every password kept for a project, whatever its profiles were (session and keychain). */
  forgetProject(project: string): Promise<void>
  /** Drops every kept password of every project (session and keychain); never the environment. */
  forgetAll(): Promise<void>
}

/**
 * The identity a password belongs to: the endpoint and where it logs in (server, database, user),
 * not the password. CHT Sync's schema and table are left out: they do not change the login.
 */
export function profileIdentity(
  endpoint: EndpointId,
  profile: CouchdbProfile | PostgresProfile | ChtSyncProfile,
): string {
  if (endpoint === 'couchdb') {
    const couch = profile as CouchdbProfile
    return JSON.stringify([endpoint, couchBaseUrl(couch).toLowerCase(), couch.username])
  }
  const pg = profile as PostgresProfile
  return JSON.stringify([endpoint, pg.host.toLowerCase(), pg.port, pg.database, pg.user])
}

/** The key of the password a project's profile of an endpoint logs in with. */
export function secretKeyOf(
  project: string,
  endpoint: EndpointId,
  profile: CouchdbProfile | PostgresProfile | ChtSyncProfile,
): SecretKey {
  return { project, endpoint, identity: profileIdentity(endpoint, profile) }
}

/** Passwords kept in this process's memory only, for the rest of the run, per project. */
export function createSessionPasswords() {
  const projects = new Map<string, Map<string, string>>()
  const inner = (key: SecretKey) => `${key.endpoint}\u0000${key.identity}`
  return {
    get: (key: SecretKey) => projects.get(key.project)?.get(inner(key)),
    set: (key: SecretKey, password: string) => {
      const kept = projects.get(key.project) ?? new Map<string, string>()
      kept.set(inner(key), password)
      projects.set(key.project, kept)
    },
    delete: (key: SecretKey) => {
      projects.get(key.project)?.delete(inner(key))
    },
    deleteProject: (project: string) => {
      projects.delete(project)
    },
    clear: () => projects.clear(),
  }
}

/**
 * The secret store of browser mode and the CLI (SEC-09).
 *
 * `CHT_MIGRATE_COUCHDB_PASSWORD`, `CHT_MIGRATE_COUCH2PG_PASSWORD` and `CHT_MIGRATE_CHTSYNC_PASSWORD`
 * take precedence (source `environment`, for every project), so a script or a jump-host session
 * can provide them; otherwise a password typed in the wizard is kept in memory for this run only
 * (`session`), per project. Nothing is ever written to disk, so `canRemember` is false, and the
 * wizard cannot forget an environment variable: whoever started it set it.
 */
export function createEnvSessionSecretStore(
  env: Record<string, string | undefined> = process.env,
): SecretStore {
  const session = createSessionPasswords()
  const fromEnv = (endpoint: EndpointId) => {
    const value = env[PASSWORD_ENV_VARS[endpoint]]
    return value !== undefined && value !== '' ? value : null
  }
  const sourceOf = async (key: SecretKey): Promise<PasswordSource> => {
    if (fromEnv(key.endpoint) !== null) return 'environment'
    return session.get(key) !== undefined ? 'session' : 'none'
  }
  return {
    canRemember: false,
    async lookup(key) {
      const environment = fromEnv(key.endpoint)
      if (environment !== null) return { password: environment, source: 'environment' }
      const typed = session.get(key)
      return typed === undefined ? null : { password: typed, source: 'session' }
    },
    sourceOf,
    async set(key, password) {
      session.set(key, password)
      return sourceOf(key)
    },
    async forget(key) {
      session.delete(key)
      return sourceOf(key)
    },
    async forgetProject(project) {
      session.deleteProject(project)
    },
    async forgetAll() {
      session.clear()
    },
  }
}
