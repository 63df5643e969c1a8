import type pg from 'pg'
import type { ChtSyncProfile, PostgresProfile } from '../../../shared/project-schema'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type {
  ChtSyncEra,
  ChtSyncFacts,
  ChtSyncProgressFact,
} from '../../../shared/results/connection-result'
import { findRelations, hasColumns, relationIn, serverInfo, type Relation } from '../db/catalog'
import { qualified } from '../db/identifiers'
import { readTransaction, type ReadOptions, type ReadTx } from '../db/read-transaction'
import { ConnectionFailure } from './classify'
import type { Detection } from './detection'
import { noReadAccess } from './failures'
import { readProgressRows } from './progress-rows'
import { countRawTable } from './raw-count'
import { sameDatabase, type SameDatabaseOptions } from './same-database'

/**
 * The era of a raw table from its columns (reference 2.1): `source` ⇒ v2; `_deleted` without
 * `source` ⇒ 1.x; `@timestamp` or `_rev` ⇒ the Logstash era; `_id` and `doc` alone ⇒ the couch2pg
 * service before deletes were kept. Null when the columns are not a CHT Sync raw table at all.
 */
export function rawTableEra(columns: readonly string[]): ChtSyncEra | null {
  const has = (c: string) => columns.includes(c)
  if (has('@timestamp') || has('_rev')) return 'logstash'
  if (!has('_id') || !has('doc')) return null
  if (has('source')) return 'v2'
  if (has('_deleted')) return 'v1'
  return 'pre-1.0'
}

const short = (text: string) => clipText(text, TEXT_LIMITS.short)
const iso = (value: Date | string | null | undefined): string | null => {
  if (value === null || value === undefined) return null
  const time = new Date(value).getTime()
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

async function progressFact(
  tx: ReadTx,
  progress: Relation | undefined,
): Promise<ChtSyncProgressFact> {
  if (!progress) return { state: 'absent' }
  if (!progress.canSelect || !progress.schemaUsage) return { state: 'unreadable' }
  const table = qualified(progress.schema, progress.name)
  const modern = hasColumns(progress, 'pending', 'updated_at')
  const { rows: bySource } = await readProgressRows(tx, progress)
  if (!modern) {
    const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
    return {
      state: 'read',
      sources: rows[0]?.n ?? 0,
      pending: null,
      updatedAt: null,
      monitoringColumns: false,
      bySource,
    }
  }
  const { rows } = await tx.query<{ n: number; pending: string | null; updated: Date | null }>(
    `SELECT count(*)::int AS n, sum(pending)::text AS pending, max(updated_at) AS updated
       FROM ${table}`,
  )
  const row = rows[0]
  const pending = row?.pending === null || row?.pending === undefined ? null : Number(row.pending)
  return {
    state: 'read',
    sources: row?.n ?? 0,
    pending: pending !== null && Number.isFinite(pending) && pending >= 0 ? pending : null,
    updatedAt: iso(row?.updated),
    monitoringColumns: true,
    bySource,
  }
}

async function latestDbtRun(tx: ReadTx, results: Relation): Promise<ChtSyncFacts['dbtLastRun']> {
  if (!results.canSelect || !results.schemaUsage) return null
  if (!hasColumns(results, 'invocation_id', 'status', 'end_time')) return null
  const table = qualified(results.schema, results.name)
  // dbt's statuses: models success/error/skipped, tests pass/fail/warn/error. A test's `warn` is
  // its configured severity, not a failure.
  const { rows } = await tx.query<{ ended: Date | null; total: number; failed: number }>(
    `SELECT max(end_time) AS ended, count(*)::int AS total,
            count(*) FILTER (WHERE status NOT IN ('success', 'pass', 'skipped', 'warn'))::int
              AS failed
       FROM ${table}
      WHERE invocation_id = (SELECT invocation_id FROM ${table}
                              ORDER BY end_time DESC NULLS LAST LIMIT 1)`,
  )
  const row = rows[0]
  // A readable table without a run is "none recorded": zero results, not null (unknown).
  if (!row || row.total === 0) return { endedAt: null, results: 0, failed: 0 }
  return { endedAt: iso(row.ended), results: row.total, failed: row.failed }
}

function notChtSync(
  profile: ChtSyncProfile,
  database: string,
  relations: Relation[],
  serverLabel: string,
  clash: boolean,
): ConnectionFailure {
  const wanted = short(`${profile.schema}.${profile.table}`)
  const here = relationIn(relations, profile.schema, profile.table)
  const couch2pg = relations.find(
    (r) => r.name === 'couchdb' && r.columns.includes('doc') && !r.columns.includes('_id'),
  )
  const elsewhere = relations.find(
    (r) =>
      r.name === profile.table && rawTableEra(r.columns) !== null && r.schema !== profile.schema,
  )
  let message = `“${database}” has no CHT Sync raw table ${wanted}.`
  if (here && couch2pg && here === couch2pg) {
    message = `${wanted} is couch2pg’s table (a single doc column): this is a couch2pg database, not CHT Sync.`
  } else if (couch2pg && !elsewhere) {
    message = `“${database}” has no CHT Sync raw table ${wanted}; it has couch2pg’s tables (${short(couch2pg.schema)}.couchdb): this is a couch2pg database, not CHT Sync.`
  } else if (here) {
    const columns = clipText(here.columns.join(', '), TEXT_LIMITS.line)
    message = `${wanted} is not a CHT Sync raw table (its columns are ${columns}).`
  }
  const hint = clash
    ? 'CHT Sync must not write into schema public of the couch2pg database: the couchdb and couchdb_progress names clash with couch2pg’s. Set POSTGRES_SCHEMA (and this schema) to v1, or use a separate database.'
    : elsewhere
      ? `A CHT Sync raw table exists in schema “${short(elsewhere.schema)}”: set the schema to ${short(elsewhere.schema)} (POSTGRES_SCHEMA).`
      : 'Check the database, schema and table against CHT Sync’s POSTGRES_DB, POSTGRES_SCHEMA and POSTGRES_TABLE (defaults cht_sync, v1, couchdb). If CHT Sync is not set up yet, come back after the setup step.'
  return new ConnectionFailure('not_cht_sync', message, hint, {
    serverLabel,
    looksLike: couch2pg ? 'couch2pg' : 'postgresql',
  })
}

/**
 * Read-only probes of the CHT Sync database (reference sections 2.3, 2.9, 3 and 10), in one
 * transaction through the gate.
 *
 * Requires the raw table `<schema>.<table>` of the profile (`not_cht_sync` otherwise, saying when
 * the database is couch2pg's instead, or when the table is in another schema) and read access to
 * it (`permission`). Then learns the era from its columns, its row count, the progress table
 * (`pending` and `updated_at` ⇒ 1.0 or later; its absence is normal in the Logstash era),
 * `_dataemon` (`manifest`, `dbt_selector` ⇒ v2), `document_metadata` (`instance`, `dbname` ⇒
 * cht-pipeline 2), the latest dbt run, and whether schema `public` of the couch2pg database is
 * used (the table names clash; hosts compared by address, see `sameDatabase`). The raw table's
 * rows are split into live rows and `_deleted` stubs (`countRawTable`), and the progress rows
 * are read per source. Warnings are the describer's business, not a failure here.
 */
export async function detectChtSync(
  pool: pg.Pool,
  profile: ChtSyncProfile,
  couch2pg: PostgresProfile | null,
  options: ReadOptions,
  addresses: SameDatabaseOptions = {},
): Promise<Detection<ChtSyncFacts>> {
  const clash =
    profile.schema === 'public' &&
    couch2pg !== null &&
    (await sameDatabase(profile, couch2pg, addresses))
  return readTransaction(pool, options, async (tx) => {
    const info = await serverInfo(tx)
    const names = [
      profile.table,
      'couchdb',
      'couchdb_progress',
      '_dataemon',
      'document_metadata',
      'dbt_results',
    ]
    const everywhere = await findRelations(tx, names, null)
    const inSchema = everywhere.filter((r) => r.schema === profile.schema)
    const raw = relationIn(inSchema, profile.schema, profile.table)
    const era = raw ? rawTableEra(raw.columns) : null
    if (!raw || !era) throw notChtSync(profile, info.database, everywhere, info.label, clash)
    if (!raw.schemaUsage || !raw.canSelect) {
      throw noReadAccess(
        info.user,
        short(profile.schema),
        short(profile.table),
        raw.schemaUsage,
        info.label,
      )
    }

    const rawCount = await countRawTable(tx, raw)
    const dataemon = relationIn(inSchema, profile.schema, '_dataemon')
    const metadata = relationIn(inSchema, profile.schema, 'document_metadata')
    const results = relationIn(inSchema, profile.schema, 'dbt_results')
    const facts: ChtSyncFacts = {
      endpoint: 'chtSync',
      server: { version: info.version, database: info.database, user: info.user },
      schema: short(profile.schema),
      table: short(profile.table),
      era,
      rawRows: rawCount.rows,
      rawRowsExact: rawCount.exact,
      rawSplit: rawCount.split,
      progress: await progressFact(tx, relationIn(inSchema, profile.schema, 'couchdb_progress')),
      dataemon: dataemon ? (hasColumns(dataemon, 'manifest', 'dbt_selector') ? 'v2' : 'v1') : null,
      pipeline: metadata ? (hasColumns(metadata, 'instance', 'dbname') ? 'v2' : 'v1') : null,
      dbtLastRun: results ? await latestDbtRun(tx, results) : null,
      schemaClash: clash,
    }
    return { serverLabel: info.label, facts }
  })
}
