import { PAGE } from '../../../../shared/checklist/doc-pages'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import type { ChtSyncConfig } from '../config/config-types'
import { defineCheck } from '../define-check'
import { capped, COUNT_CAP, duration, num, plural } from '../pipeline/pipeline-common'
import { entryItem, fileFact, keyOf, withConfig } from '../setup/config-evidence'
import { dbtSettings, measureDbtLoad, type DbtLoad, type DbtSettings } from './dbt-load'

/**
 * `optimize.dbt-tuning`: dbt's threads and batch size against the measured load (see
 * `dbt-load.ts`). Advises more threads when one thread runs models that add up to a minute or
 * more per run, fewer when there are more threads than models, a batch size when a large backlog
 * would be taken in one run, and a larger one when it is below the rows saved between runs or
 * would take hours to catch up. The tuning page's sensible defaults: 3 threads, 100,000 rows.
 */

export const SUGGESTED_THREADS = 3
export const SUGGESTED_BATCH = 100_000
/** One thread is worth raising when the models' medians add up to this per run (seconds). */
export const THREADS_WORTH_SECONDS = 60
/** A backlog that takes longer than this (hours) to catch up is worth a larger batch. */
export const CATCH_UP_HOURS = 1

/** The names the file uses, for sentences and remedies. */
export interface TuningKeys {
  threads: string
  batch: string
  /** `=` in a `.env`, `: ` in values.yaml. */
  assign: string
}

const roundUp = (n: number, step = 10_000) => Math.max(step, Math.ceil(n / step) * step)

/** Runs an hour: from the last 24 hours, else from the median run and the pause. */
export function runsPerHour(settings: DbtSettings, load: DbtLoad): number | null {
  if (load.runs24h) return load.runs24h / 24
  if (load.medianRunSeconds !== null && settings.intervalSeconds !== null) {
    return 3600 / Math.max(1, load.medianRunSeconds + settings.intervalSeconds)
  }
  return null
}

interface Finding {
  summary: string
  remedy: string
}

/** Decides from the settings and the load. */
export function judgeDbtTuning(s: DbtSettings, load: DbtLoad, keys: TuningKeys): CheckOutcome {
  const perHour = runsPerHour(s, load)
  const perRun =
    perHour !== null && perHour > 0 && load.savedLastHour !== null
      ? load.savedLastHour / perHour
      : null
  const evidence: EvidenceItem[] = [
    { type: 'measure', label: 'dbt threads', value: s.threads, unit: null, limit: null },
    { type: 'measure', label: 'dbt batch size', value: s.batchSize, unit: 'rows', limit: null },
    m('Raw rows waiting for dbt', load.waiting, 'rows'),
    m('Raw rows saved in the last hour', load.savedLastHour, 'rows'),
    m('Changes CouchDB has not sent yet', load.pending, 'changes'),
    m('dbt runs in the last 24 hours', load.runs24h, null),
    m('Median dbt run', round(load.medianRunSeconds), 's'),
    m('Median rows per run (document_metadata)', load.medianRunRows, 'rows'),
    m('Models timed', load.models, null),
    m('Model medians added up', round(load.modelSeconds), 's'),
    m('Longest model median', round(load.longestModelSeconds), 's'),
  ]
  const found: Finding[] = []
  const set = (key: string, value: number) => `${key}${keys.assign}${value}`
  if (s.threads === null || s.batchSize === null) {
    const bad = s.threads === null ? keys.threads : keys.batch
    found.push({
      summary: `${bad} is not a whole number dbt can use, so the load cannot be weighed against it`,
      remedy: `Correct ${bad} first (the Set up step’s checks say how).`,
    })
  }
  if (s.threads === 1 && load.models >= 2 && load.modelSeconds >= THREADS_WORTH_SECONDS) {
    const floor = Math.max(load.longestModelSeconds, load.modelSeconds / SUGGESTED_THREADS)
    found.push({
      summary: `dbt runs its ${num(load.models)} models one at a time (${keys.threads} is 1), and their medians add up to ${duration(load.modelSeconds)} a run`,
      remedy: `Set ${set(keys.threads, SUGGESTED_THREADS)}: models that do not depend on each other then run side by side. Expected gain: the models’ time per run falls from about ${duration(load.modelSeconds)} toward ${duration(floor)} (the longest model, ${duration(load.longestModelSeconds)}, is the floor). Each thread is one more PostgreSQL session per dbt container.`,
    })
  }
  if (
    s.threads !== null &&
    load.models > 0 &&
    s.threads > Math.max(load.models, SUGGESTED_THREADS)
  ) {
    found.push({
      summary: `dbt has ${s.threads} threads for ${plural(load.models, 'model')}`,
      remedy: `Lower ${keys.threads} to ${Math.max(load.models, SUGGESTED_THREADS)}: more threads than models only hold PostgreSQL sessions open.`,
    })
  }
  const waiting = load.waiting ?? 0
  if (s.batchSize === 0 && waiting >= SUGGESTED_BATCH) {
    found.push({
      summary: `${keys.batch} is not set, so dbt takes all ${capped(waiting)} waiting rows in one run`,
      remedy: `Set ${set(keys.batch, SUGGESTED_BATCH)}: each run then takes at most ${num(SUGGESTED_BATCH)} rows, so the backlog is worked through in about ${num(Math.ceil(waiting / SUGGESTED_BATCH))}${waiting > COUNT_CAP ? ' or more' : ''} runs with fresh data between them, instead of one run of hours.`,
    })
  }
  if (s.batchSize && perRun !== null && perRun > s.batchSize) {
    found.push({
      summary: `${keys.batch} (${num(s.batchSize)}) is below the rows saved between two runs (about ${num(Math.round(perRun))}), so dbt falls further behind every run`,
      remedy: `Raise ${keys.batch} to ${num(roundUp(2 * perRun))} or more (twice the rows saved between runs), so each run takes the new rows and some of the backlog.`,
    })
  } else if (s.batchSize && perHour && waiting > 3 * s.batchSize) {
    const gain = s.batchSize - (perRun ?? 0)
    const hours = waiting / gain / perHour
    if (hours > CATCH_UP_HOURS) {
      const target = roundUp(waiting / 10 + (perRun ?? 0))
      found.push({
        summary: `at ${num(s.batchSize)} rows a run and ${Math.round(perHour * 10) / 10} runs an hour, the ${capped(waiting)} waiting rows take about ${duration(hours * 3600)} to catch up`,
        remedy: `Raise ${keys.batch} to about ${num(target)} to catch up in some ten runs; each run then takes longer, so keep it below what a run can finish within the time dashboards may lag.`,
      })
    }
  }
  if (found.length === 0) {
    return {
      verdict: 'pass',
      summary: `dbt’s ${plural(s.threads ?? 1, 'thread')} and ${s.batchSize ? `batch size of ${num(s.batchSize)}` : 'unbatched runs'} fit the load: ${capped(waiting)} raw rows waiting, ${load.savedLastHour === null ? 'unknown' : capped(load.savedLastHour)} saved in the last hour, ${load.runs24h ?? 'unknown'} runs in 24 hours${load.medianRunSeconds === null ? '' : ` of ${duration(load.medianRunSeconds)} at the median`}.`,
      evidence,
    }
  }
  return {
    verdict: 'warn',
    summary: `${found.map((f) => f.summary).join('; ')}.`,
    evidence,
    remedy: {
      text: `${found.map((f) => f.remedy).join(' ')} Then run the checks again and compare the figures with this run’s.`,
      docUrl: PAGE.tuning.docUrl,
    },
  }
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10)
const m = (label: string, value: number | null, unit: string | null): EvidenceItem => ({
  type: 'measure',
  label,
  value,
  unit,
  limit: null,
})

/** The file's names for the two settings. */
export const tuningKeys = (config: ChtSyncConfig): TuningKeys => ({
  threads: keyOf(config, 'DBT_THREAD_COUNT'),
  batch: keyOf(config, 'DBT_BATCH_SIZE'),
  assign: config.kind === 'env' ? '=' : ': ',
})

/** Reads the settings and the load, and decides. */
export async function runDbtTuning(ctx: CheckContext): Promise<CheckOutcome> {
  const config = await ctx.config()
  const load = config ? await measureDbtLoad(ctx) : null
  return withConfig(ctx, (c) => {
    const settings = dbtSettings(c)
    const keys = tuningKeys(c)
    const outcome = judgeDbtTuning(settings, load!, keys)
    const files: EvidenceItem[] = [
      fileFact(c),
      entryItem(c, settings.threadsEntry, keys.threads),
      entryItem(c, settings.batchEntry, keys.batch),
    ]
    return { ...outcome, evidence: [...(outcome.evidence ?? []), ...files] }
  })
}

/** `optimize.dbt-tuning`. */
export const OPTIMIZE_DBT_TUNING = defineCheck('optimize.dbt-tuning', runDbtTuning)
