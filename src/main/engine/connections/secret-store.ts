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
 * Where the wizard keeps connection passwords (SEC-09): never in the project file, the renderer,
 * logs or exports.
 *
 * A password belongs to an endpoint and a profile identity (see `profileIdentity`), so a password
 * typed for one server is never sent to another after the profile changes.
 */
export interface SecretStore {
  /** False where nothing can be kept beyond this run (browser mode, the CLI, Linux `basic_text`). */
  readonly canRemember: boolean
  /** The password to use for this endpoint and profile, or null. */
  lookup(endpoint: EndpointId, identity: string): Promise<StoredPassword | null>
  /** Where the password would come from, without reading it. */
  sourceOf(endpoint: EndpointId, identity: string): Promise<PasswordSource>
  /**
   * Keeps a password: in the keychain when `remember` and `canRemember`, else for this run only.
   * Returns where the password for this profile now comes from.
   */
  set(
    endpoint: EndpointId,
    identity: string,
    password: string,
    remember: boolean,
  ): Promise<PasswordSource>
  /** Drops the kept password (session and keychain); returns what remains (e.g. `environment`). */
  forget(endpoint: EndpointId, identity: string): Promise<PasswordSource>
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

/** Passwords kept in this process's memory only, for the rest of the run. */
export function createSessionPasswords() {
  const passwords = new Map<string, string>()
  const key = (endpoint: EndpointId, identity: string) => `${endpoint}\u0000${identity}`
  return {
    get: (endpoint: EndpointId, identity: string) => passwords.get(key(endpoint, identity)),
    set: (endpoint: EndpointId, identity: string, password: string) => {
      passwords.set(key(endpoint, identity), password)
    },
    delete: (endpoint: EndpointId, identity: string) => {
      passwords.delete(key(endpoint, identity))
    },
  }
}

/**
 * The secret store of browser mode and the CLI (SEC-09).
 *
 * `CHT_MIGRATE_COUCHDB_PASSWORD`, `CHT_MIGRATE_COUCH2PG_PASSWORD` and `CHT_MIGRATE_CHTSYNC_PASSWORD`
 * take precedence (source `environment`), so a script or a jump-host session can provide them;
 * otherwise a password typed in the wizard is kept in memory for this run only (`session`). Nothing
 * is ever written to disk, so `canRemember` is false.
 */
export function createEnvSessionSecretStore(
  env: Record<string, string | undefined> = process.env,
): SecretStore {
  const session = createSessionPasswords()
  const fromEnv = (endpoint: EndpointId) => {
    const value = env[PASSWORD_ENV_VARS[endpoint]]
    return value !== undefined && value !== '' ? value : null
  }
  const sourceOf = async (endpoint: EndpointId, identity: string): Promise<PasswordSource> => {
    if (fromEnv(endpoint) !== null) return 'environment'
    return session.get(endpoint, identity) !== undefined ? 'session' : 'none'
  }
  return {
    canRemember: false,
    async lookup(endpoint, identity) {
      const environment = fromEnv(endpoint)
      if (environment !== null) return { password: environment, source: 'environment' }
      const typed = session.get(endpoint, identity)
      return typed === undefined ? null : { password: typed, source: 'session' }
    },
    sourceOf,
    async set(endpoint, identity, password) {
      session.set(endpoint, identity, password)
      return sourceOf(endpoint, identity)
    },
    async forget(endpoint, identity) {
      session.delete(endpoint, identity)
      return sourceOf(endpoint, identity)
    },
  }
}
