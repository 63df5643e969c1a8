import type pg from 'pg'

/** Read-only catalogue queries the layout tests assert with. */

/** `[column, type]` pairs of a table, view or materialized view, in column order. */
export async function columnsOf(
  client: pg.ClientBase,
  relation: string,
  schema = 'public',
): Promise<[string, string][]> {
  const { rows } = await client.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [schema, relation],
  )
  return rows.map((r) => [r.name, r.type])
}

/** Index name → `pg_get_indexdef` of every index on a relation. */
export async function indexesOf(
  client: pg.ClientBase,
  relation: string,
  schema = 'public',
): Promise<Record<string, string>> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND t.relname = $2`,
    [schema, relation],
  )
  return Object.fromEntries(rows.map((r) => [r.name, r.def]))
}

/** Row count of a relation (names come from the code under test, never from input). */
export async function countRows(client: pg.ClientBase, sql: string, params: unknown[] = []) {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${sql}`,
    params,
  )
  return rows[0]?.n ?? -1
}
