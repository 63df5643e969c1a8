import type pg from 'pg'

/** A connected `pg.Client` or a checked-out `pg.PoolClient`: all these modules need is `query`. */
export type SqlClient = pg.ClientBase

export type DemoObjectKind = 'table' | 'view' | 'matview' | 'function' | 'index'

/**
 * Who reads an object in the demo deployment.
 *
 * `dashboard`: a dashboard query (Superset, Klipfolio…) reads it directly. `other view`: another
 * database object (a view, materialized view or function) reads it. `nobody`: left over, read by
 * nothing. `couch2pg`: cht-couch2pg itself (checkpoints, migration tracking, the refresh): this
 * fourth value was added because calling those `nobody` would mark them as safe to drop. For an
 * index, the reader is whoever runs the queries it serves.
 */
export type DemoObjectReader = 'dashboard' | 'nobody' | 'other view' | 'couch2pg'

/** One object of the demo couch2pg database, as tests and the inventory see it. */
export interface DemoDbObject {
  name: string
  kind: DemoObjectKind
  purpose: string
  /** Objects it reads (for an index: the relation it is built on), by unqualified name. */
  dependsOn: string[]
  readBy: DemoObjectReader
  /**
   * False when static analysis of its SQL cannot find everything it reads: a plpgsql body that
   * builds statements at run time with `EXECUTE format(...)`.
   */
  parsesCleanly: boolean
}

/**
 * When an object is created: `tables` before the bulk load, `indexes` on the loaded tables,
 * `objects` (views, materialized views, functions) once the data is in.
 */
export type InstallPhase = 'tables' | 'indexes' | 'objects'

/** A catalogue entry with the SQL that creates it (null when its table's DDL creates it). */
export interface DemoSqlObject extends DemoDbObject {
  phase: InstallPhase
  sql: string | null
}

/** The catalogue view of an entry: everything but the SQL and the phase. */
export function describeObject(o: DemoSqlObject): DemoDbObject {
  return {
    name: o.name,
    kind: o.kind,
    purpose: o.purpose,
    dependsOn: [...o.dependsOn],
    readBy: o.readBy,
    parsesCleanly: o.parsesCleanly,
  }
}

/**
 * Runs statements in one transaction, rolling back on the first error.
 *
 * The error is re-thrown with the failing statement's first line so a broken definition is named
 * in the test output instead of only "syntax error at or near".
 */
export async function runInTransaction(client: SqlClient, statements: string[]): Promise<void> {
  await client.query('BEGIN')
  try {
    for (const sql of statements) {
      try {
        await client.query(sql)
      } catch (e) {
        const head = sql.trim().split('\n')[0]
        const message = e instanceof Error ? e.message : String(e)
        throw new Error(`${message} (in: ${head})`, { cause: e })
      }
    }
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  }
}

/** Runs every entry of one phase, in catalogue order, in one transaction. */
export async function runPhase(
  client: SqlClient,
  objects: readonly DemoSqlObject[],
  phase: InstallPhase,
): Promise<void> {
  const statements = objects
    .filter((o) => o.phase === phase && o.sql !== null)
    .map((o) => o.sql as string)
  await runInTransaction(client, statements)
}
