import { BACKLOG_FIGURE } from '../../../../shared/charts/backlog-data'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { pairedBacklogs, PIPELINE_LABEL, type PipelineBacklog, type PipelineName } from './backlog'
import { CAUGHT_UP_CHANGES, listOf, num, plural } from './pipeline-common'

/**
 * `production.fresh`: both pipelines' checkpoints held against CouchDB at the same moment (read
 * within a few seconds of each other), for each database both copy. A comparison of the two
 * copies only means something when neither trails.
 */

/** One database either pipeline copies, with each one's backlog (undefined: it does not copy it). */
export interface FreshRow {
  database: string
  couch2pg: number | null | undefined
  chtSync: number | null | undefined
}

/** Both pipelines' backlogs side by side, by database (databases either copies). */
export function sideBySide(old: PipelineBacklog, neu: PipelineBacklog): FreshRow[] {
  const of = (b: PipelineBacklog) => new Map(b.databases.map((d) => [d.database, d.pending]))
  const a = of(old)
  const b = of(neu)
  return [...new Set([...a.keys(), ...b.keys()])]
    .sort((x, y) => x.localeCompare(y))
    .map((database) => ({
      database,
      couch2pg: a.has(database) ? a.get(database)! : undefined,
      chtSync: b.has(database) ? b.get(database)! : undefined,
    }))
}

const cell = (v: number | null | undefined) => (v === undefined ? 'not copied' : v)

/** A pipeline's backlog over the databases it copies; null when one of them is unknown. */
function totalOf(rows: FreshRow[], pipeline: PipelineName): number | null {
  const copied = rows.map((r) => r[pipeline]).filter((v) => v !== undefined)
  if (copied.length === 0 || copied.some((v) => v === null)) return null
  return copied.reduce<number>((sum, v) => sum + (v ?? 0), 0)
}

function evidence(rows: FreshRow[], old: PipelineBacklog, neu: PipelineBacklog): EvidenceItem[] {
  const gap = Math.abs(old.measuredAt - neu.measuredAt) / 1000
  return [
    {
      type: 'table',
      caption: 'Changes waiting after each pipeline’s checkpoint',
      columns: ['database', 'couch2pg pending', 'CHT Sync pending'],
      rows: rows.map((r) => [r.database, cell(r.couch2pg), cell(r.chtSync)]),
    },
    // Each total as a measure too, so a run's history keeps it (the overview's backlog chart).
    ...(['couch2pg', 'chtSync'] as const).map((pipeline): EvidenceItem => ({
      type: 'measure',
      label: BACKLOG_FIGURE[pipeline],
      value: totalOf(rows, pipeline),
      unit: 'changes',
      limit: null,
    })),
    {
      type: 'measure',
      label: 'Time between the two readings',
      value: Math.round(gap * 10) / 10,
      unit: 's',
      limit: null,
    },
  ]
}

interface Trail {
  pipeline: PipelineName
  database: string
  pending: number
}

const trailText = (t: Trail) =>
  `${PIPELINE_LABEL[t.pipeline]} trails on ${t.database} by ${plural(t.pending, 'change')}`

/** Decides from both backlogs. */
export function judgeFresh(old: PipelineBacklog, neu: PipelineBacklog): CheckOutcome {
  const rows = sideBySide(old, neu)
  const shown = evidence(rows, old, neu)
  const both = rows.filter((r) => r.couch2pg !== undefined && r.chtSync !== undefined)
  const onlyOne = rows.filter((r) => r.couch2pg === undefined || r.chtSync === undefined)
  const onlyText =
    onlyOne.length > 0
      ? ` Only one pipeline copies ${listOf(onlyOne.map((r) => r.database))}: listed, not compared.`
      : ''
  if (both.length === 0) {
    return {
      verdict: 'warn',
      summary: `The two pipelines copy no database in common, so there is nothing to compare.${onlyText}${old.note ? ` ${old.note}` : ''}`,
      evidence: shown,
      remedy: {
        text: 'Check that couch2pg and CHT Sync read the same CouchDB (COUCHDB_URL, COUCHDB_DBS).',
      },
    }
  }
  const trails: Trail[] = []
  const unknown: string[] = []
  for (const r of both) {
    for (const pipeline of ['couch2pg', 'chtSync'] as const) {
      const pending = r[pipeline]
      if (pending === null || pending === undefined)
        unknown.push(`${PIPELINE_LABEL[pipeline]} on ${r.database}`)
      else if (pending > 0) trails.push({ pipeline, database: r.database, pending })
    }
  }
  const far = trails.filter((t) => t.pending > CAUGHT_UP_CHANGES)
  if (far.length > 0) {
    return {
      verdict: 'fail',
      summary: `The pipelines are not caught up at the same moment: ${listOf(far.map(trailText))} (more than ${num(CAUGHT_UP_CHANGES)}). A comparison now would count those documents as in flight.${onlyText}`,
      evidence: shown,
      remedy: {
        text: 'Wait for the trailing pipeline to catch up (couch2pg runs every COUCH2PG_SLEEP_MINS minutes: look for “Run completed” in its log; CHT Sync copies continuously) and run this check again before comparing.',
      },
    }
  }
  if (unknown.length > 0) {
    return {
      verdict: 'warn',
      summary: `The backlog of ${listOf(unknown)} is unknown, so the pipelines cannot be held against each other there.${old.note ? ` ${old.note}` : ''}${neu.note ? ` ${neu.note}` : ''}${onlyText}`,
      evidence: shown,
      remedy: {
        text: 'Compare right after couch2pg’s run (“Run completed” in its log) and read parity’s in-flight counts with that in mind.',
      },
    }
  }
  if (trails.length > 0) {
    return {
      verdict: 'warn',
      summary: `Nearly caught up, not quite: ${listOf(trails.map(trailText))}. A comparison now shows those documents as in flight.${onlyText}`,
      evidence: shown,
      remedy: {
        text: 'Run parity after the trailing pipeline’s next run (couch2pg: “Run completed” in its log), or read its in-flight documents as expected.',
      },
    }
  }
  return {
    verdict: 'pass',
    summary: `Both pipelines are caught up with CouchDB on ${listOf(both.map((r) => r.database))}: nothing waits after either checkpoint.${onlyText}`,
    evidence: shown,
  }
}

/** Reads both backlogs at the same moment (shared with monitor.lag) and decides. */
export async function runProductionFresh(ctx: CheckContext): Promise<CheckOutcome> {
  const { couch2pg, chtSync } = await pairedBacklogs(ctx)
  return judgeFresh(couch2pg, chtSync)
}

/** `production.fresh`. */
export const PRODUCTION_FRESH = defineCheck('production.fresh', runProductionFresh)
