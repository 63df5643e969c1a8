import type { CheckDef } from '../check-types'
import { defineCheck } from '../define-check'
import { runCouchdbAccessCheck } from './couchdb-access'
import { runDockerCheck } from './docker-check'
import { runEnvDatabasesCheck } from './env-databases'
import { runPostgresAccessCheck } from './postgres-access'
import { runSchemaCollisionCheck } from './schema-collision'
import { runTlsCheck } from './tls-check'

/**
 * The checks that reach the servers CHT Sync's configuration names, as CHT Sync would: its
 * CouchDB databases and credentials, its PostgreSQL user's privileges, whether it would write
 * into couch2pg's tables, Docker on this computer, and which connections cross the network
 * without TLS. Passwords from the configuration are used for the connection only, never stored
 * or shown (SEC-09); every PostgreSQL session is read-only (SEC-12).
 */
export const ACCESS_CHECKS: CheckDef[] = [
  defineCheck('setup.env-databases', runEnvDatabasesCheck),
  defineCheck('setup.schema-collision', runSchemaCollisionCheck),
  defineCheck('setup.docker', runDockerCheck),
  defineCheck('setup.couchdb-access', runCouchdbAccessCheck),
  defineCheck('setup.postgres-access', runPostgresAccessCheck),
  defineCheck('production.tls', runTlsCheck),
]
