import type pg from 'pg'
import { AppError } from '../../../shared/result'
import { readTransaction, type ReadOptions } from '../db/read-transaction'
import { gatedStatementText } from '../db/sql-gate'

/**
 * Dashboard metric parity: a pair of queries (old and new) for one tile of the replica
 * dashboard, their result sets matched on the grouping columns, each group's value compared
 * within the metric's tolerance. Result sets of a dashboard are small (a tile's groups), so both
 * are read whole, bounded by `maxRows`, through the read-only gate.
 */

/** A numeric tolerance: a difference within either bound is a match. */
export interface MetricTolerance {
  absolute?: number
  /** A share of the old value: 0.01 is 1 %. */
  relative?: number
}

export interface MetricSpec {
  /** A single read statement returning the grouping columns and the value column. */
  oldSql: string
  newSql: string
  /** Columns both results have, that identify a group (`form`, `month`). */
  groupColumns: string[]
  /** The numeric column compared. */
  valueColumn: string
  tolerance: MetricTolerance
}

/** One group: its values on each side, the difference and whether it is within tolerance. */
export interface MetricGroup {
  group: string[]
  old: number | null
  new: number | null
  /** `new - old`, null when a side has no value. */
  delta: number | null
  match: boolean
  /** Why it does not match, or null. */
  kind: 'missing_in_new' | 'extra_in_new' | 'null_one_side' | 'value_conflict' | null
}

export interface MetricOutcome {
  groups: MetricGroup[]
  rows: { old: number; new: number }
  /** True when a side returned more than `maxRows` rows: only the first were compared. */
  truncated: boolean
}

/** Most rows read from either side of a metric. */
export const METRIC_MAX_ROWS = 5_000

/** A group value as text, the same on both sides: timestamps in UTC, numbers canonical. */
export function groupText(value: unknown): string {
  if (value === null || value === undefined) return '(null)'
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return String(Number(value))
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function numberOf(value: unknown, side: string, column: string): number | null {
  if (value === null || value === undefined) return null
  const n = typeof value === 'number' ? value : Number(value)
  if (typeof value === 'boolean' || !Number.isFinite(n)) {
    throw new AppError(
      'BAD_REQUEST',
      `The ${side} query's value column “${column}” is not a number (it gave ${JSON.stringify(value).slice(0, 40)}).`,
    )
  }
  return n
}

/** True when `b` is within the tolerance of `a`. */
export function withinTolerance(a: number, b: number, tolerance: MetricTolerance): boolean {
  const diff = Math.abs(b - a)
  if (diff === 0) return true
  if (tolerance.absolute !== undefined && diff <= tolerance.absolute) return true
  return tolerance.relative !== undefined && diff <= tolerance.relative * Math.abs(a)
}

async function readSide(
  pool: pg.Pool,
  sql: string,
  side: 'old' | 'new',
  spec: MetricSpec,
  options: ReadOptions,
  maxRows: number,
): Promise<{ rows: Record<string, unknown>[]; truncated: boolean }> {
  const body = await gatedStatementText(sql, `The ${side} query was not sent`)
  const result = await readTransaction(pool, options, (tx) =>
    tx.query(`SELECT * FROM (\n${body}\n) AS metric LIMIT ${maxRows + 1}`),
  )
  const columns = new Set(result.fields.map((f) => f.name))
  for (const column of [...spec.groupColumns, spec.valueColumn]) {
    if (!columns.has(column)) {
      throw new AppError(
        'BAD_REQUEST',
        `The ${side} query has no column “${column}”; it returns ${[...columns].join(', ') || 'no columns'}.`,
      )
    }
  }
  return { rows: result.rows.slice(0, maxRows), truncated: result.rows.length > maxRows }
}

/**
 * Runs both queries (concurrently, each on its own server) and compares them group by group.
 * A query the gate refuses, a missing column, a non-numeric value, a group that appears twice on
 * one side, a timeout or a cancel each end the run with a clear `AppError`; nothing is written.
 */
export async function compareMetric(
  pools: { old: pg.Pool; new: pg.Pool },
  spec: MetricSpec,
  options: ReadOptions,
  maxRows = METRIC_MAX_ROWS,
): Promise<MetricOutcome> {
  if (spec.groupColumns.length > 4) {
    throw new AppError('BAD_REQUEST', 'A metric can be grouped by at most 4 columns.')
  }
  const [oldSide, newSide] = await Promise.all([
    readSide(pools.old, spec.oldSql, 'old', spec, options, maxRows),
    readSide(pools.new, spec.newSql, 'new', spec, options, maxRows),
  ])
  const index = (rows: Record<string, unknown>[], side: 'old' | 'new') => {
    const map = new Map<string, { group: string[]; value: number | null }>()
    for (const row of rows) {
      const group = spec.groupColumns.map((c) => groupText(row[c]))
      const key = JSON.stringify(group)
      if (map.has(key)) {
        throw new AppError(
          'BAD_REQUEST',
          `The ${side} query returns the group ${group.join(' / ') || '(all)'} twice: group by every grouping column (${spec.groupColumns.join(', ')}).`,
        )
      }
      map.set(key, { group, value: numberOf(row[spec.valueColumn], side, spec.valueColumn) })
    }
    return map
  }
  const olds = index(oldSide.rows, 'old')
  const news = index(newSide.rows, 'new')
  const keys = [...new Set([...olds.keys(), ...news.keys()])].sort()
  const groups = keys.map((key): MetricGroup => {
    const a = olds.get(key)
    const b = news.get(key)
    const group = (a ?? b)!.group
    const oldValue = a?.value ?? null
    const newValue = b?.value ?? null
    const delta = oldValue !== null && newValue !== null ? newValue - oldValue : null
    let kind: MetricGroup['kind'] = null
    if (!b) kind = 'missing_in_new'
    else if (!a) kind = 'extra_in_new'
    else if ((oldValue === null) !== (newValue === null)) kind = 'null_one_side'
    else if (oldValue !== null && newValue !== null) {
      if (!withinTolerance(oldValue, newValue, spec.tolerance)) kind = 'value_conflict'
    }
    return { group, old: oldValue, new: newValue, delta, match: kind === null, kind }
  })
  return {
    groups,
    rows: { old: oldSide.rows.length, new: newSide.rows.length },
    truncated: oldSide.truncated || newSide.truncated,
  }
}
