import { hasColumns, type Relation } from '../../db/catalog'
import { ident, qualified } from '../../db/identifiers'
import type { ReadTx } from '../../db/read-transaction'
import type { CheckContext } from '../check-types'
import { chtSyncRelations, readable, type ChtSyncRelations } from './cht-sync-relations'
import { COUNT_CAP, numberOrNull, utcEpoch } from './pipeline-common'

/**
 * What dbt did, read from the CHT Sync database once per run: the latest invocation recorded in
 * `dbt_results` (the one with the latest `start_time`), and how far `document_metadata` trails
 * the raw table (CHT Watchdog's `dbt_latency`, and the raw rows not modelled yet).
 */

/** Statuses of a model or test that went well (dbt: models `success`, tests `pass`). */
export const OK_STATUSES = ['success', 'pass']
/** Most rows of one invocation read (failures first). */
const INVOCATION_ROWS = 200

export interface InvocationRow {
  name: string
  type: string
  status: string
  startedAt: number | null
  rowsAffected: number | null
}

export interface LatestInvocation {
  id: string
  /** Its first `start_time` (epoch seconds). */
  startedAt: number | null
  /** The database server's now (epoch seconds). */
  serverNow: number
  /** Rows of the invocation, failures first, at most 200. */
  rows: InvocationRow[]
  total: number
  /** Rows whose status is not `success` or `pass`, counted over the whole invocation. */
  notOk: number
  /** `document_metadata`'s row in it, if it ran. */
  metadata: { status: string; rowsAffected: number | null } | null
}

/** The latest invocation of `results` (a `dbt_results` table), or null when none is recorded. */
export async function readLatestInvocation(
  tx: ReadTx,
  results: Relation,
): Promise<LatestInvocation | null> {
  const table = qualified(results.schema, results.name)
  const { rows: ids } = await tx.query<{ id: string }>(
    `SELECT invocation_id::text AS id FROM ${table}
      WHERE start_time IS NOT NULL AND invocation_id IS NOT NULL
      ORDER BY start_time DESC LIMIT 1`,
  )
  const id = ids[0]?.id
  if (id === undefined) return null
  const name = hasColumns(results, 'name')
    ? 'name'
    : hasColumns(results, 'unique_id')
      ? 'unique_id'
      : 'NULL'
  const type = hasColumns(results, 'resource_type') ? 'resource_type' : 'NULL'
  const affected = hasColumns(results, 'rows_affected') ? 'rows_affected' : 'NULL::bigint'
  const status = `lower(coalesce(status::text, ''))`
  const ok = `${status} IN ('success', 'pass')`
  const { rows } = await tx.query<{
    name: string | null
    type: string | null
    status: string
    started: unknown
    affected: unknown
  }>(
    `SELECT left(${name}::text, 200) AS name, left(${type}::text, 50) AS type,
            left(${status}, 50) AS status, ${utcEpoch('start_time')} AS started,
            ${affected}::text AS affected
       FROM ${table} WHERE invocation_id::text = $1
      ORDER BY ${ok}, ${name} LIMIT ${INVOCATION_ROWS}`,
    [id],
  )
  const { rows: sums } = await tx.query<{
    total: number
    not_ok: number
    started: unknown
    now: unknown
    meta_status: string | null
    meta_affected: unknown
  }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT ${ok})::int AS not_ok,
            ${utcEpoch('min(start_time)')} AS started, extract(epoch from now())::float8 AS now,
            max(${status}) FILTER (WHERE ${name}::text = 'document_metadata') AS meta_status,
            max(${affected}) FILTER (WHERE ${name}::text = 'document_metadata')::text
              AS meta_affected
       FROM ${table} WHERE invocation_id::text = $1`,
    [id],
  )
  const sum = sums[0]
  return {
    id: id.slice(0, 200),
    startedAt: numberOrNull(sum?.started),
    serverNow: numberOrNull(sum?.now) ?? Date.now() / 1000,
    rows: rows.map((r) => ({
      name: r.name ?? '(unnamed)',
      type: r.type ?? '',
      status: r.status,
      startedAt: numberOrNull(r.started),
      rowsAffected: numberOrNull(r.affected),
    })),
    total: sum?.total ?? rows.length,
    notOk: sum?.not_ok ?? 0,
    metadata:
      sum?.meta_status === null || sum?.meta_status === undefined
        ? null
        : { status: sum.meta_status, rowsAffected: numberOrNull(sum.meta_affected) },
  }
}

/** Whether `dbt_results` can say what the latest run did. */
export const resultsUsable = (rel: ChtSyncRelations): boolean =>
  readable(rel.results) && hasColumns(rel.results, 'invocation_id', 'status', 'start_time')

/** The latest invocation, once per run; null without a usable `dbt_results` or without a run. */
export function latestInvocation(ctx: CheckContext): Promise<LatestInvocation | null> {
  return ctx.memo('pipeline.dbt.latest', async () => {
    const rel = await chtSyncRelations(ctx)
    if (!resultsUsable(rel)) return null
    return ctx.read('chtSync', (tx) => readLatestInvocation(tx, rel.results!))
  })
}

export interface DbtFreshness {
  /** Newest `saved_timestamp` of the raw table and of `document_metadata` (epoch seconds). */
  rawNewest: number | null
  modelNewest: number | null
  /** CHT Watchdog's `dbt_latency`: the difference of the two, in seconds (null when either is). */
  latencySeconds: number | null
  /** Live raw rows newer than `document_metadata`'s newest (capped at `COUNT_CAP + 1`). */
  waiting: number
  /** The oldest of them (epoch seconds). */
  oldestWaiting: number | null
  /** Of them, rows saved before the latest dbt invocation started (capped likewise). */
  beforeRun: number
  serverNow: number
  latest: LatestInvocation | null
}

/**
 * Measures how far the models trail the raw table, through the `saved_timestamp` indexes and
 * bounded counts. Deleted rows are left out of the counts: `document_metadata` drops them, so
 * they never reach it (they do count in `dbt_latency`, as CHT Watchdog computes it).
 */
export async function readDbtFreshness(
  tx: ReadTx,
  rel: ChtSyncRelations,
  latest: LatestInvocation | null,
): Promise<DbtFreshness> {
  const raw = qualified(rel.schema, rel.table)
  const meta = qualified(rel.schema, 'document_metadata')
  const rawMax = `(SELECT max(saved_timestamp) FROM ${raw})`
  const metaMax = `(SELECT max(saved_timestamp) FROM ${meta})`
  const { rows } = await tx.query<{ raw: unknown; meta: unknown; latency: unknown; now: unknown }>(
    `SELECT ${utcEpoch(rawMax)} AS raw, ${utcEpoch(metaMax)} AS meta,
            extract(epoch from (${rawMax} - ${metaMax}))::float8 AS latency,
            extract(epoch from now())::float8 AS now`,
  )
  const live = hasColumns(rel.raw, '_deleted') ? `${ident('_deleted')} IS NOT TRUE` : 'true'
  const after = `saved_timestamp > coalesce(${metaMax}, '-infinity') AND ${live}`
  const { rows: waiting } = await tx.query<{ n: number; oldest: unknown }>(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM ${raw} WHERE ${after} LIMIT ${COUNT_CAP + 1}) w)::int
              AS n,
            ${utcEpoch(`(SELECT min(saved_timestamp) FROM ${raw} WHERE ${after})`)} AS oldest`,
  )
  let beforeRun = 0
  if (latest?.startedAt != null && (waiting[0]?.n ?? 0) > 0) {
    const { rows: before } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM ${raw}
          WHERE ${after} AND saved_timestamp < (to_timestamp($1) AT TIME ZONE 'UTC')
          LIMIT ${COUNT_CAP + 1}) b`,
      [latest.startedAt],
    )
    beforeRun = before[0]?.n ?? 0
  }
  const row = rows[0]
  return {
    rawNewest: numberOrNull(row?.raw),
    modelNewest: numberOrNull(row?.meta),
    latencySeconds: numberOrNull(row?.latency),
    waiting: waiting[0]?.n ?? 0,
    oldestWaiting: numberOrNull(waiting[0]?.oldest),
    beforeRun,
    serverNow: numberOrNull(row?.now) ?? Date.now() / 1000,
    latest,
  }
}

/** Whether the raw table and `document_metadata` can be compared. */
export const freshnessReadable = (rel: ChtSyncRelations): boolean =>
  readable(rel.raw) &&
  hasColumns(rel.raw, 'saved_timestamp') &&
  readable(rel.metadata) &&
  hasColumns(rel.metadata, 'saved_timestamp')

/** `readDbtFreshness` once per run; null when the tables cannot be compared. */
export function dbtFreshness(ctx: CheckContext): Promise<DbtFreshness | null> {
  return ctx.memo('pipeline.dbt.freshness', async () => {
    const rel = await chtSyncRelations(ctx)
    if (!freshnessReadable(rel)) return null
    const latest = await latestInvocation(ctx)
    return ctx.read('chtSync', (tx) => readDbtFreshness(tx, rel, latest))
  })
}
