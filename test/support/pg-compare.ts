import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import pg from 'pg'
import type { SuperuserServer } from './demo-couch2pg'

const run = promisify(execFile)

/** A session on `database` as the server's superuser (closed by the caller). */
export async function superuserClient(server: SuperuserServer, database: string) {
  const client = new pg.Client({ ...server, database })
  await client.connect()
  return client
}

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`

/**
 * What a database holds, to compare two copies: every table's row count and the md5 of its rows
 * in order (of their text form), every view's and materialized view's definition, and every
 * function's definition, each keyed by schema-qualified name.
 */
export async function databaseContents(server: SuperuserServer, database: string) {
  const client = await superuserClient(server, database)
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND ${USER_SCHEMAS} ORDER BY 1`,
    )
    const rows: Record<string, { count: number; md5: string | null }> = {}
    for (const { name } of tables.rows) {
      const { rows: r } = await client.query<{ count: number; md5: string | null }>(
        `SELECT count(*)::int AS count, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS md5
         FROM ${name} t`,
      )
      rows[name] = r[0]!
    }
    const views = await client.query<{ name: string; kind: string; definition: string }>(
      `SELECT n.nspname || '.' || c.relname AS name, c.relkind::text AS kind,
              pg_get_viewdef(c.oid) AS definition
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('v', 'm') AND ${USER_SCHEMAS} ORDER BY 1`,
    )
    const functions = await client.query<{ name: string; definition: string }>(
      `SELECT p.oid::regprocedure::text AS name, pg_get_functiondef(p.oid) AS definition
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE p.prokind IN ('f', 'p') AND ${USER_SCHEMAS} ORDER BY 1`,
    )
    return { rows, views: views.rows, functions: functions.rows }
  } finally {
    await client.end()
  }
}

/**
 * The server-wide state the teardown must not touch: every database but those in `except`
 * (name, owner, access list), every role (name and attributes), and each of those databases'
 * tables with their row counts.
 */
export async function serverState(server: SuperuserServer, except: readonly string[]) {
  const admin = await superuserClient(server, 'postgres')
  let databases: { datname: string; owner: string; datacl: string | null }[]
  let roles: unknown[]
  try {
    databases = (
      await admin.query<{ datname: string; owner: string; datacl: string | null }>(
        `SELECT datname, pg_get_userbyid(datdba) AS owner, datacl::text AS datacl
         FROM pg_database WHERE NOT datname = ANY($1) ORDER BY datname`,
        [except],
      )
    ).rows
    roles = (
      await admin.query(
        `SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolcanlogin, rolconnlimit
         FROM pg_roles ORDER BY rolname`,
      )
    ).rows
  } finally {
    await admin.end()
  }
  const tables: Record<string, Record<string, number>> = {}
  for (const { datname } of databases.filter((d) => d.datname !== 'template0')) {
    const { rows } = await databaseContents(server, datname)
    tables[datname] = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.count]))
  }
  return { databases, roles, tables }
}

/** The databases whose name starts with `prefix`, sorted. */
export async function databasesLike(server: SuperuserServer, prefix: string): Promise<string[]> {
  const admin = await superuserClient(server, 'postgres')
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1`,
      [prefix],
    )
    return rows.map((r) => r.datname)
  } finally {
    await admin.end()
  }
}

/** Whether `login` gets into `database` and reads `table`, or the SQLSTATE that keeps it out. */
export async function connectsAs(
  server: SuperuserServer,
  login: { user: string; password: string },
  database: string,
  table = 'couchdb',
): Promise<true | string> {
  const client = new pg.Client({ host: server.host, port: server.port, ...login, database })
  try {
    await client.connect()
    await client.query(`SELECT count(*) FROM ${pg.escapeIdentifier(table)}`)
    return true
  } catch (e) {
    return String((e as { code?: string }).code)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Runs one statement as the superuser in the maintenance database (CREATE/DROP DATABASE…). */
export async function adminQuery(server: SuperuserServer, sql: string, values: unknown[] = []) {
  const admin = await superuserClient(server, 'postgres')
  try {
    return await admin.query(sql, values)
  } finally {
    await admin.end()
  }
}

/** Creates `database` and restores a custom-format dump into it with `pgRestore`. */
export async function restoreDump(
  server: SuperuserServer,
  pgRestore: string,
  dump: string,
  database: string,
): Promise<void> {
  await adminQuery(server, `CREATE DATABASE ${pg.escapeIdentifier(database)}`)
  const target = ['-h', server.host, '-p', String(server.port), '-U', server.user]
  await run(pgRestore, [...target, '-d', database, dump], {
    env: { ...process.env, PGPASSWORD: server.password },
    timeout: 60_000,
  })
}

/**
 * Ends the sessions whose `application_name` is `application` from an admin session, and waits
 * until the server lists none (then a moment more, so the clients have read their FATAL).
 */
export async function terminateSessions(server: SuperuserServer, application: string) {
  const sql = 'FROM pg_stat_activity WHERE application_name = $1'
  await adminQuery(server, `SELECT pg_terminate_backend(pid) ${sql}`, [application])
  const deadline = Date.now() + 5_000
  while ((await adminQuery(server, `SELECT 1 ${sql}`, [application])).rows.length > 0) {
    if (Date.now() > deadline) throw new Error(`The sessions of ${application} did not end.`)
    await new Promise((r) => setTimeout(r, 20))
  }
  await new Promise((r) => setTimeout(r, 100))
}
