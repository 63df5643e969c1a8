import type {
  ChtSyncProfile,
  CouchdbProfile,
  EndpointId,
  PostgresProfile,
} from '../../../shared/project-schema'
import { secretKeyOf, type SecretStore } from './secret-store'

/** A secret store and the project whose passwords to read from it (SEC-09). */
export interface ProjectSecrets {
  store: SecretStore
  /** The open project document's id: a password is kept per project. */
  project: string
}

/** Where a test may take its password from: typed with the request, else the secret store. */
export interface PasswordRequest {
  /** Typed by the person for this test (empty means none). */
  typed?: string | null
  /** The keychain (Electron) or the environment and session (browser mode, CLI), SEC-09. */
  secrets?: ProjectSecrets | null
}

/**
 * The secret store with the open project's id, or null when no project is open: without a
 * project there is no password to keep or read. Take it together with the profiles it is for,
 * so a project replaced in between never lends its passwords to the other's profiles.
 */
export function projectSecrets(engine: {
  secrets: SecretStore
  project: { state: { document: { id: string } } | null }
}): ProjectSecrets | null {
  const state = engine.project.state
  return state ? { store: engine.secrets, project: state.document.id } : null
}

/**
 * The password to use for an endpoint's profile: the one typed with the request, else the one the
 * secret store has for this project and this profile's identity (server, database, user: a
 * password typed for one server is never sent to another), else null, which is no error by
 * itself: a PostgreSQL server may need none (trust, `.pgpass`, a client certificate), and CouchDB
 * may allow anonymous reads.
 */
export async function passwordFor(
  endpoint: EndpointId,
  profile: CouchdbProfile | PostgresProfile | ChtSyncProfile,
  request: PasswordRequest = {},
): Promise<string | null> {
  const typed = request.typed ?? ''
  if (typed !== '') return typed
  if (!request.secrets) return null
  const { store, project } = request.secrets
  const stored = await store.lookup(secretKeyOf(project, endpoint, profile))
  return stored && stored.password !== '' ? stored.password : null
}
