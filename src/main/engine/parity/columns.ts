import type pg from 'pg'
import { AppError } from '../../../shared/result'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import { findRelations } from '../db/catalog'
import { DbConnectError } from '../db/errors'
import { readTransaction, SESSION_PROFILES } from '../db/read-transaction'
import { onSide } from './model-side'
import type { ModelSide } from './model-types'

/**
 * The columns of one table or view, for the model-pair editor's “Suggest mapping”: names and
 * types as `format_type` spells them, in the table's order. Reads the catalog only (`pg_class`,
 * `pg_attribute`), in one read-only transaction with the probe's timeout.
 */

/** A column as the editor shows it: `reported`, `timestamp with time zone`. */
export interface CatalogColumn {
  name: string
  type: string
}

/** Which table or view, on which side, and how messages name the side. */
export interface ColumnsRequest {
  pool: pg.Pool
  /** `old (couch2pg)`, `new (CHT Sync)`. */
  label: string
  endpoint: ModelSide['endpoint']
  schema: string
  name: string
  signal?: AbortSignal
}

/** PostgreSQL's own limit on the columns of a table. */
const MAX_COLUMNS = 1_600

const short = (text: string) => clipText(text, TEXT_LIMITS.short)

/**
 * The columns of `schema.name` on one side. `NOT_FOUND` (naming the side) when the side has no
 * table, view or materialised view of that name; `BAD_REQUEST` when no session could be opened,
 * pointing at the Connections page. Names travel as parameters, never in the SQL text.
 */
export async function readColumns(request: ColumnsRequest): Promise<{ columns: CatalogColumn[] }> {
  const { schema, name } = request
  const side: ModelSide = {
    pool: request.pool,
    label: request.label,
    endpoint: request.endpoint,
    source: { kind: 'relation', schema, name },
  }
  const read = {
    statementTimeoutMs: SESSION_PROFILES.probe.statementTimeoutMs,
    ...(request.signal ? { signal: request.signal } : {}),
  }
  try {
    return await onSide(side, () =>
      readTransaction(request.pool, read, async (tx) => {
        const [relation] = await findRelations(tx, [name], schema)
        if (!relation) {
          throw new AppError(
            'NOT_FOUND',
            `The ${request.label} side has no table or view “${short(schema)}.${short(name)}”; check the schema and the name (they are case-sensitive).`,
          )
        }
        const { rows } = await tx.query<{ name: string; type: string }>(
          `SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type
             FROM pg_catalog.pg_attribute a
             JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            LIMIT ${MAX_COLUMNS}`,
          [schema, name],
        )
        return { columns: rows.map((r) => ({ name: short(r.name), type: short(r.type) })) }
      }),
    )
  } catch (e) {
    if (e instanceof DbConnectError) {
      throw new AppError(
        'BAD_REQUEST',
        `Could not open a session on the ${request.label} side: ${clipText(e.message, TEXT_LIMITS.line - 200)}. Test the connection on the Connections page.`,
      )
    }
    throw e
  }
}
