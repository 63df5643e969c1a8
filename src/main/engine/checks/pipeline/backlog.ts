import { CHT_DATABASES } from '../../../../shared/cht-databases'
import type { CouchSeq } from '../../../../shared/couch-seq'
import { isAppError } from '../../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import { pending, type CouchSource } from '../../parity/couch-source'
import { couch2pgTableOf, readCouch } from '../../parity/doc-scope'
import type { CheckContext } from '../check-types'
import { chtSyncRelations } from './cht-sync-relations'
import { sourceHost } from './pipeline-common'
import { readChtSyncProgress, readCouch2pgProgress, type ProgressRowNow } from './progress-now'

/**
 * Each pipeline's backlog per CouchDB database: CouchDB's `pending` after the pipeline's
 * checkpoint (`_changes?since=<seq>&limit=0`, the parity engine's `pending`), never computed
 * from sequences, which are opaque. Progress rows are matched to databases by database name (the
 * host in a row is how the pipeline reached CouchDB, rarely the wizard's address).
 *
 * A database with several rows (the pipeline reached CouchDB by several addresses, or several
 * CHT instances) takes its backlog from one of them: the row naming the wizard's CouchDB host if
 * one does, else the one updated last (CHT Sync), else the one with the least to copy (couch2pg,
 * whose abandoned rows stay behind for ever). The other rows are listed, not counted.
 */

export type PipelineName = 'couch2pg' | 'chtSync'
export const PIPELINE_LABEL: Record<PipelineName, string> = {
  couch2pg: 'couch2pg',
  chtSync: 'CHT Sync',
}

/** One progress row with the backlog CouchDB gives for its sequence now. */
export interface RowBacklog extends ProgressRowNow {
  /** Changes after the row's sequence; null when unknown (see `note`). */
  pending: number | null
  note: string | null
  /** True for the row the database's backlog is taken from. */
  counted: boolean
}

/** One CouchDB database a pipeline copies. */
export interface DatabaseBacklog {
  database: string
  /** CouchDB's `update_seq` when measured (opaque). */
  updateSeq: CouchSeq
  rows: RowBacklog[]
  /** The counted row's backlog; null when unknown. */
  pending: number | null
  /** The counted row's age (CHT Sync), else null. */
  updatedAgoSeconds: number | null
  /** Why the backlog is unknown, or which rows were left out. */
  note: string | null
}

export interface PipelineBacklog {
  pipeline: PipelineName
  /** When its progress rows were read (this computer's clock, ms). */
  measuredAt: number
  databases: DatabaseBacklog[]
  /** Rows naming a database CouchDB does not have (a typo such as `medic_sentinel`). */
  strays: ProgressRowNow[]
  /** Databases a row names that this CouchDB user may not read, with the reason. */
  unreadable: { database: string; reason: string }[]
  /** Rows naming no database (couch2pg's legacy `default-source`). */
  unnamed: ProgressRowNow[]
  /** Every progress row read. */
  rows: ProgressRowNow[]
  /** A sentence when what it copies was assumed or could not be read. */
  note: string | null
}

/** The hostname of the project's CouchDB address, lower case, or null. */
export function couchHostOf(ctx: CheckContext): string | null {
  const url = ctx.document.connections.couchdb?.url
  if (!url) return null
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return null
  }
}

/** The row a database's backlog is taken from (see the module's comment). */
function countedRow(rows: RowBacklog[], couchHost: string | null): RowBacklog | undefined {
  const here = rows.filter((r) => couchHost !== null && sourceHost(r.source) === couchHost)
  const pool = here.length > 0 ? here : rows
  const timed = pool.filter((r) => r.updatedAgoSeconds !== null)
  if (timed.length > 0) {
    return timed.reduce((a, b) => (b.updatedAgoSeconds! < a.updatedAgoSeconds! ? b : a))
  }
  const known = pool.filter((r) => r.pending !== null)
  if (known.length > 0) return known.reduce((a, b) => (b.pending! < a.pending! ? b : a))
  return pool[0]
}

async function rowBacklog(couch: CouchSource, db: string, row: ProgressRowNow) {
  if (row.seq === null) {
    return { pending: null, note: `the progress row ${row.source} holds no usable sequence` }
  }
  try {
    const backlog = await pending(couch, db, row.seq)
    return {
      pending: backlog,
      note: backlog === null ? 'CouchDB did not say how many changes follow' : null,
    }
  } catch (e) {
    if (!isAppError(e) || e.code === 'CANCELLED') throw e
    const message = clipText(`CouchDB refused the sequence of ${row.source}: ${e.message}`, 500)
    return { pending: null, note: message }
  }
}

/**
 * Measures a pipeline's backlog from its progress rows: reads each named database's checkpoint
 * (absent ones make the rows strays), then CouchDB's `pending` after each row's sequence.
 * `assumed` lists databases it copies although no row names them (couch2pg without sources).
 */
export async function measureBacklog(
  couch: CouchSource,
  input: {
    pipeline: PipelineName
    rows: ProgressRowNow[]
    couchHost: string | null
    measuredAt: number
    assumed?: readonly string[]
    note?: string | null
  },
): Promise<PipelineBacklog> {
  const named = new Map<string, ProgressRowNow[]>()
  const unnamed: ProgressRowNow[] = []
  for (const row of input.rows) {
    if (row.database === null) unnamed.push(row)
    else named.set(row.database, [...(named.get(row.database) ?? []), row])
  }
  const assumed = (input.assumed ?? []).filter((db) => !named.has(db))
  const scope = await readCouch(couch, [...named.keys(), ...assumed])
  const databases: DatabaseBacklog[] = []
  for (const [database, checkpoint] of scope.checkpoints) {
    const rows: RowBacklog[] = []
    for (const row of named.get(database) ?? []) {
      rows.push({ ...row, ...(await rowBacklog(couch, database, row)), counted: false })
    }
    const counted = countedRow(rows, input.couchHost)
    if (counted) counted.counted = true
    const others = rows.length - 1
    databases.push({
      database,
      updateSeq: checkpoint.updateSeq,
      rows,
      pending: counted?.pending ?? null,
      updatedAgoSeconds: counted?.updatedAgoSeconds ?? null,
      note: !counted
        ? 'no progress row names it: its backlog is unknown'
        : (counted.note ??
          (others > 0
            ? `${others + 1} progress rows name it; the one from ${counted.source} is counted`
            : null)),
    })
  }
  databases.sort((a, b) => a.database.localeCompare(b.database))
  return {
    pipeline: input.pipeline,
    measuredAt: input.measuredAt,
    databases,
    strays: scope.absent.flatMap((db) => named.get(db) ?? []),
    unreadable: [...scope.unreadable].map(([database, reason]) => ({
      database,
      reason: clipText(reason, TEXT_LIMITS.line),
    })),
    unnamed,
    rows: input.rows,
    note: input.note ?? null,
  }
}

/** Measures CHT Sync's backlog now (not shared: `chtSyncBacklog` is). */
export async function measureChtSyncBacklog(ctx: CheckContext): Promise<PipelineBacklog> {
  const relations = await chtSyncRelations(ctx)
  const measuredAt = Date.now()
  const rows = await ctx.read('chtSync', (tx) => readChtSyncProgress(tx, relations.progress))
  const table = `${relations.schema}.couchdb_progress`
  return measureBacklog(await ctx.couch(), {
    pipeline: 'chtSync',
    rows,
    couchHost: couchHostOf(ctx),
    measuredAt,
    note: relations.progress ? null : `CHT Sync’s progress table ${table} does not exist.`,
  })
}

/** Measures couch2pg's backlog now (not shared: `couch2pgBacklog` is). */
export async function measureCouch2pgBacklog(ctx: CheckContext): Promise<PipelineBacklog> {
  const measuredAt = Date.now()
  const old = await readCouch2pgProgress(ctx)
  const names = old.rows.some((r) => r.database !== null)
  const assumed = names
    ? []
    : CHT_DATABASES.filter((db) => old.tables.includes(couch2pgTableOf(db)))
  const note = names
    ? null
    : old.tables.length > 0
      ? 'couch2pg’s progress table names no database (releases before 2018 keep no source), so the databases were taken from its tables and their backlog is unknown.'
      : 'No couch2pg table was found in the couch2pg database.'
  return measureBacklog(await ctx.couch(), {
    pipeline: 'couch2pg',
    rows: old.rows,
    couchHost: couchHostOf(ctx),
    measuredAt,
    assumed,
    note,
  })
}

/** CHT Sync's backlog, measured once per run. */
export const chtSyncBacklog = (ctx: CheckContext): Promise<PipelineBacklog> =>
  ctx.memo('pipeline.backlog.chtSync', () => measureChtSyncBacklog(ctx))

/** couch2pg's backlog, measured once per run. */
export const couch2pgBacklog = (ctx: CheckContext): Promise<PipelineBacklog> =>
  ctx.memo('pipeline.backlog.couch2pg', () => measureCouch2pgBacklog(ctx))

/** Two measurements further apart than this are not "the same moment". */
export const SAME_MOMENT_MS = 5_000

/**
 * Both pipelines' backlogs read within `SAME_MOMENT_MS` of each other, once per run: the shared
 * measurements when they are that close (a run measures both in one go when it gets here first),
 * else both again, side by side.
 */
export function pairedBacklogs(
  ctx: CheckContext,
): Promise<{ couch2pg: PipelineBacklog; chtSync: PipelineBacklog }> {
  return ctx.memo('pipeline.backlog.pair', async () => {
    const [couch2pg, chtSync] = await Promise.all([couch2pgBacklog(ctx), chtSyncBacklog(ctx)])
    if (Math.abs(couch2pg.measuredAt - chtSync.measuredAt) <= SAME_MOMENT_MS) {
      return { couch2pg, chtSync }
    }
    const [old, neu] = await Promise.all([measureCouch2pgBacklog(ctx), measureChtSyncBacklog(ctx)])
    return { couch2pg: old, chtSync: neu }
  })
}
