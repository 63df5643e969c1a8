import { BACKLOG_FIGURE } from '../../../../shared/charts/backlog-data'
import { isAppError } from '../../../../shared/result'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import {
  chtSyncBacklog,
  couch2pgBacklog,
  pairedBacklogs,
  PIPELINE_LABEL,
  type PipelineBacklog,
} from './backlog'
import { chtSyncRelations } from './cht-sync-relations'
import { dbtFreshness } from './dbt-measures'
import {
  CAUGHT_UP_CHANGES,
  duration,
  listOf,
  num,
  plural,
  UP_WITHIN_SECONDS,
} from './pipeline-common'

/**
 * `monitor.lag`: the wizard's own reading of what CHT Watchdog would show: each pipeline's
 * backlog per database (`couch2pg_progress_pending`), whether CHT Sync's progress was updated
 * within a minute (`couch2pg_up`), and `dbt_latency`. A measurement, not a gate: it warns. It
 * reuses the measurements the run already made (setup.backlog, production.fresh, setup.dbt-fresh).
 */

const WATCH =
  'A CHT Watchdog alert should watch the same figures: couch2pg_progress_pending, couch2pg_up and dbt_latency.'

async function latency(
  ctx: CheckContext,
): Promise<{ seconds: number | null; note: string | null }> {
  try {
    const rel = await chtSyncRelations(ctx)
    if (!rel.metadata) return { seconds: null, note: 'no dbt models yet (no document_metadata)' }
    const f = await dbtFreshness(ctx)
    return f
      ? { seconds: f.latencySeconds, note: null }
      : { seconds: null, note: 'the models cannot be read' }
  } catch (e) {
    if (!isAppError(e) || e.code === 'CANCELLED') throw e
    return { seconds: null, note: e.message }
  }
}

function evidence(backlogs: PipelineBacklog[], dbt: { seconds: number | null }): EvidenceItem[] {
  const rows: (string | number | boolean | null)[][] = []
  for (const b of backlogs) {
    for (const d of b.databases) {
      const up = d.updatedAgoSeconds === null ? null : d.updatedAgoSeconds <= UP_WITHIN_SECONDS
      rows.push([PIPELINE_LABEL[b.pipeline], d.database, d.pending, up])
    }
  }
  const items: EvidenceItem[] = [
    {
      type: 'table',
      caption: 'Backlog per pipeline and database (couch2pg_progress_pending, couch2pg_up)',
      columns: ['pipeline', 'database', 'pending', 'updated within a minute'],
      rows,
    },
  ]
  // Each pipeline's total as a measure too: a run's history keeps measures, so the overview's
  // backlog chart reads the earlier runs from them (the table is kept for the latest run only).
  for (const b of backlogs) {
    const pending = b.databases.map((d) => d.pending)
    items.push({
      type: 'measure',
      label: BACKLOG_FIGURE[b.pipeline],
      value:
        pending.length > 0 && pending.every((p) => p !== null)
          ? pending.reduce<number>((sum, p) => sum + (p ?? 0), 0)
          : null,
      unit: 'changes',
      limit: null,
    })
  }
  if (backlogs.some((b) => b.pipeline === 'chtSync')) {
    items.push({
      type: 'measure',
      label: 'dbt_latency',
      value: dbt.seconds,
      unit: 's',
      limit: null,
    })
  }
  return items
}

/** Measures (or reuses) both pipelines' lag and reports it. */
export async function runMonitorLag(ctx: CheckContext): Promise<CheckOutcome> {
  const { couch2pg, chtSync } = ctx.document.connections
  if (!couch2pg && !chtSync) {
    const reason = 'Neither the couch2pg nor the CHT Sync connection is set (Connections page).'
    return { verdict: 'skipped', summary: reason, skippedBecause: reason }
  }
  const backlogs =
    couch2pg && chtSync
      ? Object.values(await pairedBacklogs(ctx))
      : [await (couch2pg ? couch2pgBacklog(ctx) : chtSyncBacklog(ctx))]
  const dbt = chtSync ? await latency(ctx) : { seconds: null, note: null }
  const shown = evidence(backlogs, dbt)
  const behind: string[] = []
  const unknown: string[] = []
  const figures: string[] = []
  for (const b of backlogs) {
    const label = PIPELINE_LABEL[b.pipeline]
    const known = b.databases.filter((d) => d.pending !== null)
    if (known.length > 0) {
      figures.push(
        `${label} at most ${plural(Math.max(...known.map((d) => d.pending!)), 'change')} behind`,
      )
    }
    for (const d of b.databases) {
      if (d.pending === null) unknown.push(`${label} on ${d.database}`)
      else if (d.pending > CAUGHT_UP_CHANGES)
        behind.push(`${label} on ${d.database} (${num(d.pending)})`)
    }
    if (b.databases.length === 0)
      unknown.push(`${label} (${b.note ?? 'no database it copies was found'})`)
  }
  const down = chtSync
    ? backlogs
        .filter((b) => b.pipeline === 'chtSync')
        .flatMap((b) => b.databases)
        .filter((d) => d.updatedAgoSeconds !== null && d.updatedAgoSeconds > UP_WITHIN_SECONDS)
    : []
  const upText =
    down.length > 0
      ? ` couch2pg_up would be 0 for ${listOf(down.map((d) => `${d.database} (updated ${duration(d.updatedAgoSeconds!)} ago)`))}.`
      : ''
  const dbtText =
    dbt.seconds !== null
      ? ` dbt_latency is ${duration(dbt.seconds)}.`
      : dbt.note
        ? ` dbt_latency is unknown: ${dbt.note}.`
        : ''
  const measured = figures.length > 0 ? `${figures.join('; ')}.` : ''
  if (behind.length > 0 || unknown.length > 0) {
    const parts = [
      behind.length > 0
        ? `more than ${num(CAUGHT_UP_CHANGES)} changes wait for ${listOf(behind)}`
        : null,
      unknown.length > 0 ? `the backlog of ${listOf(unknown)} is unknown` : null,
    ].filter((p): p is string => p !== null)
    return {
      verdict: 'warn',
      summary: `${measured} ${parts.join('; ')}.${upText}${dbtText} ${WATCH}`.trim(),
      evidence: shown,
      remedy: {
        text: `A lag that stays high means a pipeline cannot keep up or has stopped: read its log. ${WATCH}`,
      },
    }
  }
  return {
    verdict: 'pass',
    summary:
      `${measured} Every database is within ${num(CAUGHT_UP_CHANGES)} changes.${upText}${dbtText} ${WATCH}`.trim(),
    evidence: shown,
  }
}

/** `monitor.lag`. */
export const MONITOR_LAG = defineCheck('monitor.lag', runMonitorLag)
