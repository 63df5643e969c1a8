import type { ReadTx } from '../../db/read-transaction'
import type { CheckContext } from '../check-types'

/** One row of `pg_settings`: readable by any role for the settings these checks read. */
export interface PgSetting {
  name: string
  setting: string
  /** `8kB`, `kB`, `MB`, `ms`…; null for a plain number or a string. */
  unit: string | null
}

/** The settings named, from `pg_settings` (a setting this role may not see is left out). */
export async function readPgSettings(
  tx: ReadTx,
  names: readonly string[],
): Promise<Map<string, PgSetting>> {
  const { rows } = await tx.query<PgSetting>(
    `SELECT name, left(setting, 1000) AS setting, unit
       FROM pg_settings WHERE name = ANY($1::text[]) LIMIT 100`,
    [names],
  )
  return new Map(rows.map((r) => [r.name, r]))
}

const UNIT_BYTES: Record<string, number> = {
  B: 1,
  kB: 1024,
  '8kB': 8192,
  '16kB': 16384,
  '32kB': 32768,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
}

/** A memory setting in bytes (`shared_buffers` 16384 × 8kB → 134217728); null when not one. */
export function settingBytes(s: PgSetting | undefined): number | null {
  if (!s || s.unit === null) return null
  const factor = UNIT_BYTES[s.unit]
  const n = Number(s.setting)
  return factor === undefined || !Number.isFinite(n) || n < 0 ? null : n * factor
}

/** A whole-number setting (`max_connections`); null when absent or not a number. */
export function settingNumber(s: PgSetting | undefined): number | null {
  const n = s ? Number(s.setting) : NaN
  return Number.isFinite(n) ? n : null
}

/** PostgreSQL's defaults, taken when a setting cannot be read. */
export const PG_DEFAULTS = { sharedBuffers: 128 * 1024 ** 2, workMem: 4 * 1024 ** 2 }

const GIB = 1024 ** 3

/** Bytes as people read disk and memory sizes: `22.2 GB`, `128 MB` (of 1024³ and 1024² bytes, as `df -h`). */
export function formatBytes(bytes: number): string {
  if (bytes >= GIB) return `${(bytes / GIB).toFixed(1)} GB`
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`
  return `${Math.max(0, Math.round(bytes / 1024))} kB`
}

/** GB (1024³ bytes, as the calculator asks for them) to bytes. */
export const gbToBytes = (gb: number): number => gb * GIB

/** A measurement: its value, or why it could not be made. */
export interface Measured<T> {
  value: T | null
  note: string | null
}

/**
 * Runs a read on a project endpoint when its connection is set: the value, or null with the
 * reason (not set, refused, timed out) in words. Never throws but for a cancel.
 */
export async function measureOn<T>(
  ctx: CheckContext,
  endpoint: 'couch2pg' | 'chtSync',
  work: (tx: ReadTx) => Promise<T | null>,
): Promise<Measured<T>> {
  const label = endpoint === 'couch2pg' ? 'couch2pg' : 'CHT Sync'
  if (!ctx.document.connections[endpoint]) {
    return { value: null, note: `The ${label} connection is not set (Connections page).` }
  }
  try {
    return { value: await ctx.read(endpoint, work), note: null }
  } catch (e) {
    if (ctx.signal.aborted) throw e
    const message = e instanceof Error ? e.message : String(e)
    return { value: null, note: `The ${label} database could not be read: ${message}` }
  }
}

/** `pg_database_size` of the session's database, in bytes. */
export async function databaseBytes(tx: ReadTx): Promise<number | null> {
  const { rows } = await tx.query<{ bytes: string }>(
    'SELECT pg_database_size(current_database())::text AS bytes',
  )
  const n = Number(rows[0]?.bytes)
  return Number.isFinite(n) ? n : null
}
