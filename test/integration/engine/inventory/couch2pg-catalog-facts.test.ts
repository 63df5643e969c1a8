import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InventoryDetails } from '../../../../src/shared/results/inventory-result'
import { inventoryOf, objectNamed } from '../../../support/inventory-scan'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'

/**
 * The catalog facts of the couch2pg inventory on the kinds of object the demo has few of: a
 * trigger, a serial sequence, a procedure, a view read by another view, materialized views with
 * and without a unique index, a function called with `track_functions = all`, and a table scanned
 * both sequentially and by index. Each is listed with its kind, owner, size and row estimates,
 * dependencies both ways and the usage the statistics views record.
 */

let db: Awaited<ReturnType<typeof createTestDatabase>>
let details: InventoryDetails
const OWNER = `inv_owner_${process.pid}`
const SEQ_SCANS = 3
const IDX_SCANS = 2
const CALLS = 4

/** Polls the statistics views (from a fresh session) until `sql` returns true, or fails. */
async function waitForStats(sql: string): Promise<void> {
  const client = await db.client()
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query<{ ok: boolean }>(`SELECT (${sql}) AS ok`)
      if (rows[0]?.ok) return
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`statistics never showed: ${sql}`)
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  db = await createTestDatabase('inv_catalog')
  const setup = await db.client()
  await setup.query(`
    DROP ROLE IF EXISTS ${OWNER};
    CREATE ROLE ${OWNER};
    ALTER DATABASE ${db.name} SET track_functions = 'all';
    CREATE TABLE couchdb (doc jsonb);
    CREATE TABLE visits (id serial PRIMARY KEY, chw text NOT NULL, visited date NOT NULL, touched timestamptz);
    INSERT INTO visits (chw, visited)
      SELECT 'chw' || (g % 7), DATE '2024-01-01' + g FROM generate_series(1, 100) g;
    ALTER TABLE visits OWNER TO ${OWNER};
    CREATE FUNCTION touch_visit() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN NEW.touched := now(); RETURN NEW; END $fn$;
    CREATE TRIGGER visits_touch BEFORE UPDATE ON visits FOR EACH ROW EXECUTE FUNCTION touch_visit();
    CREATE FUNCTION visit_weight(d date) RETURNS int LANGUAGE plpgsql AS $fn$
      BEGIN RETURN extract(dow FROM d)::int; END $fn$;
    CREATE PROCEDURE forget_visits(before date) LANGUAGE sql
      BEGIN ATOMIC DELETE FROM visits WHERE visited < before; END;
    CREATE VIEW visit_days AS SELECT chw, visited FROM visits;
    CREATE VIEW visit_counts AS SELECT chw, count(*) AS n FROM visit_days GROUP BY chw;
    CREATE MATERIALIZED VIEW visit_summary AS SELECT chw, max(visited) AS last FROM visits GROUP BY chw;
    CREATE UNIQUE INDEX visit_summary_chw ON visit_summary (chw);
    CREATE MATERIALIZED VIEW visit_backlog AS SELECT chw FROM visits WITH NO DATA;
    ANALYZE visits;
  `)
  await setup.end()

  // A fresh session so the database's track_functions applies; closed before the inventory so
  // its statistics are flushed (at session end; pg_stat_force_next_flush() needs 15+).
  const work = await db.client()
  await work.query(`SET enable_indexscan = off; SET enable_bitmapscan = off`)
  for (let i = 0; i < SEQ_SCANS; i++) await work.query(`SELECT count(*) FROM visits`)
  await work.query(`RESET enable_indexscan; RESET enable_bitmapscan; SET enable_seqscan = off`)
  for (let i = 1; i <= IDX_SCANS; i++) await work.query(`SELECT * FROM visits WHERE id = $1`, [i])
  for (let i = 0; i < CALLS; i++) await work.query(`SELECT visit_weight(DATE '2024-05-0${i + 1}')`)
  await work.end()
  await waitForStats(
    `(SELECT seq_scan >= ${SEQ_SCANS} AND idx_scan >= ${IDX_SCANS} FROM pg_stat_user_tables WHERE relname = 'visits')
     AND (SELECT calls = ${CALLS} FROM pg_stat_user_functions WHERE funcname = 'visit_weight')`,
  )
  ;({ details } = await inventoryOf(db.name))
}, 60_000)

afterAll(async () => {
  await db?.drop()
  const admin = await db.client('postgres')
  await admin.query(`DROP ROLE IF EXISTS ${OWNER}`).catch(() => undefined)
  await admin.end()
})

describe('catalog facts', () => {
  it('lists a table with its owner, size, row estimate and both kinds of scan', () => {
    const visits = objectNamed(details, 'visits', 'table')
    expect(visits.owner).toBe(OWNER)
    expect(visits.sizeBytes).toBeGreaterThan(0)
    expect(visits.rows).toBe(100)
    expect(visits.usage.seqScans).toBeGreaterThanOrEqual(SEQ_SCANS)
    expect(visits.usage.idxScans).toBeGreaterThanOrEqual(IDX_SCANS)
    expect(visits.usage.lastAnalyze).not.toBeNull()
    expect(visits.usedBy).toEqual(
      expect.arrayContaining([
        'view:public.visit_days',
        'materialized_view:public.visit_summary',
        'sequence:public.visits_id_seq',
        'trigger:public.visits.visits_touch',
        'index:public.visits_pkey',
      ]),
    )
    const pkey = objectNamed(details, 'visits_pkey', 'index')
    expect(pkey.usage.idxScans).toBeGreaterThanOrEqual(IDX_SCANS)
    expect(pkey.dependsOn).toEqual(['table:public.visits'])
  })

  it('lists the serial sequence on its table, with neither size nor rows (always one page)', () => {
    const seq = objectNamed(details, 'visits_id_seq')
    expect(seq.kind).toBe('sequence')
    expect(seq.owner).toBe(OWNER)
    expect(seq.dependsOn).toEqual(['table:public.visits'])
    expect(seq.sizeBytes).toBeNull()
    expect(seq.rows).toBeNull()
    expect(seq.usedBy).toEqual([])
  })

  it('lists the trigger with its table and function', () => {
    const trigger = objectNamed(details, 'visits_touch')
    expect(trigger.key).toBe('trigger:public.visits.visits_touch')
    expect(trigger.kind).toBe('trigger')
    expect(trigger.owner).toBe(OWNER)
    expect(trigger.definition).toMatch(/BEFORE UPDATE ON public\.visits/)
    expect([...trigger.dependsOn].sort()).toEqual([
      'function:public.touch_visit()',
      'table:public.visits',
    ])
    expect(objectNamed(details, 'touch_visit').usedBy).toEqual([trigger.key])
  })

  it('lists the procedure apart from functions, with what its body reads', () => {
    const proc = objectNamed(details, 'forget_visits')
    expect(proc.kind).toBe('procedure')
    // pg_get_function_arguments prints a procedure's argument modes (`IN`), a function's not.
    expect(proc.key).toBe('procedure:public.forget_visits(IN before date)')
    expect(proc.language).toBe('sql')
    expect(proc.owner).toBe(testPostgres().user)
    expect(proc.dependsOn).toContain('table:public.visits')
  })

  it('links a view read by another view in both directions', () => {
    const days = objectNamed(details, 'visit_days')
    const counts = objectNamed(details, 'visit_counts')
    expect(days.usedBy).toEqual(['view:public.visit_counts'])
    expect(counts.dependsOn).toEqual(['view:public.visit_days'])
    expect(counts.usedBy).toEqual([])
    expect(days.rows).toBeNull()
    expect(days.columns.map((c) => c.name)).toEqual(['chw', 'visited'])
  })

  it('tells a populated materialized view with a unique index from one with neither', () => {
    const summary = objectNamed(details, 'visit_summary')
    expect(summary.kind).toBe('materialized_view')
    expect(summary.matview).toEqual({ populated: true, uniqueIndex: true })
    expect(summary.sizeBytes).toBeGreaterThan(0)
    expect(summary.usedBy).toContain('index:public.visit_summary_chw')
    expect(objectNamed(details, 'visit_backlog').matview).toEqual({
      populated: false,
      uniqueIndex: false,
    })
  })

  it('counts the function calls track_functions recorded, and says it is on', () => {
    const fn = objectNamed(details, 'visit_weight')
    expect(fn.kind).toBe('function')
    expect(fn.key).toBe('function:public.visit_weight(d date)')
    expect(fn.usage.calls).toBe(CALLS)
    expect(details.server.trackFunctions).toBe('all')
    expect(objectNamed(details, 'touch_visit').usage.calls).toBeNull()
  })
})
