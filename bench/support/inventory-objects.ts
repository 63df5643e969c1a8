import type pg from 'pg'
import {
  installCouch2pgIndexes,
  installCouch2pgObjects,
  installCouch2pgTables,
} from '../../src/main/engine/demo/sql'

/** Tables, indexes, views, materialized views, sequences and functions in `public`. */
async function countObjects(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public')
          + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname = 'public') AS n`,
  )
  return Number(rows[0]?.n ?? 0)
}

/**
 * A couch2pg database of exactly `target` objects for `npm run bench:inventory`: cht-couch2pg 3.7's
 * own (tables, indexes, views, materialized views, functions) on empty tables, then, generated in
 * layers the way deployments grow them: formviews over `couchdb` (8 form fields each), use-case
 * views joining two formviews, materialized views over those (each with its unique index), SQL
 * functions reading the views, PL/pgSQL functions (one in five with dynamic SQL), and leftover
 * export tables (with a primary key: two objects each; one without, when one object is left).
 * Returns the objects in `public` counted from the catalog afterwards (indexes included); fails
 * when that is not `target` (unless couch2pg's own objects alone are more).
 */
export async function createInventoryObjects(
  client: pg.ClientBase,
  target: number,
): Promise<number> {
  await installCouch2pgTables(client)
  await installCouch2pgIndexes(client)
  await installCouch2pgObjects(client)
  const installed = await countObjects(client)
  let made = installed
  const left = Math.max(0, target - made)
  // Shares of what is left: formviews 30 %, useviews 25 %, matviews + their index 20 %,
  // SQL functions 10 %, PL/pgSQL 5 %, tables the rest.
  const forms = Math.floor(left * 0.3)
  const uses = Math.floor(left * 0.25)
  const mats = Math.floor(left * 0.1)
  const sqlFns = Math.floor(left * 0.1)
  const plFns = Math.floor(left * 0.05)
  const statements: string[] = []
  for (let i = 0; i < forms; i++) {
    const fields = Array.from(
      { length: 8 },
      (_, k) => `doc#>>'{fields,field_${k}}' AS field_${k}`,
    ).join(',\n  ')
    statements.push(`CREATE VIEW formview_gen_${i} AS SELECT doc->>'_id' AS uuid,
  to_timestamp((doc->>'reported_date')::bigint / 1000.0) AS reported,
  doc#>>'{contact,_id}' AS reported_by, doc#>>'{contact,parent,_id}' AS area_uuid,
  ${fields}
FROM couchdb WHERE doc->>'type' = 'data_record' AND doc->>'form' = 'form_${i % 40}'`)
  }
  for (let i = 0; i < uses; i++) {
    const a = i % Math.max(1, forms)
    const b = (i * 7 + 3) % Math.max(1, forms)
    statements.push(`CREATE VIEW useview_gen_${i} AS SELECT a.area_uuid,
  date_trunc('month', a.reported) AS month, count(*) AS reports, count(b.uuid) AS follow_ups
FROM formview_gen_${a} a LEFT JOIN formview_gen_${b} b ON b.field_0 = a.uuid
GROUP BY 1, 2`)
  }
  for (let i = 0; i < mats; i++) {
    statements.push(`CREATE MATERIALIZED VIEW matview_gen_${i} AS
SELECT u.area_uuid, u.month, sum(u.reports) AS reports FROM useview_gen_${i % Math.max(1, uses)} u
GROUP BY 1, 2`)
    statements.push(
      `CREATE UNIQUE INDEX matview_gen_${i}_key ON matview_gen_${i} (area_uuid, month)`,
    )
  }
  for (let i = 0; i < sqlFns; i++) {
    statements.push(`CREATE FUNCTION get_gen_${i}(p_from date) RETURNS TABLE (area text, n numeric)
LANGUAGE sql STABLE AS $fn$
  SELECT m.area_uuid, sum(m.reports) FROM matview_gen_${i % Math.max(1, mats)} m
  WHERE m.month >= p_from GROUP BY 1
$fn$`)
  }
  for (let i = 0; i < plFns; i++) {
    const body =
      i % 5 === 0
        ? `RETURN QUERY EXECUTE format('SELECT count(*) FROM %I', 'formview_gen_' || p_n);`
        : `RETURN QUERY SELECT count(*) FROM useview_gen_${i % Math.max(1, uses)} u WHERE u.reports > p_n::int;`
    statements.push(`CREATE FUNCTION pl_gen_${i}(p_n text) RETURNS TABLE (n bigint)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  ${body}
END
$fn$`)
  }
  made += forms + uses + mats * 2 + sqlFns + plFns
  // A table with a primary key is two objects (the table and its index).
  const tables = Math.max(0, Math.floor((target - made) / 2))
  for (let i = 0; i < tables; i++) {
    statements.push(`CREATE TABLE tmp_export_${i} (uuid text PRIMARY KEY, reported timestamptz)`)
  }
  made += tables * 2
  // An odd object left over: a table with no key is one object (its TOAST table is not in public).
  if (target - made === 1) statements.push(`CREATE TABLE tmp_export_odd (uuid text)`)
  await client.query('BEGIN')
  for (const sql of statements) await client.query(sql)
  await client.query('COMMIT')
  const created = await countObjects(client)
  const expected = Math.max(target, installed)
  if (created !== expected) {
    throw new Error(`Generated ${created} objects instead of ${expected}.`)
  }
  return created
}
