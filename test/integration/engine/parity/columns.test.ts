import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../../../../src/main/api/dispatch'
import { readColumns } from '../../../../src/main/engine/parity/columns'
import { appErrorFrom } from '../../../support/app-error'
import { createTestContext, type TestContext } from '../../../support/handler-context'
import { twoSides, type TwoSides } from './model-fixtures'

/**
 * `parity.columns`' engine half on a real PostgreSQL: a table's, a view's and a materialised
 * view's columns with `format_type`'s types, in the table's order, dropped columns left out;
 * a missing relation named with its side; and nothing run but catalog reads.
 */
let sides: TwoSides
let t: TestContext

const OLD = `CREATE TABLE form_metadata_t (
  uuid text, chw text, chw_area text, formname text, reported timestamp(3) without time zone,
  gone int, n numeric(10,2));
ALTER TABLE form_metadata_t DROP COLUMN gone;
CREATE VIEW form_metadata AS SELECT * FROM form_metadata_t;
CREATE SCHEMA "Mixed Case";
CREATE MATERIALIZED VIEW "Mixed Case"."Tally" AS SELECT 1::bigint AS "Count", now() AS at;`

const NEW = `CREATE SCHEMA v1;
CREATE TABLE v1.data_record (uuid varchar(36) PRIMARY KEY, contact_uuid text, parent_uuid text,
  form text, reported timestamptz, fields jsonb);`

beforeAll(async () => {
  sides = await twoSides('columns')
  await Promise.all([sides.oldAdmin.query(OLD), sides.newAdmin.query(NEW)])
  t = await createTestContext()
})
afterAll(async () => {
  await sides?.close()
  await t?.dispose()
})

const request = (which: 'old' | 'new', schema: string, name: string) => ({
  pool: which === 'old' ? sides.oldPool : sides.newPool,
  label: which === 'old' ? 'old (couch2pg)' : 'new (CHT Sync)',
  endpoint: which === 'old' ? ('couch2pg' as const) : ('chtSync' as const),
  schema,
  name,
})

describe('parity.columns (engine)', () => {
  it("reads a view's columns with their types, in order", async () => {
    const { columns } = await readColumns(request('old', 'public', 'form_metadata'))
    expect(columns).toEqual([
      { name: 'uuid', type: 'text' },
      { name: 'chw', type: 'text' },
      { name: 'chw_area', type: 'text' },
      { name: 'formname', type: 'text' },
      { name: 'reported', type: 'timestamp(3) without time zone' },
      { name: 'n', type: 'numeric(10,2)' },
    ])
  })

  it("leaves a table's dropped columns out and spells modifiers", async () => {
    const { columns } = await readColumns(request('old', 'public', 'form_metadata_t'))
    expect(columns.map((c) => c.name)).not.toContain('gone')
    const { columns: neu } = await readColumns(request('new', 'v1', 'data_record'))
    expect(neu).toEqual([
      { name: 'uuid', type: 'character varying(36)' },
      { name: 'contact_uuid', type: 'text' },
      { name: 'parent_uuid', type: 'text' },
      { name: 'form', type: 'text' },
      { name: 'reported', type: 'timestamp with time zone' },
      { name: 'fields', type: 'jsonb' },
    ])
  })

  it('finds a materialised view by exact, mixed-case names', async () => {
    const { columns } = await readColumns(request('old', 'Mixed Case', 'Tally'))
    expect(columns).toEqual([
      { name: 'Count', type: 'bigint' },
      { name: 'at', type: 'timestamp with time zone' },
    ])
    const error = await appErrorFrom(readColumns(request('old', 'mixed case', 'tally')))
    expect(error.code).toBe('NOT_FOUND')
  })

  it('says which side lacks the relation', async () => {
    const error = await appErrorFrom(readColumns(request('new', 'public', 'form_metadata')))
    expect(error.code).toBe('NOT_FOUND')
    expect(error.message).toBe(
      'The new (CHT Sync) side has no table or view “public.form_metadata”; check the schema and the name (they are case-sensitive).',
    )
  })

  it('treats a hostile name as a name', async () => {
    const error = await appErrorFrom(
      readColumns(request('old', 'public', `x'; DROP TABLE form_metadata_t; --`)),
    )
    expect(error.code).toBe('NOT_FOUND')
    const { rows } = await sides.oldAdmin.query(
      `SELECT count(*)::int AS n FROM pg_class WHERE relname = 'form_metadata_t'`,
    )
    expect(rows[0]).toEqual({ n: 1 })
  })
})

describe('parity.columns (dispatch)', () => {
  it('needs an open project', async () => {
    const reply = await call('parity.columns', { side: 'old', schema: 'public', name: 't' }, t.ctx)
    expect(reply.ok).toBe(false)
    if (!reply.ok) expect(reply.error.code).toBe('NO_PROJECT')
  })

  it('refuses a name longer than PostgreSQL allows before anything runs', async () => {
    const reply = await call(
      'parity.columns',
      { side: 'new', schema: 'public', name: 'x'.repeat(64) },
      t.ctx,
    )
    expect(reply.ok).toBe(false)
    if (!reply.ok) {
      expect(reply.error.code).toBe('BAD_REQUEST')
      expect(reply.error.message).toMatch(/\(name\)/)
    }
  })
})
