import {
  DEFAULT_DEMO_VARIANT,
  type DemoCouch2pgRelease,
  type DemoDiscrepancyMode,
  type DemoPipeline,
  type DemoVariant,
} from '../../../shared/demo'
import { AppError } from '../../../shared/result'
import type { ChtDatabase } from './generator/types'

/** The CouchDB databases of the demo's CHT instance, in the order they are created. */
export const DEMO_COUCH_DATABASES: readonly ChtDatabase[] = [
  'medic',
  'medic-sentinel',
  'medic-users-meta',
  'medic-logs',
  '_users',
]

/** The couch2pg table each CouchDB database lands in (reference 1.4). */
export const COUCH2PG_TABLES: Record<ChtDatabase, string> = {
  medic: 'couchdb',
  'medic-sentinel': 'couchdb',
  'medic-users-meta': 'couchdb_users_meta',
  'medic-logs': 'couchdb_medic_logs',
  _users: 'couchdb_medic_users',
}

/**
 * The CouchDB as each pipeline names it in its progress rows. On a real server neither is the
 * address the wizard uses: couch2pg runs beside CouchDB and reaches it on a private address,
 * CHT Sync through the CHT's public name. The demo does the same on purpose, so that the wizard
 * matches progress rows to databases by database name, never by host.
 */
export const COUCH2PG_COUCHDB_HOST = '192.168.20.4:5984'
export const CHT_SYNC_COUCHDB_HOST = 'cht-demo.example.org'

/** `host:port/db`, how couch2pg names a source (credentials stripped, port kept). */
export const couch2pgSource = (db: string) => `${COUCH2PG_COUCHDB_HOST}/${db}`
/** `host/db`, how CHT Sync names a source (the URL's hostname, no port). */
export const chtSyncSource = (db: string) => `${CHT_SYNC_COUCHDB_HOST}/${db}`

/**
 * CHT Sync's `COUCHDB_DBS` in the demo. The documented example once spelled the Sentinel
 * database `medic_sentinel`; the default demo's CHT Sync was first started that way, which left
 * the progress row of a database CouchDB does not have (see `STALE_CHT_SYNC_SOURCES`).
 */
const CHT_SYNC_DATABASES: readonly ChtDatabase[] = [
  'medic',
  'medic-sentinel',
  'medic-users-meta',
  'medic-logs',
]

/** Progress rows CHT Sync left for databases it could never read (the default demo only). */
export const STALE_CHT_SYNC_DATABASES: readonly string[] = ['medic_sentinel']

/** What the demo's pipelines sync, for one variant. */
export interface SyncPlan {
  variant: DemoVariant
  /** Databases couch2pg copies (its `SYNC_DB_*` switches and its release). */
  couch2pg: ReadonlySet<ChtDatabase>
  /** Databases CHT Sync copies (its `COUCHDB_DBS`). */
  chtSync: ReadonlySet<ChtDatabase>
  /** Progress rows of CHT Sync for databases CouchDB does not have. */
  staleChtSyncSources: readonly string[]
}

/**
 * The databases each pipeline syncs in a variant: couch2pg syncs `medic`, `medic-sentinel` and
 * `medic-users-meta`; from 3.6 also `medic-logs`, and `_users` when `SYNC_DB_USERS` is on (3.6
 * too: releases before it have neither table). CHT Sync syncs its `COUCHDB_DBS`, never `_users`.
 */
export function syncPlan(variant: DemoVariant = DEFAULT_DEMO_VARIANT): SyncPlan {
  const modern = variant.couch2pgRelease !== '3.5'
  const couch2pg: ChtDatabase[] = ['medic', 'medic-sentinel', 'medic-users-meta']
  if (modern) couch2pg.push('medic-logs')
  if (modern && variant.syncUsers) couch2pg.push('_users')
  return {
    variant,
    couch2pg: new Set(couch2pg),
    chtSync: new Set(CHT_SYNC_DATABASES),
    staleChtSyncSources:
      variant.discrepancies === 'injected' ? STALE_CHT_SYNC_DATABASES.map(chtSyncSource) : [],
  }
}

/** The manifest's account of what each pipeline syncs. */
export function describePipelines(plan: SyncPlan): {
  couch2pg: DemoPipeline
  chtSync: DemoPipeline
} {
  const pipeline = (
    host: string,
    dbs: ReadonlySet<ChtDatabase>,
    source: (db: string) => string,
    extra: readonly string[] = [],
  ): DemoPipeline => {
    const databases = DEMO_COUCH_DATABASES.filter((db) => dbs.has(db))
    const sources: Record<string, string> = {}
    for (const db of databases) sources[db] = source(db)
    for (const stale of extra) sources[stale.slice(stale.lastIndexOf('/') + 1)] = stale
    return { couchdbHost: host, databases, sources }
  }
  return {
    couch2pg: pipeline(COUCH2PG_COUCHDB_HOST, plan.couch2pg, couch2pgSource),
    chtSync: pipeline(CHT_SYNC_COUCHDB_HOST, plan.chtSync, chtSyncSource, plan.staleChtSyncSources),
  }
}

/** The variant a `demo.start` request asks for, defaults filled in. */
export function demoVariantOf(input: {
  discrepancies?: DemoDiscrepancyMode | undefined
  couch2pgRelease?: DemoCouch2pgRelease | undefined
  syncUsers?: boolean | undefined
}): DemoVariant {
  if (input.syncUsers && input.couch2pgRelease === '3.5') {
    throw new AppError(
      'BAD_REQUEST',
      'couch2pg syncs _users from release 3.6 on: leave out --sync-users, or use --couch2pg-release 3.7.',
    )
  }
  return {
    discrepancies: input.discrepancies ?? DEFAULT_DEMO_VARIANT.discrepancies,
    couch2pgRelease: input.couch2pgRelease ?? DEFAULT_DEMO_VARIANT.couch2pgRelease,
    syncUsers: input.syncUsers ?? DEFAULT_DEMO_VARIANT.syncUsers,
  }
}
