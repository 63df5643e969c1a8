import { z } from 'zod'

/**
 * The kinds of failure "Test connection" tells apart, so the person knows what to do next
 * (`not_postgresql`: the port of a PostgreSQL profile is some other server). The typed result of
 * a test is in results/connection-result.ts; nothing there ever holds a password.
 */
export const CONNECTION_ERROR_KINDS = [
  'dns',
  'refused',
  'timeout',
  'tls',
  'auth',
  'missing_database',
  'permission',
  'not_couchdb',
  'not_couch2pg',
  'not_cht_sync',
  'not_postgresql',
  'no_profile',
  'no_password',
  'other',
] as const
export const connectionErrorKindSchema = z.enum(CONNECTION_ERROR_KINDS)
export type ConnectionErrorKind = z.infer<typeof connectionErrorKindSchema>

/** Where the password of an endpoint comes from in this process (SEC-09); never the value. */
export const PASSWORD_SOURCES = ['keychain', 'session', 'environment', 'none'] as const
export const passwordSourceSchema = z.enum(PASSWORD_SOURCES)
export type PasswordSource = z.infer<typeof passwordSourceSchema>

/** The environment variables browser mode and the CLI read passwords from (SEC-09). */
export const PASSWORD_ENV_VARS = {
  couchdb: 'CHT_MIGRATE_COUCHDB_PASSWORD',
  couch2pg: 'CHT_MIGRATE_COUCH2PG_PASSWORD',
  chtSync: 'CHT_MIGRATE_CHTSYNC_PASSWORD',
} as const
