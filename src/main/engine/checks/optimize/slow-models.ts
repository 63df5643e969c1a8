import type { EvidenceItem } from '../../../../shared/results/check-result'
import { PAGE } from '../../../../shared/checklist/doc-pages'
import { hasColumns, type Relation } from '../../db/catalog'
import { qualified } from '../../db/identifiers'
import type { ReadTx } from '../../db/read-transaction'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { chtSyncRelations } from '../pipeline/cht-sync-relations'
import { resultsUsable } from '../pipeline/dbt-measures'
import { duration, listOf, numberOrNull, plural, shownName } from '../pipeline/pipeline-common'

/**
 * `optimize.slow-models`: each model's execution time over the runs `dbt_results` recorded in the
 * last 14 days (model rows only): how many runs, the median and the latest, and the trend (the
 * median of the newer half of the runs against the older half's).
 */

/** The window of runs read, in days. */
export const SLOW_WINDOW_DAYS = 14
/** A model whose median run takes longer than this (seconds) is slow. */
export const SLOW_MEDIAN_SECONDS = 60
/** A model getting slower by more than this share (0.5: 50 %)… */
export const GROWTH_SHARE = 0.5
/** …with a median above this (seconds) is worth a look before it is slow. */
export const GROWTH_MIN_MEDIAN_SECONDS = 10
/** Most models advised on (the slowest first). */
export const SLOW_SHOWN = 10
/** Most models read. */
const MODELS_READ = 200

/** One model's runs in the window. */
export interface ModelTiming {
  name: string
  runs: number
  medianSeconds: number
  latestSeconds: number | null
  /** Median of the newer half of the runs over the older half's, minus 1; null under 2 runs. */
  growth: number | null
  /** Seconds spent in it over the window. */
  totalSeconds: number
}

/** Reads each model's timings from `results` (a usable `dbt_results` with `execution_time`). */
export async function readModelTimings(tx: ReadTx, results: Relation): Promise<ModelTiming[]> {
  const name = hasColumns(results, 'name') ? 'name' : 'unique_id'
  const { rows } = await tx.query<{
    name: string
    runs: number
    median: unknown
    older: unknown
    newer: unknown
    latest: unknown
    total: unknown
  }>(
    `WITH r AS (
       SELECT left(${name}::text, 200) AS name, execution_time::float8 AS t, start_time,
              row_number() OVER (PARTITION BY ${name} ORDER BY start_time) AS i,
              count(*) OVER (PARTITION BY ${name}) AS n
         FROM ${qualified(results.schema, results.name)}
        WHERE lower(resource_type::text) = 'model' AND execution_time IS NOT NULL
          AND ${name} IS NOT NULL
          AND start_time >= (now() AT TIME ZONE 'UTC') - interval '${SLOW_WINDOW_DAYS} days')
     SELECT name, max(n)::int AS runs,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY t) AS median,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FILTER (WHERE i <= n / 2) AS older,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FILTER (WHERE i > n - n / 2) AS newer,
            (array_agg(t ORDER BY start_time DESC))[1] AS latest, sum(t) AS total
       FROM r GROUP BY name ORDER BY median DESC, name LIMIT ${MODELS_READ}`,
  )
  return rows.map((r) => {
    const older = numberOrNull(r.older)
    const newer = numberOrNull(r.newer)
    return {
      name: r.name,
      runs: r.runs,
      medianSeconds: numberOrNull(r.median) ?? 0,
      latestSeconds: numberOrNull(r.latest),
      growth: older !== null && newer !== null && older > 0 ? newer / older - 1 : null,
      totalSeconds: numberOrNull(r.total) ?? 0,
    }
  })
}

/** Why a model is advised on, or null when it is fine. */
export function slowBecause(m: ModelTiming): string | null {
  if (m.medianSeconds > SLOW_MEDIAN_SECONDS) return 'slow'
  if (m.growth !== null && m.growth > GROWTH_SHARE && m.medianSeconds > GROWTH_MIN_MEDIAN_SECONDS) {
    return 'getting slower'
  }
  return null
}

const secs = (s: number | null) => (s === null ? null : Math.round(s * 10) / 10)
const pct = (g: number | null) =>
  g === null ? null : `${g >= 0 ? '+' : ''}${Math.round(g * 100)} %`

const INCREMENTAL = `{{ config(materialized='incremental', unique_key='uuid', on_schema_change='append_new_columns') }}`
const FILTER = `{% if is_incremental() %} WHERE saved_timestamp >= (SELECT MAX(saved_timestamp) FROM {{ this }}) {% endif %}`

/** Decides from the models' timings. */
export function judgeSlowModels(measured: readonly ModelTiming[]): CheckOutcome {
  const timings = [...measured].sort((a, b) => b.medianSeconds - a.medianSeconds)
  const flagged = timings.flatMap((m) => {
    const why = slowBecause(m)
    return why ? [{ m, why }] : []
  })
  const shown = flagged.slice(0, SLOW_SHOWN)
  const evidence: EvidenceItem[] = [
    { type: 'measure', label: 'Models measured', value: timings.length, unit: null, limit: null },
    {
      type: 'measure',
      label: 'Slowest median run',
      value: secs(timings[0]?.medianSeconds ?? null),
      unit: 's',
      limit: { op: '<=', value: SLOW_MEDIAN_SECONDS },
    },
    {
      type: 'table',
      caption: flagged.length
        ? `The ${plural(shown.length, 'model')} to look at first (last ${SLOW_WINDOW_DAYS} days)`
        : `The slowest models (last ${SLOW_WINDOW_DAYS} days)`,
      columns: ['model', 'runs', 'median s', 'latest s', 'trend', 'total s', 'why'],
      rows: (flagged.length
        ? shown
        : timings.slice(0, SLOW_SHOWN).map((m) => ({ m, why: '' }))
      ).map(({ m, why }) => [
        m.name,
        m.runs,
        secs(m.medianSeconds),
        secs(m.latestSeconds),
        pct(m.growth),
        secs(m.totalSeconds),
        why,
      ]),
    },
  ]
  if (timings.length === 0) {
    return {
      verdict: 'pass',
      summary: `dbt_results records no model run with an execution time in the last ${SLOW_WINDOW_DAYS} days: there is nothing to time yet.`,
      evidence,
    }
  }
  if (flagged.length === 0) {
    const top = timings[0]!
    return {
      verdict: 'pass',
      summary: `No model is slow: the slowest, ${top.name}, takes ${duration(top.medianSeconds)} at the median over ${plural(top.runs, 'run')}.`,
      evidence,
    }
  }
  const spent = shown.reduce((sum, { m }) => sum + m.totalSeconds, 0)
  return {
    verdict: 'warn',
    summary: `${plural(flagged.length, 'model')} ${flagged.length === 1 ? 'is' : 'are'} slow or getting slower: ${listOf(
      shown.map(({ m, why }) => `${m.name} (${duration(m.medianSeconds)} median, ${why})`),
    )}. Together they took ${duration(spent)} of dbt’s time in the last ${SLOW_WINDOW_DAYS} days.`,
    evidence,
    remedy: {
      text: `Start with ${shown[0]!.m.name}. If it rebuilds the whole table each run, make it incremental: put ${INCREMENTAL} at its top and ${FILTER} in its select, so each run reads only the rows saved since the last one (the run time then follows the new rows, not the table: typically minutes down to seconds, and most of the ${duration(spent)} above back). If it is incremental already, index the columns its filter and joins use (config indexes=[{'columns': ['saved_timestamp']}]) or split it into smaller models that share the heavy part. Then watch its median in dbt_results fall over the next runs.`,
      docUrl: PAGE.tuning.docUrl,
    },
  }
}

/** Reads the timings and decides; warns when `dbt_results` cannot say. */
export async function runSlowModels(ctx: CheckContext): Promise<CheckOutcome> {
  const rel = await chtSyncRelations(ctx)
  const name = shownName(rel.schema, 'dbt_results')
  const results = rel.results
  if (!results || !resultsUsable(rel) || !hasColumns(results, 'execution_time', 'resource_type')) {
    return {
      verdict: 'warn',
      summary: results
        ? `${name} cannot be read for run times (it needs SELECT and the columns start_time, resource_type and execution_time).`
        : `There is no ${name}: the cht-pipeline release in use does not record its runs, or dbt has not run yet, so model run times cannot be measured.`,
      remedy: {
        text: 'Use a current cht-pipeline release (its on-run-end hook fills dbt_results with each model’s execution_time), and let the wizard’s user read the table.',
      },
    }
  }
  const timings = await ctx.read('chtSync', (tx) => readModelTimings(tx, results))
  return judgeSlowModels(timings)
}

/** `optimize.slow-models`. */
export const OPTIMIZE_SLOW_MODELS = defineCheck('optimize.slow-models', runSlowModels)
