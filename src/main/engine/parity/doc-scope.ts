import type pg from 'pg'
import { CHT_DATABASES } from '../../../shared/cht-databases'
import { AppError, isAppError } from '../../../shared/result'
import { findRelations, relationIn } from '../db/catalog'
import {
  readTransaction,
  SESSION_PROFILES,
  type ReadOptions,
  type ReadTx,
} from '../db/read-transaction'
import { checkpoint, type CouchCheckpoint, type CouchSource } from './couch-source'
import { readCheckpointRows, type CheckpointRow } from './doc-progress'
import { COUCH2PG_TABLES, type Couch2pgTable, type RelationSpec } from './pg-relations'

/**
 * What document parity compares: which CouchDB databases each pipeline copies, where each keeps
 * them, and where each was (its checkpoints) when the run began.
 *
 * A pipeline copies a database when one of its progress rows names it (matched by database name:
 * the host in a row is how the pipeline reached CouchDB, rarely the wizard's address). couch2pg
 * releases without a `source` column say nothing, so its tables stand in for them. A database a
 * pipeline does not copy is "not synced" by that pipeline, never a pile of missing documents.
 */

/**
 * The couch2pg table a CouchDB database lands in (reference 1.4): couch2pg derives its database
 * names from `COUCHDB_URL` (`<db>`, `<db>-sentinel`, `<db>-users-meta`, `<db>-logs`, `_users`),
 * so the suffix decides, whatever the main database is called.
 */
export function couch2pgTableOf(database: string): Couch2pgTable {
  if (database === '_users') return 'couchdb_medic_users'
  if (database.endsWith('-users-meta')) return 'couchdb_users_meta'
  if (database.endsWith('-logs')) return 'couchdb_medic_logs'
  return 'couchdb'
}

/** What one pipeline copies. */
export interface PipelineScope {
  /** The databases it copies, each with the progress rows naming it (none: assumed). */
  databases: Map<string, CheckpointRow[]>
  /** Progress rows naming a database CouchDB does not have (a typo such as `medic_sentinel`). */
  strays: CheckpointRow[]
  /** A sentence when what it copies was assumed rather than read. */
  note: string | null
}

/** The CouchDB side: the databases read, with where each stood at the start. */
export interface CouchScope {
  checkpoints: Map<string, CouchCheckpoint>
  /** Databases a progress row names that CouchDB does not have. */
  absent: string[]
  /** Databases this CouchDB user may not read, with the reason. */
  unreadable: Map<string, string>
}

export interface DocScope {
  couch: CouchScope
  old: { spec: Extract<RelationSpec, { kind: 'couch2pg' }>; pipeline: PipelineScope }
  new: { spec: Extract<RelationSpec, { kind: 'cht-sync' }>; pipeline: PipelineScope }
}

/** couch2pg's side as found: the schema of its tables, which of them it has, its progress rows. */
export interface OldRead {
  schema: string
  tables: Couch2pgTable[]
  rows: CheckpointRow[]
}

/**
 * couch2pg's tables wherever they are (its default schema, normally `public`) and its progress
 * rows, in one read-only transaction. Also used by the pipeline checks.
 */
export async function readOld(pool: pg.Pool, options: ReadOptions): Promise<OldRead> {
  return readTransaction(pool, options, readOldIn)
}

/** `readOld` within a transaction the caller opened (the checks' `ctx.read`). */
export async function readOldIn(tx: ReadTx): Promise<OldRead> {
  const found = await findRelations(tx, [...COUCH2PG_TABLES, 'couchdb_progress'], null)
  const main = found.find((r) => r.name === 'couchdb' && r.canSelect)
  const schema = main?.schema ?? found.find((r) => r.canSelect)?.schema ?? 'public'
  const tables = COUCH2PG_TABLES.filter((t) => relationIn(found, schema, t)?.canSelect)
  const rows = await readCheckpointRows(tx, relationIn(found, schema, 'couchdb_progress'))
  return { schema, tables, rows }
}

async function readNew(
  pool: pg.Pool,
  chtSync: { schema: string; table: string },
  options: ReadOptions,
) {
  return readTransaction(pool, options, async (tx) => {
    const found = await findRelations(tx, [chtSync.table, 'couchdb_progress'], chtSync.schema)
    const raw = relationIn(found, chtSync.schema, chtSync.table)
    if (!raw?.canSelect || !raw.columns.includes('_id') || !raw.columns.includes('doc')) {
      throw new AppError(
        'BAD_REQUEST',
        raw
          ? `The CHT Sync table ${chtSync.schema}.${chtSync.table} cannot be read as a raw table (it needs SELECT and the columns _id and doc).`
          : `The CHT Sync database has no table ${chtSync.schema}.${chtSync.table}: check the schema and table on the Connections page (POSTGRES_SCHEMA, POSTGRES_TABLE).`,
      )
    }
    const rows = await readCheckpointRows(tx, relationIn(found, chtSync.schema, 'couchdb_progress'))
    return { hasSource: raw.columns.includes('source'), rows }
  })
}

const byDatabase = (rows: readonly CheckpointRow[]) => {
  const out = new Map<string, CheckpointRow[]>()
  for (const row of rows) {
    if (row.database === null) continue
    out.set(row.database, [...(out.get(row.database) ?? []), row])
  }
  return out
}

/**
 * The checkpoint of each named CouchDB database; a database CouchDB does not have is `absent`, one
 * this user may not read `unreadable`; any other failure is thrown. Also used by the pipeline checks.
 */
export async function readCouch(source: CouchSource, names: Iterable<string>): Promise<CouchScope> {
  const scope: CouchScope = { checkpoints: new Map(), absent: [], unreadable: new Map() }
  for (const db of new Set(names)) {
    try {
      scope.checkpoints.set(db, await checkpoint(source, db))
    } catch (e) {
      const kind = isAppError(e) ? e.details?.kind : undefined
      if (kind === 'missing_database') scope.absent.push(db)
      else if (kind === 'permission' || kind === 'auth')
        scope.unreadable.set(db, e instanceof Error ? e.message : String(e))
      else throw e
    }
  }
  return scope
}

/**
 * Reads the scope of a document parity run: both pipelines' tables and progress rows, then the
 * checkpoint of every CouchDB database either copies (or, for a pipeline whose progress names
 * none, every CHT database). Read-only, bounded, cancellable through `options.signal`.
 */
export async function readDocScope(input: {
  couch: CouchSource
  pools: { old: pg.Pool; new: pg.Pool }
  chtSync: { schema: string; table: string }
  options?: ReadOptions
}): Promise<DocScope> {
  const options = input.options ?? SESSION_PROFILES.probe
  const [old, neu] = await Promise.all([
    readOld(input.pools.old, options),
    readNew(input.pools.new, input.chtSync, options),
  ])
  const oldNamed = byDatabase(old.rows)
  const newNamed = byDatabase(neu.rows)
  const assumeOld = oldNamed.size === 0
  const assumeNew = newNamed.size === 0
  const candidates = [
    ...oldNamed.keys(),
    ...newNamed.keys(),
    ...(assumeOld || assumeNew ? CHT_DATABASES : []),
  ]
  const couch = await readCouch(input.couch, candidates)

  const scope = (
    named: Map<string, CheckpointRow[]>,
    assumed: boolean,
    copies: (db: string) => boolean,
    note: string,
  ): PipelineScope => {
    const databases = new Map<string, CheckpointRow[]>()
    const strays: CheckpointRow[] = []
    for (const [db, rows] of named) {
      if (couch.absent.includes(db)) strays.push(...rows)
      else if (couch.checkpoints.has(db) && copies(db)) databases.set(db, rows)
    }
    if (assumed) {
      for (const db of couch.checkpoints.keys()) if (copies(db)) databases.set(db, [])
    }
    return { databases, strays, note: assumed ? note : null }
  }
  const tables = new Set<string>(old.tables)
  return {
    couch,
    old: {
      spec: { kind: 'couch2pg', schema: old.schema, tables: old.tables },
      pipeline: scope(
        oldNamed,
        assumeOld,
        (db) => tables.has(couch2pgTableOf(db)),
        'couch2pg’s progress table names no database (releases before 2018 keep no source), so the databases were taken from the tables it has.',
      ),
    },
    new: {
      spec: { kind: 'cht-sync', ...input.chtSync, hasSource: neu.hasSource },
      pipeline: scope(
        newNamed,
        assumeNew,
        () => true,
        'CHT Sync’s progress table names no database, so every CHT database CouchDB has was compared.',
      ),
    },
  }
}
