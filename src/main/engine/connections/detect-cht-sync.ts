import type pg from 'pg'
import type { ChtSyncProfile, PostgresProfile } from '../../../shared/project-schema'
import { ConnectionFailure } from './classify'
import {
  count,
  fact,
  plural,
  utcMinute,
  WARNING_LABEL,
  type Detection,
  type Scalar,
} from './detection'
import { noReadAccess } from './failures'
import { findRelations, hasColumns, openInspection, relationIn, type Relation } from './pg-catalog'
import { qualified } from './postgres-session'

/** CHT Sync's raw-table eras (reference 2.1), from the raw table's columns. */
export type ChtSyncEra = 'v2' | 'v1' | 'pre-1.0' | 'logstash'

export const ERA_LABELS: Record<ChtSyncEra, string> = {
  v2: 'CHT Sync 2.x (the raw table has a source column)',
  v1: 'CHT Sync 1.x (a _deleted column but no source column)',
  'pre-1.0': 'CHT Sync before 1.0 (one row per document, no _deleted column)',
  logstash: 'CHT Sync’s Logstash era, before 1.0 (every revision stored)',
}

/**
 * The era of a raw table from its columns: `source` ⇒ v2; `_deleted` without `source` ⇒ 1.x;
 * `@timestamp` or `_rev` ⇒ the Logstash era; `_id` and `doc` alone ⇒ the couch2pg service before
 * deletes were kept. Null when the columns are not a CHT Sync raw table at all.
 */
export function rawTableEra(columns: readonly string[]): ChtSyncEra | null {
  const has = (c: string) => columns.includes(c)
  if (has('@timestamp') || has('_rev')) return 'logstash'
  if (!has('_id') || !has('doc')) return null
  if (has('source')) return 'v2'
  if (has('_deleted')) return 'v1'
  return 'pre-1.0'
}

/** True when both profiles name the same database on the same server. */
export function sameDatabase(a: PostgresProfile, b: PostgresProfile): boolean {
  return (
    a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port && a.database === b.database
  )
}

async function progressFacts(client: pg.ClientBase, progress: Relation) {
  const table = qualified(progress.schema, progress.name)
  if (!hasColumns(progress, 'pending', 'updated_at')) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
    return { sources: rows[0]?.n ?? 0, pending: null, updatedAt: null }
  }
  const { rows } = await client.query<{ n: number; pending: string | null; updated: Date | null }>(
    `SELECT count(*)::int AS n, sum(pending)::text AS pending, max(updated_at) AS updated
       FROM ${table}`,
  )
  const row = rows[0]
  return {
    sources: row?.n ?? 0,
    pending: row?.pending === null || row?.pending === undefined ? null : Number(row.pending),
    updatedAt: row?.updated ? new Date(row.updated).toISOString() : null,
  }
}

async function latestDbtRun(client: pg.ClientBase, results: Relation) {
  const table = qualified(results.schema, results.name)
  const { rows } = await client.query<{ ended: Date | null; total: number; failed: number }>(
    `SELECT max(end_time) AS ended, count(*)::int AS total,
            count(*) FILTER (WHERE status NOT IN ('success', 'pass', 'skipped'))::int AS failed
       FROM ${table}
      WHERE invocation_id = (SELECT invocation_id FROM ${table}
                              ORDER BY end_time DESC NULLS LAST LIMIT 1)`,
  )
  const row = rows[0]
  if (!row || row.total === 0) return null
  const ended = row.ended ? new Date(row.ended).toISOString() : null
  return { ended, total: row.total, failed: row.failed }
}

function notChtSync(
  profile: ChtSyncProfile,
  database: string,
  relations: Relation[],
  label: string,
  clash: boolean,
) {
  const wanted = `${profile.schema}.${profile.table}`
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
    message = `“${database}” has no CHT Sync raw table ${wanted}; it has couch2pg’s tables (${couch2pg.schema}.couchdb): this is a couch2pg database, not CHT Sync.`
  } else if (here) {
    message = `${wanted} is not a CHT Sync raw table (its columns are ${here.columns.join(', ')}).`
  }
  const hint = clash
    ? 'CHT Sync must not write into schema public of the couch2pg database: the couchdb and couchdb_progress names clash with couch2pg’s. Set POSTGRES_SCHEMA (and this schema) to v1, or use a separate database.'
    : elsewhere
      ? `A CHT Sync raw table exists in schema “${elsewhere.schema}”: set the schema to ${elsewhere.schema} (POSTGRES_SCHEMA).`
      : 'Check the database, schema and table against CHT Sync’s POSTGRES_DB, POSTGRES_SCHEMA and POSTGRES_TABLE (defaults cht_sync, v1, couchdb). If CHT Sync is not set up yet, come back after the setup step.'
  return new ConnectionFailure('not_cht_sync', message, hint, {
    serverVersion: label,
    found: [fact('Server', label)],
    detected: { kind: couch2pg ? 'couch2pg' : null },
  })
}

/**
 * Read-only probes of the CHT Sync database (reference sections 2.3, 2.9, 3 and 10).
 *
 * Requires the raw table `<schema>.<table>` of the profile (`not_cht_sync` otherwise, saying when
 * the database is couch2pg's instead, or when the table is in another schema) and read access to
 * it (`permission`). Then reports the era from its columns, the progress table (`pending` and
 * `updated_at` ⇒ 1.0 or later; its absence is normal in the Logstash era), `_dataemon`
 * (`manifest`, `dbt_selector` ⇒ v2), `document_metadata` (`instance`, `dbname` ⇒ cht-pipeline 2)
 * and the latest dbt run. Warns, without failing, about a schema `public` inside the couch2pg
 * database (the table names clash) and about cht-pipeline 2 on a raw table without `source`.
 */
export async function detectChtSync(
  pool: pg.Pool,
  profile: ChtSyncProfile,
  couch2pg: PostgresProfile | null,
): Promise<Detection> {
  const { client, info } = await openInspection(pool)
  try {
    const names = [
      profile.table,
      'couchdb',
      'couchdb_progress',
      '_dataemon',
      'document_metadata',
      'dbt_results',
    ]
    const everywhere = await findRelations(client, names, null)
    const inSchema = everywhere.filter((r) => r.schema === profile.schema)
    const raw = relationIn(inSchema, profile.schema, profile.table)
    const era = raw ? rawTableEra(raw.columns) : null
    const clash =
      profile.schema === 'public' && couch2pg !== null && sameDatabase(profile, couch2pg)
    if (!raw || !era) throw notChtSync(profile, info.database, everywhere, info.label, clash)
    if (!raw.schemaUsage || !raw.canSelect) {
      throw noReadAccess(info.user, profile.schema, profile.table, raw.schemaUsage, info.label)
    }

    const detected: Record<string, Scalar> = {
      kind: 'cht-sync',
      postgresVersion: info.version,
      database: info.database,
      schema: profile.schema,
      table: profile.table,
      chtSyncEra: era,
      rawRowsEstimate: raw.estimatedRows,
    }
    const rows = raw.estimatedRows
    const found = [
      fact('Server', info.label),
      fact('Looks like', ERA_LABELS[era]),
      fact(
        `Raw table ${profile.schema}.${profile.table}`,
        rows === null ? 'not analysed yet' : `about ${plural(rows, 'row')}`,
      ),
    ]

    const progress = relationIn(inSchema, profile.schema, 'couchdb_progress')
    if (progress?.canSelect) {
      const p = await progressFacts(client, progress)
      const modern = hasColumns(progress, 'pending', 'updated_at')
      detected.progressSources = p.sources
      detected.progressPending = p.pending
      detected.progressUpdatedAt = p.updatedAt
      detected.progressHasMonitoring = modern
      const parts = [plural(p.sources, 'source')]
      if (p.pending !== null) parts.push(`${count(p.pending)} changes pending`)
      if (p.updatedAt) parts.push(`last update ${utcMinute(p.updatedAt)}`)
      if (!modern) parts.push('no pending/updated_at columns (before 1.0)')
      found.push(fact('Progress', parts.join(', ')))
    } else {
      found.push(
        fact('Progress', progress ? 'not readable by this user' : 'no couchdb_progress table'),
      )
    }

    const dataemon = relationIn(inSchema, profile.schema, '_dataemon')
    detected.dataemon = dataemon
      ? hasColumns(dataemon, 'manifest', 'dbt_selector')
        ? 'v2'
        : 'v1'
      : null
    if (dataemon) {
      found.push(
        fact(
          'dbt state (_dataemon)',
          detected.dataemon === 'v2' ? 'CHT Sync 2 (manifest, dbt_selector)' : 'before CHT Sync 2',
        ),
      )
    }

    const metadata = relationIn(inSchema, profile.schema, 'document_metadata')
    const pipeline = metadata ? (hasColumns(metadata, 'instance', 'dbname') ? 'v2' : 'v1') : null
    detected.pipelineVersion = pipeline
    found.push(
      fact(
        'cht-pipeline',
        pipeline === 'v2'
          ? 'version 2 (document_metadata has instance and dbname)'
          : pipeline === 'v1'
            ? 'version 1 (document_metadata without instance/dbname)'
            : 'no models yet (no document_metadata table)',
      ),
    )

    const results = relationIn(inSchema, profile.schema, 'dbt_results')
    if (results?.canSelect && hasColumns(results, 'invocation_id', 'status', 'end_time')) {
      const run = await latestDbtRun(client, results)
      detected.dbtLastRunAt = run?.ended ?? null
      detected.dbtLastRunFailed = run?.failed ?? null
      found.push(
        fact(
          'Latest dbt run',
          run
            ? `${plural(run.total, 'result')}, ${count(run.failed)} not successful (ended ${run.ended ? utcMinute(run.ended) : 'at an unknown time'})`
            : 'none recorded',
        ),
      )
    }

    if (era !== 'v2' && pipeline === 'v2') {
      found.push(
        fact(
          WARNING_LABEL,
          'cht-pipeline 2 needs the source column of CHT Sync 2’s raw table; run the documented v1 → v2 upgrade SQL first.',
        ),
      )
    }
    if (clash) {
      detected.schemaClash = true
      found.push(
        fact(
          WARNING_LABEL,
          'CHT Sync writes into schema public of the couch2pg database: its couchdb and couchdb_progress tables clash with couch2pg’s. Use a separate database or another schema (such as v1).',
        ),
      )
    }
    found.push(fact('Session', 'read-only'))
    return { serverVersion: info.label, found, detected }
  } finally {
    client.release()
  }
}
