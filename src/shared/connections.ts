import { z } from 'zod'
import { endpointIdSchema } from './project-schema'

/**
 * What "Test connection" reports, per endpoint.
 *
 * A failure is classified so the person knows what to do next; nothing here ever holds a
 * password (the `target` is shown as `postgres://user@host:port/db` or the CouchDB URL).
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
  'no_profile',
  'no_password',
  'other',
] as const
export const connectionErrorKindSchema = z.enum(CONNECTION_ERROR_KINDS)
export type ConnectionErrorKind = z.infer<typeof connectionErrorKindSchema>

export const connectionFactSchema = z.object({ label: z.string(), value: z.string() })
export type ConnectionFact = z.infer<typeof connectionFactSchema>

export const connectionReportSchema = z.object({
  endpoint: endpointIdSchema,
  ok: z.boolean(),
  testedAt: z.string(),
  durationMs: z.number(),
  target: z.string(),
  serverVersion: z.string().nullable(),
  /** What was found, for people: "CHT databases: medic, medic-sentinel…", "Looks like: couch2pg 3.7". */
  found: z.array(connectionFactSchema),
  /** The same, for machines: e.g. `kind: 'couch2pg'`, `chtSyncEra: 'v2'`. */
  detected: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  error: z
    .object({ kind: connectionErrorKindSchema, message: z.string(), hint: z.string() })
    .nullable(),
})
export type ConnectionReport = z.infer<typeof connectionReportSchema>

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
