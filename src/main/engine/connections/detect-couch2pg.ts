import type pg from 'pg'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type { Couch2pgFacts } from '../../../shared/results/connection-result'
import {
  findRelations,
  hasColumns,
  relationIn,
  rowCounts,
  serverInfo,
  type Relation,
} from '../db/catalog'
import { qualified } from '../db/identifiers'
import { readTransaction, type ReadOptions, type ReadTx } from '../db/read-transaction'
import { ConnectionFailure } from './classify'
import type { Detection } from './detection'
import { noReadAccess } from './failures'
import { readProgressRows } from './progress-rows'

/** The tables cht-couch2pg writes (reference 1.4–1.5), in its default schema. */
export const COUCH2PG_TABLES = [
  'couchdb',
  'couchdb_progress',
  'couchdb_users_meta',
  'couchdb_medic_logs',
  'couchdb_medic_users',
] as const

/** Postgrator's tables, one per migration set; their newest version tells the release. */
export const COUCH2PG_MIGRATION_TABLES = [
  'couch2pg_migrations',
  'xmlforms_migrations',
  'users_meta_migrations',
] as const
export type MigrationTable = (typeof COUCH2PG_MIGRATION_TABLES)[number]

/**
 * The cht-couch2pg release implied by the newest migration applied in each set, or null when no
 * set says anything. The thresholds are the first migration each release shipped (read from the
 * medic/cht-couch2pg tags): 202607231200 in 3.7.0; 202304140052 (users-meta) and 202306151746
 * (xmlforms) in 3.6; 202105171933 in 3.3; 202104281912 and 202102191153 in 3.2; 201905081221 in 3.1.
 */
export function couch2pgRelease(
  versions: Partial<Record<MigrationTable, number | null>>,
): string | null {
  const xmlforms = versions.xmlforms_migrations ?? 0
  const usersMeta = versions.users_meta_migrations ?? 0
  if (usersMeta >= 202607231200) return '3.7'
  if (usersMeta >= 202304140052 || xmlforms >= 202306151746) return '3.6.x'
  if (usersMeta >= 202105171933) return '3.3 – 3.5'
  if (xmlforms >= 202104281912 || usersMeta >= 202102191153) return '3.2'
  if (xmlforms >= 201905081221) return '3.1'
  if (xmlforms > 0) return '1.2 – 3.0'
  return null
}

/**
 * The cht-couch2pg release implied by which of its tables exist, for databases without migration
 * tables (many real ones): `couchdb_medic_logs` or `couchdb_medic_users` came with 3.6;
 * `couchdb_users_meta` with 3.2; `couchdb` (and `couchdb_progress`) alone is older. Null without
 * a `couchdb` table.
 */
export function couch2pgReleaseFromTables(tables: readonly string[]): string | null {
  const has = (name: string) => tables.includes(name)
  if (!has('couchdb')) return null
  if (has('couchdb_medic_logs') || has('couchdb_medic_users')) return '3.6 or later'
  if (has('couchdb_users_meta')) return '3.2 – 3.5'
  return 'before 3.2'
}

/** couch2pg's `couchdb` table has one column, `doc`; CHT Sync's has `_id` and more. */
const isCouch2pgTable = (r: Relation) =>
  r.name === 'couchdb' && hasColumns(r, 'doc') && !r.columns.includes('_id')
const isChtSyncTable = (r: Relation) => r.name === 'couchdb' && hasColumns(r, '_id', 'doc')

/** The schema couch2pg most likely wrote to: the session's default, then public, then any. */
function pickSchema(candidates: string[], current: string | null): string | null {
  if (current && candidates.includes(current)) return current
  if (candidates.includes('public')) return 'public'
  return candidates[0] ?? null
}

async function maxVersion(tx: ReadTx, relation: Relation): Promise<number | null> {
  if (!relation.canSelect || !relation.schemaUsage || !hasColumns(relation, 'version')) return null
  const { rows } = await tx.query<{ max: string | null }>(
    `SELECT max(version)::text AS max FROM ${qualified(relation.schema, relation.name)}`,
  )
  const value = Number(rows[0]?.max)
  return Number.isSafeInteger(value) && value > 0 ? value : null
}

const short = (text: string) => clipText(text, TEXT_LIMITS.short)

/**
 * Read-only probes of the couch2pg database (reference section 10), in one transaction through
 * the gate.
 *
 * Finds couch2pg's `couchdb (doc jsonb)` table in any schema (preferring the session's default),
 * refuses a database without it (`not_couch2pg`, saying when it is CHT Sync's) or one whose table
 * this user may not read (`permission`), then reads the release level from the migration tables,
 * (or, without them, from which tables exist), the row count of each couch2pg table (exact
 * where the planner knows little or the table is small, an estimate otherwise) and the progress
 * rows per source (`host:port/db`, its database and sequence).
 */
export async function detectCouch2pg(
  pool: pg.Pool,
  options: ReadOptions,
): Promise<Detection<Couch2pgFacts>> {
  return readTransaction(pool, options, async (tx) => {
    const info = await serverInfo(tx)
    const names = [...COUCH2PG_TABLES, ...COUCH2PG_MIGRATION_TABLES]
    const relations = await findRelations(tx, names, null)
    const schema = pickSchema(
      relations.filter(isCouch2pgTable).map((r) => r.schema),
      info.schema,
    )
    if (!schema) {
      const chtSync = relations.find(isChtSyncTable)
      throw new ConnectionFailure(
        'not_couch2pg',
        chtSync
          ? `“${info.database}” is not a couch2pg database: ${short(chtSync.schema)}.couchdb is a CHT Sync raw table, and there is no couch2pg “couchdb (doc)” table.`
          : `“${info.database}” has no couch2pg tables (no “couchdb” table with a “doc” column): it is not the couch2pg database.`,
        'Choose the database couch2pg writes to: the one in its POSTGRESQL_URL (or POSTGRES_DB_NAME in Docker).',
        { serverLabel: info.label, looksLike: chtSync ? 'cht-sync' : 'postgresql' },
      )
    }
    const inSchema = relations.filter((r) => r.schema === schema)
    const main = relationIn(inSchema, schema, 'couchdb') as Relation
    if (!main.schemaUsage || !main.canSelect) {
      throw noReadAccess(info.user, short(schema), 'couchdb', main.schemaUsage, info.label)
    }

    const migrations: Couch2pgFacts['migrations'] = []
    const versions: Partial<Record<MigrationTable, number | null>> = {}
    for (const table of COUCH2PG_MIGRATION_TABLES) {
      const relation = relationIn(inSchema, schema, table)
      if (!relation) continue
      versions[table] = await maxVersion(tx, relation)
      migrations.push({ table, latest: versions[table] ?? null })
    }

    const present = COUCH2PG_TABLES.flatMap((name) => {
      const relation = relationIn(inSchema, schema, name)
      return relation ? [relation] : []
    })
    const counts = await rowCounts(tx, present)
    const progress = relationIn(inSchema, schema, 'couchdb_progress')
    const read = progress ? await readProgressRows(tx, progress) : { rows: [], truncated: false }
    const fromMigrations = couch2pgRelease(versions)
    const fromTables = couch2pgReleaseFromTables(present.map((r) => r.name))
    const facts: Couch2pgFacts = {
      endpoint: 'couch2pg',
      server: { version: info.version, database: info.database, user: info.user },
      schema: short(schema),
      release: fromMigrations ?? fromTables,
      releaseFrom: fromMigrations ? 'migrations' : fromTables ? 'tables' : null,
      migrations,
      tables: present.map((r, i) => ({
        name: r.name,
        rows: counts[i]?.rows ?? null,
        exact: counts[i]?.exact ?? false,
      })),
      progress: {
        table: progress !== undefined,
        sources: read.rows.map((r) => r.source),
        bySource: read.rows,
        truncated: read.truncated,
      },
    }
    return { serverLabel: info.label, facts }
  })
}
