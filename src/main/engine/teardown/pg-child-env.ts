import type { PostgresProfile } from '../../../shared/project-schema'
import { APPLICATION_NAME } from '../db/pool-config'

/** How long pg_dump waits for the server to accept a connection (libpq's `connect_timeout`). */
export const TOOL_CONNECT_TIMEOUT_S = 10

/**
 * The environment of a PostgreSQL client tool run for a profile.
 *
 * The parent's environment is kept (PATH, HOME for `.pgpass`, locale), without any `PG*`
 * variable that would redirect the tool to another server or override the profile. The password
 * travels only here, as `PGPASSWORD`, never on the command line (SEC-09); TLS follows the
 * profile's mode (`PGSSLMODE`, libpq's own names for `require` and `verify-full`) and files.
 */
export function pgChildEnv(
  profile: PostgresProfile,
  password: string | null,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env = offlineEnv(base)
  env.PGAPPNAME = APPLICATION_NAME
  env.PGCONNECT_TIMEOUT = String(TOOL_CONNECT_TIMEOUT_S)
  env.PGSSLMODE = profile.ssl
  if (password !== null) env.PGPASSWORD = password
  const files = profile.sslFiles
  if (files?.ca) env.PGSSLROOTCERT = files.ca
  if (files?.cert) env.PGSSLCERT = files.cert
  if (files?.key) env.PGSSLKEY = files.key
  return env
}

/** The environment of a tool that talks to no server (`--version`, `pg_restore --list`). */
export function offlineEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(base)) {
    if (!/^PG/i.test(key)) env[key] = value
  }
  return env
}
