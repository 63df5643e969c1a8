import { hasColumns, type Relation } from '../../db/catalog'
import { qualified } from '../../db/identifiers'
import type { ReadTx } from '../../db/read-transaction'
import {
  PROGRESS_ROWS_LIMIT,
  readCheckpointRows,
  type CheckpointRow,
} from '../../parity/doc-progress'
import { readOldIn } from '../../parity/doc-scope'
import type { Couch2pgTable } from '../../parity/pg-relations'
import type { CheckContext } from '../check-types'
import { numberOrNull, utcEpoch } from './pipeline-common'

/**
 * The pipelines' progress rows as the checks read them: the parity engine's rows (sequence
 * verbatim, stored `pending`), plus, for CHT Sync 1.0 and later, when each row was last updated
 * and how long ago by the database server's clock (`couch2pg_up` of CHT Watchdog).
 */

/** One progress row, read now. */
export interface ProgressRowNow extends CheckpointRow {
  /** `updated_at` as ISO; null when the table or the row has none (couch2pg never has). */
  updatedAt: string | null
  /** Seconds between `updated_at` and the database server's `now()`; null when unknown. */
  updatedAgoSeconds: number | null
}

/** The source as `readCheckpointRows` keeps it, to pair its rows with the times read here. */
const SOURCE_KEY = 'left(source::text, 500)'

/**
 * CHT Sync's progress rows in `progress` (its `couchdb_progress`), with `updated_at` where the
 * table has it; none when the table is missing or unreadable.
 */
export async function readChtSyncProgress(
  tx: ReadTx,
  progress: Relation | undefined,
): Promise<ProgressRowNow[]> {
  const rows = await readCheckpointRows(tx, progress)
  const times = new Map<string, { at: number | null; ago: number | null }>()
  if (rows.length > 0 && progress && hasColumns(progress, 'updated_at')) {
    const { rows: read } = await tx.query<{ source: string; at: unknown; now: unknown }>(
      `SELECT ${SOURCE_KEY} AS source, ${utcEpoch('updated_at')} AS at,
              extract(epoch from now())::float8 AS now
         FROM ${qualified(progress.schema, progress.name)}
        WHERE source IS NOT NULL
        ORDER BY source
        LIMIT ${PROGRESS_ROWS_LIMIT}`,
    )
    for (const r of read) {
      const at = numberOrNull(r.at)
      const now = numberOrNull(r.now)
      times.set(String(r.source), { at, ago: at === null || now === null ? null : now - at })
    }
  }
  return rows.map((row) => {
    const time = times.get(row.source)
    const at = time?.at ?? null
    return {
      ...row,
      updatedAt: at === null ? null : new Date(at * 1000).toISOString(),
      updatedAgoSeconds: time?.ago ?? null,
    }
  })
}

/** couch2pg's progress rows and tables, found wherever they are (the parity engine's reader). */
export interface Couch2pgProgress {
  schema: string
  tables: Couch2pgTable[]
  rows: ProgressRowNow[]
}

/** Reads couch2pg's side with the probe profile, following the check's signal. */
export async function readCouch2pgProgress(ctx: CheckContext): Promise<Couch2pgProgress> {
  // Through ctx.read: a couch2pg that cannot be reached is said as "Test connection" says it.
  const old = await ctx.read('couch2pg', readOldIn)
  return {
    schema: old.schema,
    tables: old.tables,
    rows: old.rows.map((r) => ({ ...r, updatedAt: null, updatedAgoSeconds: null })),
  }
}
