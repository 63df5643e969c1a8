import { PASSWORD_ENV_VARS } from '../../../shared/connections'
import { ENDPOINT_LABELS } from '../../../shared/connection-targets'
import type { EndpointId } from '../../../shared/project-schema'
import { ConnectionFailure } from './classify'

/** The failure of an endpoint the project has no profile for. */
export function noProfile(endpoint: EndpointId): ConnectionFailure {
  return new ConnectionFailure(
    'no_profile',
    `This project has no ${ENDPOINT_LABELS[endpoint]} connection yet.`,
    endpoint === 'couchdb'
      ? 'Fill in the CouchDB address and user, save, and test again.'
      : 'Fill in the host, port, database and user, save, and test again.',
  )
}

/**
 * The failure of a CouchDB profile with a user name but no password: never sent as an empty
 * one. (A PostgreSQL profile is tried without, see `postgresConfig`.)
 */
export function noPassword(endpoint: EndpointId, target: string): ConnectionFailure {
  return new ConnectionFailure(
    'no_password',
    `No password is known for ${target}.`,
    `Type the password and test again. Browser mode and the command line also read ${PASSWORD_ENV_VARS[endpoint]}.`,
  )
}

/**
 * The failure for a table the session user may not read: which grant is missing and the SQL an
 * administrator can run (read access only; the wizard never needs more).
 */
export function noReadAccess(
  user: string,
  schema: string,
  table: string,
  schemaUsage: boolean,
  serverLabel: string,
): ConnectionFailure {
  const missing = schemaUsage ? 'no SELECT on the table' : `no USAGE on schema ${schema}`
  return new ConnectionFailure(
    'permission',
    `The user “${user}” may not read ${schema}.${table} (${missing}).`,
    `Ask the database administrator for read access: GRANT USAGE ON SCHEMA ${schema} TO ${user}; GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${user};`,
    { serverLabel },
  )
}
