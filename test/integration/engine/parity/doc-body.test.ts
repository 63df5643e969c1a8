import { afterEach, describe, expect, it } from 'vitest'
import { call } from '../../../../src/main/api/dispatch'
import { createEnvSessionSecretStore } from '../../../../src/main/engine/connections/secret-store'
import { openCouchSource } from '../../../../src/main/engine/parity/couch-source'
import { bodyText } from '../../../../src/main/engine/parity/doc-body-text'
import {
  readChtSyncBody,
  readCouch2pgBody,
  readCouchBody,
} from '../../../../src/main/engine/parity/doc-body'
import { PASSWORD_ENV_VARS } from '../../../../src/shared/connections'
import { TEXT_LIMITS } from '../../../../src/shared/results/common'
import { createTestContext, type TestContext } from '../../../support/handler-context'
import { createTestCouchDatabases, testCouchdb } from '../../../support/test-couchdb'
import { createTestDatabase, testPostgres } from '../../../support/test-postgres'
import { harnessPools, harnessProfile } from '../../../support/test-pools'

/**
 * `parity.document` and its engine: one document as CouchDB, couch2pg and CHT Sync hold it, on a
 * real PostgreSQL and a CouchDB-compatible server: live, deleted, never written, ids that need
 * care in a URL (`_design/…`, a slash, non-ASCII), bodies past the bound, and a place that cannot
 * be read (which says why while the others still answer).
 */

type Couch = Awaited<ReturnType<typeof createTestCouchDatabases<'medic' | 'medic-sentinel'>>>
type Db = Awaited<ReturnType<typeof createTestDatabase>>
let couch: Couch | null = null
let db: Db | null = null
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  await couch?.drop()
  await db?.drop()
  couch = null
  db = null
})

const SCHEMA = `
  CREATE TABLE public.couchdb (doc jsonb);
  CREATE TABLE public.couchdb_progress (seq varchar, source varchar);
  CREATE SCHEMA v1;
  CREATE TABLE v1.couchdb (saved_timestamp timestamp, _id varchar PRIMARY KEY, _deleted boolean,
    source varchar, doc jsonb);
`

const IDS = ['plain', '_design/medic', 'a/b c', 'é-中文', 'org.couchdb.user:ann']

async function setUp() {
  couch = await createTestCouchDatabases('medic', 'medic-sentinel')
  db = await createTestDatabase('docbody')
  const client = await db.client()
  cleanups.push(() => client.end())
  await client.query(SCHEMA)
  const written = await couch.bulk(
    'medic',
    IDS.map((_id) => ({ _id, type: 'person', name: `name of ${_id}` })),
  )
  const gone = await couch.bulk('medic', [{ _id: 'gone', type: 'person' }])
  await couch.bulk('medic', [{ _id: 'gone', _rev: gone[0]!.rev, _deleted: true }])
  for (const w of written) {
    const doc = JSON.stringify({ _id: w.id, _rev: w.rev, type: 'person', name: `name of ${w.id}` })
    await client.query(`INSERT INTO public.couchdb (doc) VALUES ($1)`, [doc])
    await client.query(
      `INSERT INTO v1.couchdb (_id, _deleted, source, doc) VALUES ($1, false, $2, $3)`,
      [w.id, `couchdb/${couch.names.medic}`, doc],
    )
  }
  // couch2pg holds `plain` twice (a duplicated id); CHT Sync keeps a stub for `gone`.
  await client.query(`INSERT INTO public.couchdb (doc) SELECT doc FROM public.couchdb
    WHERE doc->>'_id' = 'plain'`)
  await client.query(`INSERT INTO v1.couchdb (_id, _deleted, source, doc)
    VALUES ('gone', true, 'couchdb/other-db', '{"_id":"gone","_deleted":true}')`)
  // A body past the bound, in both PostgreSQL tables.
  const big = JSON.stringify({ _id: 'big', blob: 'x'.repeat(TEXT_LIMITS.block + 10) })
  await client.query(`INSERT INTO public.couchdb (doc) VALUES ($1)`, [big])
  await client.query(`INSERT INTO v1.couchdb (_id, doc) VALUES ('big', $1)`, [big])
  const harness = harnessPools(db.name)
  cleanups.push(harness.close)
  const pw = testPostgres().password
  const pools = {
    old: await harness.pools.get('couch2pg', harnessProfile(db.name), pw),
    new: await harness.pools.get('chtSync', harnessProfile(db.name), pw),
  }
  const { url, username, password } = testCouchdb()
  const source = openCouchSource({ url, username }, password, { requestTimeoutMs: 10_000 })
  return { pools, source, medic: couch.names.medic }
}

const RAW = { schema: 'v1', table: 'couchdb' }

describe('reading one document from the three places', () => {
  it('finds a live document under ids that need care in a URL, in all three', async () => {
    const { pools, source, medic } = await setUp()
    for (const id of IDS) {
      const [c, o, n] = await Promise.all([
        readCouchBody(source, medic, id),
        readCouch2pgBody(pools.old, medic, id),
        readChtSyncBody(pools.new, RAW, medic, id),
      ])
      for (const side of [c, o, n]) {
        expect(side, id).toMatchObject({ found: true, truncated: false, error: null })
        const body = JSON.parse(side.body!) as Record<string, unknown>
        expect(body).toMatchObject({ _id: id, name: `name of ${id}` })
        // Pretty-printed: one field a line.
        expect(side.body).toContain('\n  "_id"')
      }
      expect(c.note).toBeNull()
      // The same document reads the same in the three columns, whatever order each kept.
      expect(o.body).toBe(c.body)
      expect(n.body).toBe(c.body)
    }
  })

  it('tells a deleted document and one never written apart, and names second rows and stubs', async () => {
    const { pools, source, medic } = await setUp()
    const deleted = await readCouchBody(source, medic, 'gone')
    expect(deleted).toMatchObject({ found: true, error: null })
    expect(JSON.parse(deleted.body!)).toMatchObject({ _id: 'gone', _deleted: true })
    expect(deleted.note).toMatch(/^CouchDB holds only a deletion stub for this id \(revision 2-/)
    expect(await readCouchBody(source, medic, 'never')).toEqual({
      found: false,
      body: null,
      truncated: false,
      error: null,
      note: null,
    })
    expect(await readCouch2pgBody(pools.old, medic, 'gone')).toMatchObject({
      found: false,
      error: null,
    })
    const stub = await readChtSyncBody(pools.new, RAW, medic, 'gone')
    expect(stub).toMatchObject({ found: true, error: null })
    expect(stub.note).toContain('CHT Sync marks this row deleted (_deleted).')
    expect(stub.note).toContain(`This row came from other-db, not ${medic}.`)
    const twice = await readCouch2pgBody(pools.old, medic, 'plain')
    expect(twice.note).toBe('couch2pg holds this id in more than one row; the first is shown.')
  })

  it('cuts bodies past the bound and says so', async () => {
    const { pools, medic } = await setUp()
    for (const side of [
      await readCouch2pgBody(pools.old, medic, 'big'),
      await readChtSyncBody(pools.new, RAW, medic, 'big'),
    ]) {
      expect(side).toMatchObject({ found: true, truncated: true, error: null })
      expect(side.body).toHaveLength(TEXT_LIMITS.block)
    }
    expect(bodyText('{"a":1}')).toEqual({ body: '{\n  "a": 1\n}', truncated: false })
    // Keys in one order whatever each place kept: CouchDB's own first, then the rest.
    expect(bodyText('{"b":{"z":1,"a":[{"y":2,"x":3}]},"_rev":"1-a","a":0,"_id":"i"}').body).toBe(
      JSON.stringify({ _id: 'i', _rev: '1-a', a: 0, b: { a: [{ x: 3, y: 2 }], z: 1 } }, null, 2),
    )
    expect(bodyText('{"a":', true)).toEqual({ body: '{"a":', truncated: true })
  })

  it('says why a place cannot be read: a missing database, a missing table, a table elsewhere', async () => {
    const { pools, source, medic } = await setUp()
    const noDb = await readCouchBody(source, 'no-such-db', 'plain')
    expect(noDb).toMatchObject({ found: false, body: null })
    expect(noDb.error).toMatch(/has no database “no-such-db”/)
    expect(await readChtSyncBody(pools.new, { schema: 'v1', table: 'nope' }, medic, 'x')).toEqual(
      expect.objectContaining({ error: 'The CHT Sync database has no table v1.nope.' }),
    )
    const refused = harnessPools(db!.name)
    cleanups.push(refused.close)
    const nowhere = await readCouch2pgBody(await refused.pool({ port: 1 }), medic, 'plain')
    expect(nowhere).toMatchObject({ found: false, body: null })
    expect(nowhere.error).toMatch(/refused the connection.*Check the port/)
    const logs = await readCouch2pgBody(pools.old, 'medic-logs', 'x')
    expect(logs).toMatchObject({ found: false, error: null })
    expect(logs.note).toBe(
      'couch2pg has no table public.couchdb_medic_logs: it does not copy medic-logs.',
    )
  })
})

describe('parity.document', () => {
  let t: TestContext | null = null
  afterEach(async () => {
    await t?.dispose()
    t = null
  })

  it('answers all three places from the project’s connections, each failing on its own', async () => {
    const { medic } = await setUp()
    const couchdb = testCouchdb()
    const server = testPostgres()
    t = await createTestContext({
      secrets: createEnvSessionSecretStore({
        [PASSWORD_ENV_VARS.couchdb]: couchdb.password,
        [PASSWORD_ENV_VARS.couch2pg]: server.password,
        [PASSWORD_ENV_VARS.chtSync]: server.password,
      }),
    })
    const before = await call('parity.document', { database: medic, id: 'plain' }, t.ctx)
    expect(before).toMatchObject({ ok: false, error: { code: 'NO_PROJECT' } })
    const created = await call('project.new', { name: 'Bodies' }, t.ctx)
    if (!created.ok) throw new Error(created.error.message)
    const profile = harnessProfile(db!.name)
    const updated = await call(
      'project.update',
      {
        intents: [
          {
            type: 'connection.setCouchdb',
            profile: { url: couchdb.url, username: couchdb.username },
          },
          {
            type: 'connection.setChtSync',
            profile: { ...profile, schema: 'v1', table: 'couchdb' },
          },
        ],
      },
      t.ctx,
    )
    if (!updated.ok) throw new Error(updated.error.message)
    const answer = await call('parity.document', { database: medic, id: '_design/medic' }, t.ctx)
    if (!answer.ok) throw new Error(answer.error.message)
    expect(answer.value.couchdb).toMatchObject({ found: true, error: null })
    expect(answer.value.chtSync).toMatchObject({ found: true, error: null })
    expect(answer.value.couch2pg).toEqual({
      found: false,
      body: null,
      truncated: false,
      error: 'No couch2pg connection is set (Connections page).',
      note: null,
    })
    const bad = await call('parity.document', { database: medic, id: '' }, t.ctx)
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })
})
