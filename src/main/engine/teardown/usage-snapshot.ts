import type pg from 'pg'
import { objectKey } from '../../../shared/inventory/object-key'
import type { UsageSnapshot } from '../../../shared/teardown/teardown-settings'
import { readTransaction, SESSION_PROFILES } from '../db/read-transaction'
import type { AnalysisResult } from '../inventory/analysis/types'
import { EXTENSIONS_SQL, OBJECT_LIMIT } from '../inventory/postgres/catalog-queries'
import type { RawExtension } from '../inventory/postgres/read-catalog'
import { readStatements } from '../inventory/postgres/read-statements'
import { NameIndex, type NamedObject } from '../inventory/resolve-names'
import type { WorkerPool } from '../workers/worker-pool'

/** Tables, materialized views and views of the user's schemas with their read counters. */
const RELATION_USAGE_SQL = `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
  s.seq_scan::float8 AS seq_scan, s.idx_scan::float8 AS idx_scan
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
WHERE c.relkind IN ('r', 'p', 'm', 'v')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                   AND e.objid = c.oid AND e.deptype = 'e')
ORDER BY 1, 2
LIMIT ${OBJECT_LIMIT}`

const STATS_RESET_SQL = `SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()`

const KIND = { r: 'table', p: 'table', m: 'materialized_view', v: 'view' } as const
const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : v === null || v === undefined ? NaN : Number(v)
  return Number.isFinite(n) ? n : null
}

/**
 * A snapshot of how much the couch2pg database is read, for the teardown's "no reads for N days"
 * gate: per relation (by inventory key), the scans `pg_stat_user_tables` counts and the calls of
 * the `pg_stat_statements` entries that name it (null when that extension cannot be read; the
 * statements are parsed in a worker thread), with the statistics' reset time, since a reset in
 * between makes two snapshots incomparable. Read-only.
 */
export async function takeUsageSnapshot(
  pool: pg.Pool,
  workers: WorkerPool,
  signal: AbortSignal,
): Promise<UsageSnapshot> {
  const options = { statementTimeoutMs: SESSION_PROFILES.probe.statementTimeoutMs, signal }
  const takenAt = new Date().toISOString()
  const { rows, reset, extensions } = await readTransaction(pool, options, async (tx) => ({
    rows: (await tx.query(RELATION_USAGE_SQL)).rows as Record<string, unknown>[],
    reset: (await tx.query(STATS_RESET_SQL)).rows[0]?.stats_reset as unknown,
    extensions: (await tx.query(EXTENSIONS_SQL)).rows as unknown as RawExtension[],
  }))
  const named: (NamedObject & { seqScans: number | null; idxScans: number | null })[] = rows.map(
    (r) => {
      const kind = KIND[String(r.relkind) as keyof typeof KIND] ?? 'table'
      const schema = String(r.schema)
      const name = String(r.name)
      return {
        key: objectKey(kind, schema, name),
        kind,
        schema,
        name,
        seqScans: num(r.seq_scan),
        idxScans: num(r.idx_scan),
      }
    },
  )
  const statements = await readStatements(pool, options, extensions)
  const calls = new Map<string, number>()
  if (statements.state === 'installed' && statements.texts.length > 0) {
    const session = await workers.start<{ results: { id: string; analysis: AnalysisResult }[] }>(
      'sql.analyze',
      {
        items: statements.texts.map((s, i) => ({
          id: String(i),
          kind: 'view',
          language: null,
          definition: s.query,
        })),
      },
      { signal },
    )
    const { results } = await session.result
    const names = new NameIndex(named)
    for (const { id, analysis } of results) {
      const text = statements.texts[Number(id)]
      if (!text) continue
      const keys = new Set(analysis.relations.flatMap((r) => names.relation(r, 'public')))
      for (const key of keys) calls.set(key, (calls.get(key) ?? 0) + text.calls)
    }
  }
  const relations: UsageSnapshot['relations'] = {}
  for (const o of named) {
    relations[o.key] = {
      seqScans: o.seqScans,
      idxScans: o.idxScans,
      statementCalls: statements.state === 'installed' ? (calls.get(o.key) ?? 0) : null,
    }
  }
  return { takenAt, statsReset: reset instanceof Date ? reset.toISOString() : null, relations }
}
