import { hasColumns } from '../../db/catalog'
import { qualified } from '../../db/identifiers'
import type { ReadTx } from '../../db/read-transaction'
import type { CheckContext } from '../check-types'
import type { ChtSyncConfig, ConfigEntry } from '../config/config-types'
import { chtSyncRelations, readable, type ChtSyncRelations } from '../pipeline/cht-sync-relations'
import { dbtFreshness, resultsUsable } from '../pipeline/dbt-measures'
import { COUNT_CAP, numberOrNull } from '../pipeline/pipeline-common'
import { readChtSyncProgress } from '../pipeline/progress-now'
import { readModelTimings } from './slow-models'

/**
 * What `optimize.dbt-tuning` weighs: dbt's threads, batch size and pause as CHT Sync's
 * configuration sets them (with the defaults of Compose and of the Helm chart, reference 2.6 and
 * 2.7), and the load measured on the CHT Sync database: the raw rows waiting for dbt, the rows
 * saved in the last hour, CHT Sync's own `couchdb_progress.pending`, the dbt runs of the last 24
 * hours (`dbt_results`) and each model's median run time over 14 days.
 */

/** dbt's settings as CHT Sync passes them; null where the file holds a value dbt cannot use. */
export interface DbtSettings {
  threads: number | null
  /** 0: no batching (every waiting row in one run). */
  batchSize: number | null
  intervalSeconds: number | null
  threadsEntry: ConfigEntry | null
  batchEntry: ConfigEntry | null
}

const wholeOrNull = (text: string): number | null =>
  /^\+?\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null

/**
 * dbt's settings from the file: Compose passes `DBT_THREAD_COUNT:-1` and `DBT_BATCH_SIZE:-0`;
 * the Helm chart defaults `dbt_thread_count` to 1 and `dbt_batch_size` to 100000, and passes no
 * `DATAEMON_INTERVAL` (5 s).
 */
export function dbtSettings(config: ChtSyncConfig): DbtSettings {
  const threadsEntry = config.settings.DBT_THREAD_COUNT ?? null
  const batchEntry = config.settings.DBT_BATCH_SIZE ?? null
  const interval = config.settings.DATAEMON_INTERVAL ?? null
  const helm = config.kind === 'values'
  const threadsText = threadsEntry?.value.trim() ?? ''
  const threads = threadsText === '' ? 1 : wholeOrNull(threadsText)
  const batchText = batchEntry?.value.trim() ?? ''
  return {
    threads: threads === 0 && helm ? 1 : threads !== null && threads < 1 ? null : threads,
    batchSize: batchText === '' ? (helm ? 100_000 : 0) : wholeOrNull(batchText),
    intervalSeconds: helm || !interval?.value.trim() ? 5 : wholeOrNull(interval.value),
    threadsEntry,
    batchEntry,
  }
}

/** The load measured on the CHT Sync database; null where it cannot be read. */
export interface DbtLoad {
  /** Live raw rows newer than `document_metadata`'s newest (capped at `COUNT_CAP + 1`). */
  waiting: number | null
  /** `dbt_latency`: newest raw row minus newest `document_metadata` row, in seconds. */
  latencySeconds: number | null
  /** Raw rows saved in the last hour (capped at `COUNT_CAP + 1`). */
  savedLastHour: number | null
  /** Sum of `couchdb_progress.pending`: changes CouchDB has not sent CHT Sync yet. */
  pending: number | null
  /** dbt invocations that started in the last 24 hours. */
  runs24h: number | null
  /** Median wall time of those runs (first start to last end), seconds. */
  medianRunSeconds: number | null
  /** Median rows `document_metadata` took per run. */
  medianRunRows: number | null
  /** Models timed over 14 days, the sum of their medians, and the longest median (seconds). */
  models: number
  modelSeconds: number
  longestModelSeconds: number
}

/** Runs of the last 24 hours in `dbt_results`: how many, their median wall time and rows. */
async function readRuns(tx: ReadTx, rel: ChtSyncRelations) {
  const results = rel.results!
  const end = hasColumns(results, 'end_time') ? 'max(end_time)' : 'max(start_time)'
  const meta = hasColumns(results, 'name', 'rows_affected')
    ? `max(rows_affected) FILTER (WHERE name::text = 'document_metadata')::float8`
    : 'NULL::float8'
  const { rows } = await tx.query<{ runs: number; wall: unknown; rows: unknown }>(
    `SELECT count(*)::int AS runs,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY wall) AS wall,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY meta) AS rows
       FROM (SELECT extract(epoch from (${end} - min(start_time)))::float8 AS wall, ${meta} AS meta
               FROM ${qualified(results.schema, results.name)}
              WHERE invocation_id IS NOT NULL
                AND start_time >= (now() AT TIME ZONE 'UTC') - interval '24 hours'
              GROUP BY invocation_id) i`,
  )
  const r = rows[0]
  return {
    runs24h: r?.runs ?? 0,
    medianRunSeconds: numberOrNull(r?.wall),
    medianRunRows: numberOrNull(r?.rows),
  }
}

/** Measures the load (see `DbtLoad`) in one read-only transaction, plus the shared freshness. */
export async function measureDbtLoad(ctx: CheckContext): Promise<DbtLoad> {
  const rel = await chtSyncRelations(ctx)
  const freshness = await dbtFreshness(ctx)
  const measured = await ctx.read('chtSync', async (tx) => {
    let savedLastHour: number | null = null
    if (readable(rel.raw) && hasColumns(rel.raw, 'saved_timestamp')) {
      const { rows } = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT 1 FROM ${qualified(rel.schema, rel.table)}
            WHERE saved_timestamp > (now() AT TIME ZONE 'UTC') - interval '1 hour'
            LIMIT ${COUNT_CAP + 1}) h`,
      )
      savedLastHour = rows[0]?.n ?? 0
    }
    const progress = readable(rel.progress) ? await readChtSyncProgress(tx, rel.progress) : []
    const known = progress.filter((p) => p.storedPending !== null)
    const pending = known.length ? known.reduce((n, p) => n + p.storedPending!, 0) : null
    const usable = resultsUsable(rel)
    const runs = usable
      ? await readRuns(tx, rel)
      : { runs24h: null, medianRunSeconds: null, medianRunRows: null }
    const timed =
      usable && hasColumns(rel.results, 'execution_time', 'resource_type')
        ? await readModelTimings(tx, rel.results!)
        : []
    return { savedLastHour, pending, ...runs, timed }
  })
  const { timed, ...rest } = measured
  return {
    ...rest,
    waiting: freshness?.waiting ?? null,
    latencySeconds: freshness?.latencySeconds ?? null,
    models: timed.length,
    modelSeconds: timed.reduce((n, m) => n + m.medianSeconds, 0),
    longestModelSeconds: timed.reduce((n, m) => Math.max(n, m.medianSeconds), 0),
  }
}
