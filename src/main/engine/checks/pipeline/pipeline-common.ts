import pg from 'pg'
import { ident, qualified } from '../../db/identifiers'

/**
 * Limits and wording the pipeline checks share. Timestamps of CHT Sync (`saved_timestamp`,
 * `dbt_results.start_time`) are `timestamp` columns holding UTC wall time (the services write
 * `new Date().toISOString()`); every age is computed on the database server, so the wizard's
 * clock does not matter.
 */

/** A progress row not updated for this long belongs to a CHT Sync that is not copying. */
export const STALE_PROGRESS_SECONDS = 5 * 60
/** CHT Watchdog's `couch2pg_up`: the progress row was updated within the last minute. */
export const UP_WITHIN_SECONDS = 60
/** A backlog above this many changes for one database is worth a warning (setup step). */
export const LARGE_BACKLOG = 10_000
/** Both pipelines count as caught up, and the lag as fine, at most this many changes behind. */
export const CAUGHT_UP_CHANGES = 100
/** Raw rows waiting for dbt longer than this are worth a warning. */
export const MODEL_WAIT_SECONDS = 15 * 60
/** A latest dbt run older than this means dbt is not running. */
export const DBT_STALE_SECONDS = 24 * 60 * 60
/** Raw rows are counted up to this many (a bounded count through the saved_timestamp index). */
export const COUNT_CAP = 100_000

/** `12,345` */
export const num = (n: number): string => n.toLocaleString('en-US')

/** `12,345`, or `more than 100,000` for a capped count. */
export const capped = (n: number, cap = COUNT_CAP): string =>
  n > cap ? `more than ${num(cap)}` : num(n)

/** `1 change` / `3 changes` */
export const plural = (n: number, word: string, many = `${word}s`): string =>
  `${num(n)} ${n === 1 ? word : many}`

/** A duration for people: `40 s`, `12 min`, `5 h`, `3 days`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 120) return `${s} s`
  if (s < 2 * 3600) return `${Math.round(s / 60)} min`
  if (s < 2 * 86_400) return `${Math.round(s / 3600)} h`
  return `${Math.round(s / 86_400)} days`
}

/** `a`, `a and b`, `a, b and c`, `a, b, c and 4 more`. */
export function listOf(items: readonly string[], max = 5): string {
  if (items.length === 0) return ''
  const shown = items.slice(0, max)
  const rest = items.length - shown.length
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`
  if (shown.length === 1) return shown[0]!
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}

/** An ISO time from epoch seconds, or null. */
export const isoOf = (epochSeconds: number | null): string | null =>
  epochSeconds === null || !Number.isFinite(epochSeconds)
    ? null
    : new Date(epochSeconds * 1000).toISOString()

/** A number a query answered (float8 or numeric text), or null. */
export const numberOrNull = (value: unknown): number | null => {
  if (value === null || value === undefined) return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

/**
 * SQL: the epoch seconds of a `timestamp` column read as UTC wall time (or of a `timestamptz`
 * column: `AT TIME ZONE 'UTC'` then gives its UTC wall time, whose epoch is the same instant).
 */
export const utcEpoch = (expression: string): string =>
  `extract(epoch from ((${expression}) AT TIME ZONE 'UTC'))::float8`

/** A sequence for display: short ones whole, long (CouchDB 2+) ones cut after 20 characters. */
export const showSeq = (seq: string | null): string =>
  seq === null ? '(none)' : seq.length <= 24 ? seq : `${seq.slice(0, 20)}…`

/** A relation as a person would type it in psql: `v1.couchdb`, quoting only where needed. */
export function shownName(schema: string, table: string): string {
  const part = (name: string) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : ident(name))
  return `${part(schema)}.${part(table)}`
}

/** The statement that removes a stale progress row, for the person to run (the wizard never writes). */
export const deleteProgressSql = (schema: string, source: string): string =>
  `DELETE FROM ${qualified(schema, 'couchdb_progress')} WHERE source = ${pg.escapeLiteral(source)};`

/** The host a progress `source` names (`host:port/db` or `host/db`), lower case, without port. */
export function sourceHost(source: string): string | null {
  const slash = source.trim().replace(/\/+$/, '').lastIndexOf('/')
  if (slash <= 0) return null
  const hostPort = source.slice(0, slash).split('/')[0] ?? ''
  const host = hostPort.startsWith('[') ? hostPort.replace(/\]:\d+$/, ']') : hostPort.split(':')[0]
  return host ? host.toLowerCase() : null
}
