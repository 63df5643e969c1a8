import type pg from 'pg'
import { AppError } from '../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import { DbTimeoutError } from '../db/errors'
import { ident, qualified } from '../db/identifiers'
import { readTransaction, SESSION_PROFILES, type ReadOptions } from '../db/read-transaction'
import { gatedStatementText } from '../db/sql-gate'
import type { ColumnKind, ModelSide, ModelSource, SideColumn } from './model-types'

/**
 * One side of a model comparison as SQL: the `FROM` item a relation or a gated user query
 * becomes, its columns, and the translation of its failures into messages naming the side.
 */

/** The alias every statement gives the side's rows. */
export const SIDE_ALIAS = 's'

/** `"schema"."name"` or `"name"` (the server's search path then decides). */
export function sourceName(source: ModelSource): string {
  if (source.kind === 'query') return 'query'
  return source.schema === '' ? source.name : `${source.schema}.${source.name}`
}

/**
 * The `FROM` item of a side, aliased `s`. A user query must pass the read-only gate first
 * (`assertReadStatement`: one read statement, by PostgreSQL's parser), else `SQL_REFUSED` naming
 * the side is thrown and nothing is sent; it is then wrapped as a subquery, on its own lines so
 * that a trailing `--` comment cannot swallow the closing parenthesis.
 */
export async function fromItem(side: ModelSide): Promise<string> {
  const { source } = side
  if (source.kind === 'relation') {
    const name = source.schema === '' ? ident(source.name) : qualified(source.schema, source.name)
    return `${name} AS ${SIDE_ALIAS}`
  }
  const sql = await gatedStatementText(
    source.sql,
    `The ${side.label} query was refused before it was sent`,
  )
  return `(\n${sql}\n) AS ${SIDE_ALIAS}`
}

/** The kind tolerances apply to, from `pg_type.typcategory` and the type's name. */
export function columnKind(category: string, typeName: string): ColumnKind {
  if (category === 'N' && typeName !== 'oid') return 'number'
  if (['timestamp', 'timestamptz', 'date'].includes(typeName)) return 'time'
  if (category === 'S') return 'text'
  return 'other'
}

/** Read options of one side's statements. */
export function sideReadOptions(timeoutMs: number | undefined, signal?: AbortSignal): ReadOptions {
  return {
    statementTimeoutMs: timeoutMs ?? SESSION_PROFILES.scan.statementTimeoutMs,
    ...(signal ? { signal } : {}),
  }
}

/**
 * The columns of a side, from the field descriptions of `SELECT * … LIMIT 0` (the server plans
 * the statement and returns no rows) and `format_type` in the catalog. Two columns of the same
 * name (a query joining two tables) are refused: rows could not be read by name.
 */
export async function describeSide(side: ModelSide, options: ReadOptions): Promise<SideColumn[]> {
  const from = await fromItem(side)
  return onSide(side, () =>
    readTransaction(side.pool, options, async (tx) => {
      const probe = await tx.query(`SELECT * FROM ${from} LIMIT 0`)
      const fields = probe.fields
      const seen = new Set<string>()
      for (const field of fields) {
        if (seen.has(field.name)) {
          throw new AppError(
            'BAD_REQUEST',
            `The ${side.label} side returns two columns named “${short(field.name)}”; give each column a distinct name (AS …).`,
          )
        }
        seen.add(field.name)
      }
      const { rows } = await tx.query<{ type: string; category: string; typname: string }>(
        `SELECT format_type(u.o, nullif(u.m, -1)) AS type, t.typcategory AS category,
                t.typname AS typname
           FROM unnest($1::oid[], $2::int[]) WITH ORDINALITY AS u(o, m, i)
           LEFT JOIN pg_catalog.pg_type t ON t.oid = u.o
          ORDER BY u.i`,
        [fields.map((f) => f.dataTypeID), fields.map((f) => f.dataTypeModifier)],
      )
      return fields.map((field, i) => {
        const row = rows[i]
        const typeName = row?.typname ?? 'unknown'
        return {
          name: field.name,
          type: short(row?.type ?? typeName),
          typeName,
          kind: columnKind(row?.category ?? 'X', typeName),
        }
      })
    }),
  )
}

/**
 * The planner's estimate of a side's rows (`EXPLAIN`, which runs nothing): enough to size the
 * digest's buckets. Null when the plan says nothing usable.
 */
export async function estimatedRows(side: ModelSide, options: ReadOptions): Promise<number | null> {
  const from = await fromItem(side)
  return onSide(side, () =>
    readTransaction(side.pool, options, async (tx) => {
      const { rows } = await tx.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (FORMAT JSON) SELECT * FROM ${from}`,
      )
      const plan = rows[0]?.['QUERY PLAN']
      const top = Array.isArray(plan) ? (plan[0] as { Plan?: { 'Plan Rows'?: unknown } }) : null
      const estimate = top?.Plan?.['Plan Rows']
      return typeof estimate === 'number' && Number.isFinite(estimate) ? estimate : null
    }),
  )
}

const short = (text: string) => clipText(text, TEXT_LIMITS.short)

const SQLSTATE_TIMEOUT = '57014'

/**
 * Runs `work` against one side and rewrites its failures so they name the side: a statement
 * over its timeout becomes `TIMEOUT`, a missing relation `NOT_FOUND`, any other server error
 * `BAD_REQUEST` with the server's words; `CANCELLED` and the engine's own errors pass through.
 */
export async function onSide<T>(side: ModelSide, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    throw sideError(side, e)
  }
}

/** The failure of a statement on `side` as an error naming the side (see `onSide`). */
export function sideError(side: ModelSide, e: unknown): unknown {
  if (e instanceof AppError) return e
  const where = `the ${side.label} side (${sourceName(side.source)})`
  if (e instanceof DbTimeoutError || (e as pg.DatabaseError | null)?.code === SQLSTATE_TIMEOUT) {
    return new AppError(
      'TIMEOUT',
      `Reading ${where} took longer than its time limit and was cancelled on the server; compare a smaller query, add an index on the key, or allow more time.`,
    )
  }
  const code = (e as pg.DatabaseError | null)?.code
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    const message = clipText((e as Error).message, TEXT_LIMITS.line - 200)
    if (code === '42P01') {
      return new AppError('NOT_FOUND', `${capital(where)} does not exist: ${message}.`)
    }
    return new AppError('BAD_REQUEST', `Reading ${where} failed: ${message} (SQLSTATE ${code}).`)
  }
  return e
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
