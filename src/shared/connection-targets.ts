import type { ChtSyncProfile, CouchdbProfile, EndpointId, PostgresProfile } from './project-schema'

/**
 * Names and display forms of the three endpoints, shared by the engine, the renderer and the CLI
 * so that a connection is called the same everywhere.
 *
 * A display target never holds a password (SEC-09): CouchDB is shown as its URL, PostgreSQL as
 * `postgres://user@host:port/database`.
 */
export const ENDPOINT_LABELS: Record<EndpointId, string> = {
  couchdb: 'CHT CouchDB',
  couch2pg: 'couch2pg PostgreSQL',
  chtSync: 'CHT Sync PostgreSQL',
}

/** The checklist item that the connection results belong to. */
export const CONNECTIONS_ITEM_ID = 'plan.connections'

/** The key and `checkId` under which each endpoint's latest test is stored in the project. */
export const CONNECTION_CHECK_IDS: Record<EndpointId, string> = {
  couchdb: 'connection.couchdb',
  couch2pg: 'connection.couch2pg',
  chtSync: 'connection.chtSync',
}

/** CHT Sync's defaults for `POSTGRES_SCHEMA` and `POSTGRES_TABLE`. */
export const CHT_SYNC_DEFAULT_SCHEMA = 'v1'
export const CHT_SYNC_DEFAULT_TABLE = 'couchdb'

/** A CouchDB URL without a trailing slash; credentials cannot be in it (the schema refuses them). */
export const couchBaseUrl = (profile: CouchdbProfile): string => profile.url.replace(/\/+$/, '')

/**
 * `postgres://user@host:port/database`, with an IPv6 host in brackets, and a Unix socket folder
 * as libpq writes it (`postgres://user@:5432/database?host=/var/run/postgresql`).
 */
export function postgresTarget(profile: PostgresProfile): string {
  const user = encodeURIComponent(profile.user)
  const database = encodeURIComponent(profile.database)
  if (profile.host.startsWith('/')) {
    return `postgres://${user}@:${profile.port}/${database}?host=${profile.host}`
  }
  const host = profile.host.includes(':') ? `[${profile.host}]` : profile.host
  return `postgres://${user}@${host}:${profile.port}/${database}`
}

/** How a profile is shown in reports and stored results. */
export function describeTarget(
  endpoint: EndpointId,
  profile: CouchdbProfile | PostgresProfile | ChtSyncProfile,
): string {
  if (endpoint === 'couchdb') return couchBaseUrl(profile as CouchdbProfile)
  return postgresTarget(profile as PostgresProfile)
}
