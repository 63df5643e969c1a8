import { sameSeq } from '../../../shared/couch-seq'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import { isAppError } from '../../../shared/result'
import {
  changedSince,
  checkpoint,
  pending,
  type CouchCheckpoint,
  type CouchSource,
} from './couch-source'
import type { PipelineScope } from './doc-scope'

/**
 * Lag-aware parity: a document changed after a pipeline's checkpoint is in flight (the pipeline
 * will copy it in its next batch), not missing or stale. Sequences are opaque (reference 6.3):
 * each is passed back to CouchDB verbatim, which answers the backlog (`pending`) and the ids
 * changed since; nothing is computed from a sequence.
 */

/** Changed ids read per pipeline and database at most; beyond it the backlog is "too large". */
export const IN_FLIGHT_CAP = 100_000

/** Where one pipeline stood for one database, and what it has still to copy. */
export interface PipelineLag {
  database: string
  /** The sequence it resumes from (the first of its rows, verbatim), or null. */
  seq: string | null
  /** CouchDB's `pending` after that sequence; null when unknown. */
  pending: number | null
  /** Ids changed after its checkpoint(s): in flight. */
  inFlight: Set<string>
  /** False when the ids could not all be read (backlog above the cap, a sequence refused). */
  complete: boolean
  /** Why the backlog is unknown or incomplete, for people; null when it is known. */
  note: string | null
}

/**
 * For each database the pipeline copies, its backlog and in-flight ids. A pipeline that used
 * several CouchDB addresses has several rows for one database: the ids changed after any of their
 * sequences are in flight (the union is what the oldest of them has still to copy, without
 * ordering sequences). A database with no row (assumed from tables) has everything unknown.
 */
export async function pipelineLag(
  source: CouchSource,
  scope: PipelineScope,
  cap = IN_FLIGHT_CAP,
): Promise<PipelineLag[]> {
  const out: PipelineLag[] = []
  for (const [database, rows] of scope.databases) {
    const lag: PipelineLag = {
      database,
      seq: rows[0]?.seq ?? null,
      pending: null,
      inFlight: new Set(),
      complete: rows.length > 0,
      note: rows.length === 0 ? 'no checkpoint to read a backlog from' : null,
    }
    for (const row of rows) {
      if (row.seq === null) {
        lag.complete = false
        lag.note = `the progress row ${row.source} holds no usable sequence`
        continue
      }
      try {
        const backlog = await pending(source, database, row.seq)
        if (backlog !== null) lag.pending = Math.max(lag.pending ?? 0, backlog)
        const changed = await changedSince(source, database, row.seq, cap)
        for (const id of changed.ids) lag.inFlight.add(id)
        if (!changed.complete) {
          lag.complete = false
          lag.note = `more than ${cap.toLocaleString('en-US')} changes are waiting to be copied`
        }
      } catch (e) {
        if (!isAppError(e) || e.code === 'CANCELLED') throw e
        lag.complete = false
        lag.note = clipText(
          `CouchDB refused the checkpoint of ${row.source}: ${e.message}`,
          TEXT_LIMITS.line,
        )
      }
    }
    out.push(lag)
  }
  return out
}

/**
 * The ids of `db` that changed since `start` was taken: documents written while parity ran are
 * in flight for both pipelines. Empty when the database's sequence did not move.
 */
export async function changedDuringRun(
  source: CouchSource,
  db: string,
  start: CouchCheckpoint,
  cap = IN_FLIGHT_CAP,
): Promise<{ ids: Set<string>; complete: boolean }> {
  const now = await checkpoint(source, db)
  if (sameSeq(now.updateSeq, start.updateSeq)) return { ids: new Set(), complete: true }
  const changed = await changedSince(source, db, start.updateSeq, cap)
  return { ids: new Set(changed.ids), complete: changed.complete }
}
