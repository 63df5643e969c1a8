import { CHT_SYNC_DEFAULT_SCHEMA, CHT_SYNC_DEFAULT_TABLE } from '../connection-targets'
import { commandContext, isLoopback, type CommandContext } from './command-context'
import { PASSWORD_PLACEHOLDER, type CommandBlock, type CommandSource } from './command-types'
import { envQuote } from './quoting'

/**
 * CHT Sync's Docker `.env` (v2: `env.template`, `docker-compose.yml`, reference 2.6) filled in
 * from the project's connections. Passwords are never written: each is a placeholder with a
 * comment, and no URL carries one. Values the project does not know are placeholders in angle
 * brackets, and the block lists what is missing.
 */

/** The Compose profile the file is for: `local` runs its own PostgreSQL and dbt on a folder. */
export type ComposeProfile = 'local' | 'production'

/** The docs' tuning defaults (`tuning-dbt.md`) and the interval of `env.template`, in seconds. */
export const DBT_DEFAULTS = { threads: 3, batchSize: 100_000, intervalSeconds: 5 } as const

/** The comment above a password placeholder. */
const PASSWORD_NOTE = (user: string) =>
  `# The password of ${user}, in single quotes if it holds $, # or a space. The wizard never writes passwords.`

const LOOPBACK_NOTE =
  '# Inside a container, this address is the container itself: use the server’s address, or host.docker.internal for a service on the Docker host.'

/** `NAME=value`, the value quoted for Compose; a placeholder when it cannot be written. */
function line(name: string, value: string): string {
  return `${name}=${envQuote(value) ?? `'<${name} cannot be written here: set it by hand>'`}`
}

function postgresLines(ctx: CommandContext, profile: ComposeProfile, missing: string[]): string[] {
  const p = ctx.chtSync
  if (!p) {
    missing.push(
      'No CHT Sync PostgreSQL connection yet: the POSTGRES_ values are placeholders. Add it under Connections.',
    )
  }
  const lines = ['# PostgreSQL: where CHT Sync writes']
  lines.push(line('POSTGRES_USER', p?.user ?? '<user>'))
  lines.push(PASSWORD_NOTE('POSTGRES_USER'))
  lines.push(`POSTGRES_PASSWORD=${PASSWORD_PLACEHOLDER}`)
  lines.push(line('POSTGRES_DB', p?.database ?? '<database>'))
  lines.push(line('POSTGRES_SCHEMA', p?.schema ?? CHT_SYNC_DEFAULT_SCHEMA))
  lines.push(line('POSTGRES_TABLE', p?.table ?? CHT_SYNC_DEFAULT_TABLE))
  if (profile === 'local') {
    lines.push('# The local profile starts its own PostgreSQL: the Compose service “postgres”.')
    lines.push('POSTGRES_HOST=postgres', 'POSTGRES_PORT=5432')
  } else {
    if (p && isLoopback(p.host)) lines.push(LOOPBACK_NOTE)
    if (p?.host.startsWith('/')) {
      lines.push('# The wizard reaches this database through a Unix socket: give its host name.')
      missing.push('The CHT Sync connection uses a Unix socket: POSTGRES_HOST needs a host name.')
    }
    lines.push(line('POSTGRES_HOST', p && !p.host.startsWith('/') ? p.host : '<host>'))
    lines.push(line('POSTGRES_PORT', String(p?.port ?? 5432)))
  }
  return lines
}

function couchLines(ctx: CommandContext, missing: string[]): string[] {
  const c = ctx.couch
  if (!c) {
    missing.push(
      'No CHT CouchDB connection yet: the COUCHDB_ values are placeholders. Add it under Connections.',
    )
  }
  const lines = ['', '# CouchDB: the CHT instance to copy']
  lines.push(line('COUCHDB_USER', c?.user || '<user>'))
  lines.push(PASSWORD_NOTE('COUCHDB_USER'))
  lines.push(`COUCHDB_PASSWORD=${PASSWORD_PLACEHOLDER}`)
  lines.push('# The real database names, comma-separated (medic-sentinel with a hyphen).')
  if (ctx.databases.from === 'default') {
    lines.push('# The usual pair: test the CouchDB connection to list the databases you have.')
    missing.push('The databases to sync are the usual pair until the CouchDB connection is tested.')
  } else if (ctx.databases.from === 'couch2pg') {
    lines.push('# The databases couch2pg copies today, so the old dashboards find their data.')
  }
  lines.push(line('COUCHDB_DBS', ctx.databases.names.join(',')))
  if (c?.loopback) lines.push(LOOPBACK_NOTE)
  lines.push('# A host name only, without https://')
  lines.push(line('COUCHDB_HOST', c?.host ?? '<host>'))
  if (c?.path) {
    lines.push(
      `# CHT Sync cannot reach CouchDB under a path (${c.path}): give it a host of its own.`,
    )
    missing.push(`The CouchDB address has a path (${c.path}), which CHT Sync cannot use.`)
  }
  if (c && !c.secure && c.port !== 5984) {
    lines.push(
      '# A CHT behind nginx answers on 443 with COUCHDB_SECURE=true; 5984 is bare CouchDB.',
    )
  }
  lines.push(line('COUCHDB_PORT', String(c?.port ?? 443)))
  lines.push('# Set it either way: Docker Compose takes true when it is missing.')
  lines.push(`COUCHDB_SECURE=${c ? String(c.secure) : 'true'}`)
  return lines
}

function dbtLines(profile: ComposeProfile, missing: string[]): string[] {
  const lines = ['', '# dbt']
  if (profile === 'local') {
    lines.push('# The folder of your dbt project on this machine (the local profile mounts it).')
    lines.push(line('DBT_LOCAL_PATH', '<path to your dbt project>'))
    missing.push('DBT_LOCAL_PATH: the folder of your dbt project is not known to the wizard.')
  } else {
    lines.push('# Your dbt project’s git address and #branch or tag; a private repository needs')
    lines.push('# an access token, which you add yourself: the wizard never writes it.')
    lines.push(
      line('CHT_PIPELINE_BRANCH_URL', '<https://github.com/your-org/your-models.git#main>'),
    )
    missing.push('CHT_PIPELINE_BRANCH_URL: the git address of your dbt project.')
  }
  lines.push('# Seconds between dbt runs (not minutes).')
  lines.push(`DATAEMON_INTERVAL=${DBT_DEFAULTS.intervalSeconds}`)
  lines.push('# DBT_THREAD_COUNT, not DBT_THREADS: the name CHT Sync reads.')
  lines.push(`DBT_THREAD_COUNT=${DBT_DEFAULTS.threads}`)
  lines.push(`DBT_BATCH_SIZE=${DBT_DEFAULTS.batchSize}`)
  return lines
}

/** The `.env` of CHT Sync v2 for `profile`, from the project's connections. */
export function chtSyncEnvBlock(source: CommandSource, profile: ComposeProfile): CommandBlock {
  const ctx = commandContext(source)
  const missing: string[] = []
  const text = [
    `# CHT Sync .env for the ${profile} profile, made by cht-migrate. Passwords are yours to add.`,
    'COMPOSE_PROJECT_NAME=cht-sync',
    '',
    ...postgresLines(ctx, profile, missing),
    ...couchLines(ctx, missing),
    ...dbtLines(profile, missing),
  ].join('\n')
  return {
    id: `cht-sync-env-${profile}`,
    title: `CHT Sync .env (${profile} profile)`,
    language: 'env',
    purpose:
      'Save as .env in your clone of cht-sync (beside docker-compose.yml), then replace each <set this> with the password.',
    text,
    missing,
  }
}
