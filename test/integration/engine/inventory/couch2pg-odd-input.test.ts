import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scanCouch2pg } from '../../../../src/main/engine/inventory/scan-couch2pg'
import { createWorkerPool } from '../../../../src/main/engine/workers/worker-pool'
import { inventoryResultSchema } from '../../../support/inventory-result-schema'
import { inventoryOf, objectNamed } from '../../../support/inventory-scan'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'

/**
 * The couch2pg inventory on what real databases hold besides the demo: odd identifiers, SQL the
 * parser rejects, a couch2pg view edited by hand, objects the user may not read, a database that
 * is not couch2pg's, and a cancel. The rest of the inventory always completes.
 */

let db: Awaited<ReturnType<typeof createTestDatabase>>
let client: pg.Client
const READER = `inv_reader_${process.pid}`

beforeAll(async () => {
  db = await createTestDatabase('inv_odd')
  client = await db.client()
  await client.query(`
    CREATE TABLE couchdb (doc jsonb);
    CREATE TABLE couchdb_progress (seq varchar, source varchar NOT NULL);
    CREATE MATERIALIZED VIEW form_metadata AS
      SELECT doc->>'_id' AS uuid, doc#>>'{contact,_id}' AS chw, doc#>>'{contact,parent,_id}' AS chw_area,
             doc->>'form' AS formname, now() AS reported, doc->>'notes' AS remarks
      FROM couchdb WHERE doc->>'type' = 'data_record' AND doc->>'form' IS NOT NULL;
    CREATE SCHEMA "odd schema";
    CREATE VIEW "odd schema"."Weird View" AS SELECT doc->>'type' AS "select" FROM public.couchdb;
    CREATE VIEW "ñandú" AS SELECT doc#>>'{fields,ñ}' AS "ñ" FROM couchdb WHERE doc->>'form' = 'ñandú';
    CREATE VIEW "order" AS SELECT * FROM "ñandú";
    SET check_function_bodies = off;
    CREATE FUNCTION broken_body() RETURNS int LANGUAGE plpgsql AS $fn$ BEGIN RETURN ((; END $fn$;
    CREATE FUNCTION sql_broken() RETURNS int LANGUAGE sql AS $fn$ SELEC 1 $fn$;
    RESET check_function_bodies;
    CREATE SCHEMA private;
    CREATE TABLE private.salaries (id int);
    CREATE TABLE secret_export (uuid text);
    DROP ROLE IF EXISTS ${READER};
    CREATE ROLE ${READER} LOGIN PASSWORD 'reader';
    GRANT SELECT ON couchdb, couchdb_progress, form_metadata, "ñandú", "order" TO ${READER};
  `)
}, 60_000)

afterAll(async () => {
  await client?.query(`DROP OWNED BY ${READER}`).catch(() => undefined)
  await client?.end()
  await db?.drop()
  const admin = await db.client('postgres')
  await admin.query(`DROP ROLE IF EXISTS ${READER}`).catch(() => undefined)
  await admin.end()
})

describe('odd input', () => {
  it('handles odd identifiers and SQL the parser rejects, and completes', async () => {
    const { result, details } = await inventoryOf(db.name)
    expect(inventoryResultSchema.safeParse(result).success).toBe(true)
    const weird = objectNamed(details, 'Weird View')
    expect(weird.schema).toBe('odd schema')
    expect(weird.key).toBe('view:odd schema.Weird View')
    expect(weird.dependsOn).toEqual(['table:public.couchdb'])
    expect(weird.analysis?.jsonPaths).toEqual(['doc.type'])
    const nandu = objectNamed(details, 'ñandú')
    expect(nandu.analysis?.jsonPaths).toEqual(['doc.fields.ñ', 'doc.form'])
    expect(nandu.analysis?.filters).toEqual([{ path: 'form', values: ['ñandú'] }])
    expect(objectNamed(details, 'order').dependsOn).toEqual(['view:public.ñandú'])
    for (const name of ['broken_body', 'sql_broken']) {
      const broken = objectNamed(details, name)
      expect(broken.analysis?.parseError, name).toMatch(/syntax error|mismatched parentheses/)
      expect(broken.mapping?.complexity).toBe('significant')
    }
  })

  it('counts the pg_stat_statements calls that name each relation', async () => {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
    await client.query('SELECT pg_stat_statements_reset()')
    for (let i = 0; i < 3; i++)
      await client.query('SELECT count(*) FROM "ñandú" WHERE "ñ" = $1', ['x'])
    await client.query('SELECT * FROM form_metadata LIMIT 1')
    const { details } = await inventoryOf(db.name)
    expect(details.server.statements).toBe('installed')
    expect(objectNamed(details, 'ñandú').usage).toMatchObject({ statements: 1, statementCalls: 3 })
    expect(objectNamed(details, 'form_metadata').usage).toMatchObject({ statementCalls: 1 })
    expect(objectNamed(details, 'secret_export').usage).toMatchObject({ statementCalls: 0 })
    // The extension is listed once; its view and functions are its own, not custom objects.
    expect(details.objects.filter((o) => o.name.startsWith('pg_stat_statements'))).toEqual([
      expect.objectContaining({ kind: 'extension', name: 'pg_stat_statements' }),
    ])
  })

  it('says when a couch2pg object was edited by hand', async () => {
    const { details } = await inventoryOf(db.name)
    const fm = objectNamed(details, 'form_metadata')
    expect(fm.origin.origin).toBe('couch2pg')
    expect(fm.origin.modified).toBe(true)
    expect(fm.origin.note).toMatch(/extra column remarks/)
    expect(details.couch2pg.migrationTables).toBe(false)
    expect(details.couch2pg.note).toMatch(/tracking tables .* are missing/)
  })

  it('lists what the user may not read, with the reason', async () => {
    const { details } = await inventoryOf(db.name, { user: READER, password: 'reader' })
    const salaries = objectNamed(details, 'salaries')
    expect(salaries.unreadable).toMatch(/No USAGE privilege on the schema private/)
    expect(objectNamed(details, 'secret_export').unreadable).toMatch(/No SELECT privilege/)
    expect(objectNamed(details, 'couchdb').unreadable).toBeNull()
    expect(details.objects.length).toBeGreaterThan(8)
  })

  it('says a database is not couch2pg’s and still lists its objects', async () => {
    const other = await createTestDatabase('inv_other')
    const c = await other.client()
    try {
      await c.query(`CREATE TABLE patients (id int PRIMARY KEY, name text);
        CREATE VIEW adults AS SELECT * FROM patients`)
      const { result, details } = await inventoryOf(other.name)
      expect(details.couch2pg.found).toBe(false)
      expect(result.verdict).toBe('warn')
      expect(result.summary).toMatch(/does not look like a couch2pg database/)
      expect(details.objects.map((o) => `${o.kind}:${o.name}:${o.origin.origin}`).sort()).toEqual([
        'index:patients_pkey:unknown',
        'table:patients:unknown',
        'view:adults:unknown',
      ])
    } finally {
      await c.end()
      await other.drop()
    }
  })

  it('stops with CANCELLED when the job is cancelled, leaving nothing half-read', async () => {
    const server = testPostgres()
    const { default: pgModule } = await import('pg')
    const pool = new pgModule.Pool({ ...server, database: db.name, max: 2 })
    const workers = createWorkerPool({ maxWorkers: 1 })
    const controller = new AbortController()
    controller.abort()
    try {
      const job = { jobId: 't', signal: controller.signal, progress: () => undefined }
      await expect(scanCouch2pg({ pool, endpoints: [], workers }, job)).rejects.toMatchObject({
        code: 'CANCELLED',
      })
    } finally {
      await pool.end()
      await workers.dispose()
    }
  })
})
