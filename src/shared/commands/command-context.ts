import { CHT_DATABASES, isChtDatabase } from '../cht-databases'
import { postgresTarget } from '../connection-targets'
import type { ChtSyncProfile, PostgresProfile } from '../project-schema'
import type { ChtSyncEra } from '../results/connection-result'
import { connectionContextOf } from '../results/connection-context'
import { syncCoverage } from '../results/sync-coverage'
import type { CommandSource } from './command-types'

/**
 * What the command generators need, read once from the project: the CouchDB address split the
 * way CHT Sync's `.env` asks for it, the two PostgreSQL profiles, the databases to sync and what
 * the connection tests learnt. Every part is null where the project does not know it yet.
 */

/** The CHT CouchDB as CHT Sync's `COUCHDB_HOST`, `COUCHDB_PORT`, `COUCHDB_SECURE` see it. */
export interface CouchAddress {
  host: string
  port: number
  secure: boolean
  user: string
  /** A path after the host (`/couchdb`): CHT Sync cannot take one. */
  path: string | null
  /** True for 127.0.0.1, ::1 or localhost: inside a container that is the container itself. */
  loopback: boolean
  /** The address without scheme, `www.` and trailing slash: Watchdog's instance name. */
  instanceName: string
}

/** Where the databases to sync came from. */
export type DatabasesFrom = 'couch2pg' | 'couchdb' | 'default'

export interface CommandContext {
  couch: CouchAddress | null
  couch2pg: PostgresProfile | null
  chtSync: ChtSyncProfile | null
  /** The CouchDB databases CHT Sync should copy (`COUCHDB_DBS`), and why these. */
  databases: { names: string[]; from: DatabasesFrom }
  /** The schema of couch2pg's tables and which of them exist; null until tested. */
  couch2pgTables: { schema: string; tables: string[] } | null
  /** The raw table's era; null until tested. */
  chtSyncEra: ChtSyncEra | null
  /** The host CHT Sync writes into `source` (`cht_instance` of its metrics); null when unseen. */
  chtSyncHost: string | null
  /** True when couch2pg and CHT Sync live in the same database (one query can compare them). */
  sameDatabase: boolean
  watchdogUrl: string | null
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i

/** The CouchDB profile split into CHT Sync's parts; null for an address that does not parse. */
export function couchAddress(url: string, user: string): CouchAddress | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  const secure = parsed.protocol === 'https:'
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  const path = parsed.pathname.replace(/\/+$/, '')
  return {
    host,
    port: parsed.port === '' ? (secure ? 443 : 80) : Number(parsed.port),
    secure,
    user,
    path: path === '' ? null : path,
    loopback: LOOPBACK.test(host),
    instanceName: `${parsed.host}${path}`.replace(/^www\./i, ''),
  }
}

/** True when `host` is the machine itself (a container would reach itself instead). */
export const isLoopback = (host: string): boolean => LOOPBACK.test(host)

function databasesToSync(source: CommandSource): CommandContext['databases'] {
  const facts = connectionContextOf(source.results)
  const coverage = syncCoverage(facts.couchdb, facts.couch2pg, null)
  const copied = coverage.rows
    .filter((r) => r.couch2pg.state === 'copies' && isChtDatabase(r.database))
    .filter((r) => r.couchdb.state !== 'absent')
    .map((r) => r.database)
  if (copied.length > 0) return { names: copied, from: 'couch2pg' }
  const analytics = ['medic', 'medic-sentinel', 'medic-users-meta']
  const present = (facts.couchdb?.databases ?? [])
    .filter((d) => d.state === 'present' && analytics.includes(d.name))
    .map((d) => d.name)
  if (present.length > 0) {
    return { names: CHT_DATABASES.filter((n) => present.includes(n)), from: 'couchdb' }
  }
  return { names: ['medic', 'medic-sentinel'], from: 'default' }
}

const sameDatabase = (a: PostgresProfile | null, b: PostgresProfile | null): boolean =>
  a !== null && b !== null && postgresTarget(a) === postgresTarget(b)

/** Reads what the generators need from the project. */
export function commandContext(source: CommandSource): CommandContext {
  const { couchdb, couch2pg, chtSync } = source.connections
  const facts = connectionContextOf(source.results)
  const hosts = (facts.chtSync?.progress.state === 'read' ? facts.chtSync.progress.bySource : [])
    .map((r) => r.source.split('/')[0] ?? '')
    .filter((h) => h !== '')
  return {
    couch: couchdb ? couchAddress(couchdb.url, couchdb.username) : null,
    couch2pg,
    chtSync,
    databases: databasesToSync(source),
    couch2pgTables: facts.couch2pg
      ? { schema: facts.couch2pg.schema, tables: facts.couch2pg.tables.map((t) => t.name) }
      : null,
    chtSyncEra: facts.chtSync?.era ?? null,
    chtSyncHost: hosts[0] ?? null,
    sameDatabase: sameDatabase(couch2pg, chtSync),
    watchdogUrl: source.checks.watchdogUrl,
  }
}
