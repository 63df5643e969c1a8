import type pg from 'pg'
import { ConnectionFailure } from './classify'

/** What the catalog says about the server and this session. */
export interface ServerInfo {
  /** `PostgreSQL 16.4` */
  label: string
  version: string
  database: string
  user: string
  /** `current_schema()`: where unqualified names go, couch2pg's "default schema". */
  schema: string | null
  readOnly: boolean
}

/** One table, view or materialised view, read from the catalog (no SELECT on it needed). */
export interface Relation {
  schema: string
  name: string
  /** `r` table, `p` partitioned table, `v` view, `m` materialised view, `f` foreign table. */
  kind: string
  columns: string[]
  /** The planner's row estimate; null when the table was never analysed (reltuples < 0). */
  estimatedRows: number | null
  schemaUsage: boolean
  canSelect: boolean
}

/** Identifies the server and the session; run first on every inspection connection. */
export async function serverInfo(client: pg.ClientBase): Promise<ServerInfo> {
  const { rows } = await client.query<{
    version: string
    database: string
    user: string
    schema: string | null
    read_only: string
  }>(
    `SELECT current_setting('server_version') AS version, current_database() AS database,
            current_user AS "user", current_schema() AS schema,
            current_setting('default_transaction_read_only') AS read_only`,
  )
  const row = rows[0]
  if (!row) throw new Error('the server did not describe itself')
  const version = row.version.split(' ')[0] ?? row.version
  return {
    label: `PostgreSQL ${version}`,
    version,
    database: row.database,
    user: row.user,
    schema: row.schema,
    readOnly: row.read_only === 'on',
  }
}

/**
 * Finds relations by name, in one schema or in every non-system schema, from `pg_class` and
 * `pg_attribute` (readable by every role), with the session user's privileges on each, so that a
 * missing grant is reported as such rather than as a missing table. Names travel as parameters.
 */
export async function findRelations(
  client: pg.ClientBase,
  names: readonly string[],
  schema: string | null,
): Promise<Relation[]> {
  const { rows } = await client.query<{
    schema: string
    name: string
    kind: string
    columns: string[]
    reltuples: number
    schema_usage: boolean
    can_select: boolean
  }>(
    `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
            array(SELECT a.attname::text FROM pg_attribute a
                  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                  ORDER BY a.attnum) AS columns,
            c.reltuples::float8 AS reltuples,
            has_schema_privilege(n.oid, 'USAGE') AS schema_usage,
            has_table_privilege(c.oid, 'SELECT') AS can_select
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = ANY($1::text[])
        AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND ($2::text IS NULL OR n.nspname = $2::text)
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY n.nspname, c.relname`,
    [names, schema],
  )
  return rows.map((r) => ({
    schema: r.schema,
    name: r.name,
    kind: r.kind,
    columns: r.columns,
    estimatedRows: r.reltuples < 0 ? null : Math.round(r.reltuples),
    schemaUsage: r.schema_usage,
    canSelect: r.can_select,
  }))
}

/** The relation called `name` in `schema`, if it was found. */
export const relationIn = (relations: Relation[], schema: string, name: string) =>
  relations.find((r) => r.schema === schema && r.name === name)

/** True when the relation has every one of the columns. */
export const hasColumns = (relation: Relation | undefined, ...columns: string[]): boolean =>
  relation !== undefined && columns.every((c) => relation.columns.includes(c))

/**
 * Takes a connection from the pool and checks that the session really is read-only before any
 * probe runs (SEC-12): a connection pooler that drops the startup `options` would otherwise hand
 * out a writable session silently. The caller releases the client.
 */
export async function openInspection(
  pool: pg.Pool,
): Promise<{ client: pg.PoolClient; info: ServerInfo }> {
  const client = await pool.connect()
  try {
    const info = await serverInfo(client)
    if (!info.readOnly) {
      throw new ConnectionFailure(
        'other',
        `The session on ${info.database} is not read-only: something between the wizard and PostgreSQL dropped the read-only setting.`,
        'Connect to PostgreSQL directly rather than through a connection pooler (such as PgBouncer) that ignores startup options; the wizard refuses to inspect through a writable session.',
        { serverVersion: info.label },
      )
    }
    return { client, info }
  } catch (e) {
    client.release(true)
    throw e
  }
}
