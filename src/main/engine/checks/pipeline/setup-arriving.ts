import { sameSeq, type CouchSeq } from '../../../../shared/couch-seq'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import { estimateRows, findRelations, hasColumns, relationIn } from '../../db/catalog'
import { qualified } from '../../db/identifiers'
import type { ReadTx } from '../../db/read-transaction'
import { readCouch } from '../../parity/doc-scope'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { couchHostOf, measureBacklog, type PipelineBacklog } from './backlog'
import { chtSyncRelations, type ChtSyncRelations } from './cht-sync-relations'
import {
  capped,
  COUNT_CAP,
  duration,
  isoOf,
  listOf,
  numberOrNull,
  plural,
  showSeq,
  STALE_PROGRESS_SECONDS,
  utcEpoch,
} from './pipeline-common'
import { readChtSyncProgress, type ProgressRowNow } from './progress-now'

/**
 * `setup.arriving`: two samples `ctx.sampleWindowMs` apart of the raw table (newest
 * `saved_timestamp`, estimated rows), CHT Sync's progress rows and CouchDB's `update_seq` of each
 * database it copies. Rows that arrived or a checkpoint that moved prove the sync runs; with
 * nothing moving, CouchDB's backlog after each checkpoint tells "caught up" from "stopped".
 */

interface PgSample {
  /** The newest `saved_timestamp` as the server prints it (compared verbatim), or null. */
  newestText: string | null
  newestAt: number | null
  estimate: number | null
  /** Rows saved after the first sample's newest (second sample only), at most `COUNT_CAP + 1`. */
  arrived: number | null
  progress: ProgressRowNow[]
}

async function readPgSample(
  tx: ReadTx,
  rel: ChtSyncRelations,
  after?: { newestText: string | null },
): Promise<PgSample> {
  const fresh = relationIn(await findRelations(tx, [rel.table], rel.schema), rel.schema, rel.table)
  const sample: PgSample = {
    newestText: null,
    newestAt: null,
    estimate: fresh ? estimateRows(fresh) : null,
    arrived: null,
    progress: await readChtSyncProgress(tx, rel.progress),
  }
  if (!fresh || !hasColumns(fresh, 'saved_timestamp')) return sample
  const raw = qualified(rel.schema, rel.table)
  const { rows } = await tx.query<{ newest: string | null; at: unknown }>(
    `SELECT max(saved_timestamp)::text AS newest, ${utcEpoch('max(saved_timestamp)')} AS at
       FROM ${raw}`,
  )
  sample.newestText = rows[0]?.newest ?? null
  sample.newestAt = numberOrNull(rows[0]?.at)
  if (after) {
    const since = after.newestText
    const { rows: counted } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM ${raw}
          WHERE ${since === null ? 'saved_timestamp IS NOT NULL' : 'saved_timestamp > $1'}
          LIMIT ${COUNT_CAP + 1}) AS arrived`,
      since === null ? [] : [since],
    )
    sample.arrived = counted[0]?.n ?? 0
  }
  return sample
}

const bySource = (rows: ProgressRowNow[]) => new Map(rows.map((r) => [r.source, r]))

function evidence(
  first: PgSample,
  second: PgSample,
  firstSeqs: Map<string, CouchSeq>,
  backlog: PipelineBacklog,
  windowMs: number,
): EvidenceItem[] {
  const one = bySource(first.progress)
  const two = bySource(second.progress)
  const rows: (string | number | null)[][] = [
    ['raw table: newest saved_timestamp', isoOf(first.newestAt), isoOf(second.newestAt)],
    ['raw table: rows (estimate)', first.estimate, second.estimate],
  ]
  for (const source of new Set([...one.keys(), ...two.keys()])) {
    const a = one.get(source)
    const b = two.get(source)
    rows.push([`${source}: seq`, showSeq(a?.seq ?? null), showSeq(b?.seq ?? null)])
    rows.push([`${source}: pending (stored)`, a?.storedPending ?? null, b?.storedPending ?? null])
    rows.push([`${source}: updated_at`, a?.updatedAt ?? null, b?.updatedAt ?? null])
  }
  for (const db of backlog.databases) {
    const before = firstSeqs.get(db.database)
    rows.push([
      `CouchDB ${db.database}: update_seq`,
      before === undefined ? null : showSeq(String(before)),
      showSeq(String(db.updateSeq)),
    ])
  }
  return [
    {
      type: 'measure',
      label: 'Time between the samples',
      value: windowMs / 1000,
      unit: 's',
      limit: null,
    },
    {
      type: 'measure',
      label: 'Raw rows saved between the samples',
      value: second.arrived,
      unit: 'rows',
      limit: null,
    },
    { type: 'table', caption: 'The two samples', columns: ['measure', 'first', 'second'], rows },
    {
      type: 'table',
      caption: 'CouchDB’s backlog after CHT Sync’s checkpoint, at the second sample',
      columns: ['database', 'pending', 'progress updated'],
      rows: backlog.databases.map((d) => [
        d.database,
        d.pending,
        d.updatedAgoSeconds === null ? null : `${duration(d.updatedAgoSeconds)} ago`,
      ]),
    },
  ]
}

const LOG_REMEDY =
  'Read the couch2pg container’s log (docker compose logs couch2pg, or kubectl logs on the cht-sync-couch2pg pod): a stopped container, rejected CouchDB credentials or an unreachable CouchDB show there. Restart it once fixed.'

/** Takes the two samples and decides. */
export async function runSetupArriving(ctx: CheckContext): Promise<CheckOutcome> {
  const rel = await chtSyncRelations(ctx)
  const couch = await ctx.couch()
  const first = await ctx.read('chtSync', (tx) => readPgSample(tx, rel))
  const names = first.progress.flatMap((r) => (r.database === null ? [] : [r.database]))
  const firstScope = await readCouch(couch, names)
  const firstSeqs = new Map([...firstScope.checkpoints].map(([db, c]) => [db, c.updateSeq]))
  await ctx.sleep(ctx.sampleWindowMs)
  const measuredAt = Date.now()
  const second = await ctx.read('chtSync', (tx) => readPgSample(tx, rel, first))
  const backlog = await measureBacklog(couch, {
    pipeline: 'chtSync',
    rows: second.progress,
    couchHost: couchHostOf(ctx),
    measuredAt,
  })
  const shown = evidence(first, second, firstSeqs, backlog, ctx.sampleWindowMs)
  const seconds = Math.round(ctx.sampleWindowMs / 1000)
  const arrived = second.arrived ?? 0
  const before = bySource(first.progress)
  const moved = second.progress.filter((r) => {
    const a = before.get(r.source)
    return a !== undefined && r.database !== null && !sameSeq(a.seq, r.seq)
  })
  const dbs = backlog.databases

  if (arrived > 0 || moved.length > 0) {
    const parts = [
      arrived > 0
        ? `${capped(arrived)} raw ${arrived === 1 ? 'row was' : 'rows were'} saved`
        : null,
      moved.length > 0
        ? `the checkpoint of ${listOf([...new Set(moved.map((r) => r.database!))])} moved`
        : null,
    ].filter((p): p is string => p !== null)
    return {
      verdict: 'pass',
      summary: `Documents are arriving: in ${seconds} s, ${parts.join(' and ')}.`,
      evidence: shown,
    }
  }
  if (second.progress.length === 0 || dbs.length === 0) {
    return {
      verdict: 'fail',
      summary:
        second.progress.length === 0
          ? 'Nothing is arriving: CHT Sync has written no progress row, so it has not started copying any database.'
          : `Nothing is arriving: every progress row names a database CouchDB does not have (${listOf(backlog.strays.map((r) => r.database ?? r.source))}).`,
      evidence: shown,
      remedy: {
        text: `Check COUCHDB_DBS names databases this CouchDB has (medic, medic-sentinel, …). ${LOG_REMEDY}`,
      },
    }
  }
  const waiting = dbs.filter((d) => d.pending !== null && d.pending > 0)
  const unknown = dbs.filter((d) => d.pending === null)
  const ages = dbs.flatMap((d) => (d.updatedAgoSeconds === null ? [] : [d.updatedAgoSeconds]))
  const newest = ages.length > 0 ? Math.min(...ages) : null
  if (waiting.length === 0 && unknown.length === 0) {
    const old = newest !== null && newest > STALE_PROGRESS_SECONDS
    return {
      verdict: 'pass',
      summary: `Caught up, nothing new to copy: CouchDB has no change after CHT Sync’s checkpoint of ${listOf(dbs.map((d) => d.database))}.${old ? ` Its progress was last updated ${duration(newest)} ago, though a running CHT Sync updates it every few seconds: make sure its couch2pg container is up.` : ''}`,
      evidence: shown,
    }
  }
  const waitingText = listOf(waiting.map((d) => `${d.database} (${plural(d.pending!, 'change')})`))
  if (waiting.length > 0 && newest !== null && newest > STALE_PROGRESS_SECONDS) {
    return {
      verdict: 'fail',
      summary: `CHT Sync is not copying: changes are waiting in ${waitingText}, nothing arrived in ${seconds} s and its progress was last updated ${duration(newest)} ago.`,
      evidence: shown,
      remedy: { text: LOG_REMEDY },
    }
  }
  const summary =
    waiting.length === 0
      ? `Nothing arrived in ${seconds} s and CouchDB did not say what is waiting for ${listOf(unknown.map((d) => d.database))} (${unknown[0]?.note ?? 'unknown'}).`
      : newest === null
        ? `Changes are waiting in ${waitingText} and nothing arrived in ${seconds} s; the progress table does not say when it was last updated.`
        : `CHT Sync is working but slow or between batches: changes are waiting in ${waitingText}, nothing arrived in ${seconds} s, and its progress was updated ${duration(newest)} ago.`
  return {
    verdict: 'warn',
    summary,
    evidence: shown,
    remedy: { text: `Run this check again in a few minutes. If nothing moves, ${LOG_REMEDY}` },
  }
}

/** `setup.arriving`. */
export const SETUP_ARRIVING = defineCheck('setup.arriving', runSetupArriving)
