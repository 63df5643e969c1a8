import { statfs } from 'node:fs/promises'
import { isAppError } from '../../../../shared/result'
import type { Scalar } from '../../../../shared/results/common'
import { readProgressRows } from '../../connections/progress-rows'
import { findRelations, hasColumns, relationIn, rowCounts } from '../../db/catalog'
import { qualified } from '../../db/identifiers'
import { SMALL_ANSWER_BYTES } from '../../parity/couch-client'
import type { CheckContext } from '../check-types'
import type { ChtSyncConfig } from '../config/config-types'
import { databaseList, isLocalHost } from '../setup/access-config'
import { gbToBytes, measureOn, readPgSettings, type Measured } from './pg-settings'

/** How far CHT Sync has got, as the guide's sync-percentage query computes it. */
export interface SyncProgress {
  /** Raw rows / (raw rows + SUM(pending)); null when either is unknown or both are 0. */
  fraction: number | null
  rawRows: number | null
  rawExact: boolean
  pending: number | null
  /** The CouchDB databases the progress rows name. */
  databases: string[]
}

/** Reads the raw table's rows and the progress table's pending changes of the CHT Sync database. */
export function measureProgress(ctx: CheckContext): Promise<Measured<SyncProgress>> {
  const profile = ctx.document.connections.chtSync
  return measureOn(ctx, 'chtSync', async (tx) => {
    if (!profile) return null
    const found = await findRelations(tx, [profile.table, 'couchdb_progress'], profile.schema)
    const raw = relationIn(found, profile.schema, profile.table)
    const progress = relationIn(found, profile.schema, 'couchdb_progress')
    const [count] = raw ? await rowCounts(tx, [raw]) : []
    let pending: number | null = null
    let databases: string[] = []
    if (progress && progress.canSelect && progress.schemaUsage) {
      databases = (await readProgressRows(tx, progress)).rows
        .map((r) => r.database)
        .filter((d): d is string => typeof d === 'string' && d !== '')
      if (hasColumns(progress, 'pending')) {
        const { rows } = await tx.query<{ pending: string | null }>(
          `SELECT sum(greatest(pending, 0))::text AS pending
             FROM ${qualified(progress.schema, progress.name)}`,
        )
        const n = Number(rows[0]?.pending ?? 0)
        pending = Number.isFinite(n) ? n : null
      }
    }
    const rawRows = count?.rows ?? null
    const total = rawRows === null || pending === null ? 0 : rawRows + pending
    return {
      fraction: total > 0 && rawRows !== null ? rawRows / total : null,
      rawRows,
      rawExact: count?.exact ?? false,
      pending,
      databases: [...new Set(databases)],
    }
  })
}

/** The CouchDB databases CHT Sync copies, and where the list came from. */
export function copiedDatabases(
  config: ChtSyncConfig | null,
  fromProgress: string[],
): { names: string[]; source: string } {
  const configured = [...new Set(config?.couchdbs.flatMap((t) => databaseList(t.dbs).names))]
  if (configured.length > 0) return { names: configured, source: 'COUCHDB_DBS' }
  if (fromProgress.length > 0) return { names: fromProgress, source: 'CHT Sync’s progress rows' }
  return { names: ['medic', 'medic-sentinel'], source: 'CHT’s two main databases (assumed)' }
}

const sizeOf = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null

/** CouchDB's size of the databases: `sizes.file` (2.x+) or `disk_size` (1.x), summed. */
export async function measureCouchSize(
  ctx: CheckContext,
  names: string[],
): Promise<Measured<number> & { rows: Scalar[][] }> {
  if (!ctx.document.connections.couchdb) {
    return { value: null, note: 'The CouchDB connection is not set (Connections page).', rows: [] }
  }
  const rows: Scalar[][] = []
  const notes: string[] = []
  let total = 0
  let any = false
  try {
    const source = await ctx.couch()
    for (const db of names.slice(0, 20)) {
      try {
        const info = await source.read({ db, maxBytes: SMALL_ANSWER_BYTES })
        const sizes = (info.sizes ?? {}) as Record<string, unknown>
        const file = sizeOf(sizes.file) ?? sizeOf(info.disk_size)
        const active = sizeOf(sizes.active) ?? sizeOf(info.data_size)
        rows.push([db, file, active, sizeOf(info.doc_count)])
        if (file !== null) {
          total += file
          any = true
        }
      } catch (e) {
        if (ctx.signal.aborted || !isAppError(e)) throw e
        rows.push([db, null, null, null])
        notes.push(`${db}: ${e.message}`)
      }
    }
  } catch (e) {
    if (ctx.signal.aborted || !isAppError(e)) throw e
    return { value: null, note: `CouchDB could not be read: ${e.message}`, rows }
  }
  return { value: any ? total : null, note: notes.length > 0 ? notes.join(' ') : null, rows }
}

/** Free disk where the CHT Sync database lives, and how the wizard knows it. */
export interface FreeDisk {
  bytes: number | null
  source: string
}

/**
 * The free disk: the calculator's `freeDiskGb` when entered; else, when the CHT Sync PostgreSQL
 * runs on this machine and this role may read `data_directory`, the free space of that folder's
 * file system (`statfs`, as an unprivileged user sees it).
 */
export async function measureFreeDisk(ctx: CheckContext): Promise<FreeDisk> {
  const entered = ctx.document.checks.sizing.freeDiskGb
  if (entered !== null) return { bytes: gbToBytes(entered), source: 'entered in the calculator' }
  const profile = ctx.document.connections.chtSync
  if (!profile || !isLocalHost(profile.host)) {
    return {
      bytes: null,
      source:
        'not entered; the CHT Sync PostgreSQL is not on this computer, so it cannot be measured',
    }
  }
  const dir = await measureOn(ctx, 'chtSync', async (tx) => {
    const settings = await readPgSettings(tx, ['data_directory'])
    return settings.get('data_directory')?.setting ?? null
  })
  if (!dir.value) {
    return {
      bytes: null,
      source: `not entered; the data directory is not readable by this user${dir.note ? ` (${dir.note})` : ''}`,
    }
  }
  try {
    const fs = await statfs(dir.value)
    return { bytes: Number(fs.bavail) * Number(fs.bsize), source: `free space of ${dir.value}` }
  } catch (e) {
    const code = (e as { code?: unknown }).code
    return {
      bytes: null,
      source: `not entered; ${dir.value} cannot be read here (${typeof code === 'string' ? code : 'error'}: PostgreSQL may run in a container)`,
    }
  }
}
