import type {
  ChtSyncProfile,
  CouchdbProfile,
  EndpointId,
  PostgresProfile,
} from '../../../shared/project-schema'
import { profileIdentity, type SecretStore } from './secret-store'

/** Where a test may take its password from: typed with the request, else the secret store. */
export interface PasswordRequest {
  /** Typed by the person for this test (empty means none). */
  typed?: string | null
  /** The keychain (Electron) or the environment and session (browser mode, CLI), SEC-09. */
  secrets?: SecretStore | null
}

/**
 * The password to use for an endpoint's profile: the one typed with the request, else the one the
 * secret store has for this profile's identity (server, database, user: a password typed for one
 * server is never sent to another), else null, which is no error by itself: a PostgreSQL server
 * may need none (trust, `.pgpass`, a client certificate), and CouchDB may allow anonymous reads.
 */
export async function passwordFor(
  endpoint: EndpointId,
  profile: CouchdbProfile | PostgresProfile | ChtSyncProfile,
  request: PasswordRequest = {},
): Promise<string | null> {
  const typed = request.typed ?? ''
  if (typed !== '') return typed
  if (!request.secrets) return null
  const stored = await request.secrets.lookup(endpoint, profileIdentity(endpoint, profile))
  return stored && stored.password !== '' ? stored.password : null
}
