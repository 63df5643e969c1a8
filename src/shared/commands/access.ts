import { couchBaseUrl } from '../connection-targets'
import { quoteLiteral } from '../sql/quote'
import { commandContext } from './command-context'
import type { CommandBlock, CommandSource } from './command-types'
import { psqlCommand } from './parity-blocks'
import { chtSyncNames, onChtSync } from './sync-sql'
import { shellQuote } from './quoting'

/**
 * Checks by hand that CHT Sync's accounts reach what they need: CouchDB's databases with the
 * CouchDB user, PostgreSQL with a user that may create the schema, tables and indexes.
 */

/** `curl` of each database to sync, as the CouchDB user (curl asks for the password). */
export function couchAccessBlock(source: CommandSource): CommandBlock {
  const ctx = commandContext(source)
  const profile = source.connections.couchdb
  const base = profile ? couchBaseUrl(profile) : '<https://your-cht-address>'
  const user = profile?.username || '<user>'
  const lines = ctx.databases.names.map(
    (db) =>
      `curl -sS -u ${shellQuote(user)} ${shellQuote(`${base}/${encodeURIComponent(db)}`)}; echo`,
  )
  const missing = profile ? [] : ['No CHT CouchDB connection yet: the address is a placeholder.']
  if (ctx.databases.from === 'default') {
    missing.push('The databases are the usual pair until the CouchDB connection is tested.')
  }
  return {
    id: 'couchdb-access',
    title: 'Can the CouchDB user read each database?',
    language: 'shell',
    purpose:
      'Run from the server CHT Sync will run on; curl asks for the password each time. Each answer should show a doc_count, not an error.',
    text: ['# One line per database in COUCHDB_DBS.', ...lines].join('\n'),
    missing,
  }
}

/** psql as CHT Sync's user, and what that user may create. */
export function postgresAccessBlocks(source: CommandSource): CommandBlock[] {
  const ctx = commandContext(source)
  const on = onChtSync(ctx)
  const n = chtSyncNames(ctx)
  const blocks: CommandBlock[] = []
  if (ctx.chtSync) {
    blocks.push({
      id: 'psql-cht-sync',
      title: 'Open psql on the CHT Sync database',
      language: 'shell',
      purpose:
        'Opens a read-only psql session; psql asks for the password (or reads ~/.pgpass). Change user= to POSTGRES_USER to check CHT Sync’s own account.',
      text: psqlCommand(ctx.chtSync).replace(' -X -A -t', ' -X'),
      missing: [],
    })
  }
  blocks.push({
    id: 'postgres-privileges',
    title: 'May this user build the schema?',
    language: 'sql',
    purpose: `Run as CHT Sync’s POSTGRES_USER: every column should be true (or the schema already exists and is usable). ${on.where}`,
    text: [
      'SELECT current_user,',
      "       has_database_privilege(current_database(), 'CREATE') AS can_create_schemas,",
      `       (SELECT has_schema_privilege(oid, 'CREATE') FROM pg_namespace WHERE nspname = ${quoteLiteral(n.schema)})`,
      '         AS can_create_in_schema,',
      `       to_regclass(${quoteLiteral(n.raw)}) IS NOT NULL AS raw_table_exists;`,
    ].join('\n'),
    missing: on.missing,
  })
  return blocks
}
