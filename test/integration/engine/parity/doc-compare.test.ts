import { afterEach, describe, expect, it } from 'vitest'
import { openCouchSource, type CouchSource } from '../../../../src/main/engine/parity/couch-source'
import { AppError } from '../../../../src/shared/result'
import {
  classifyHoldings,
  type DocComparisonId,
} from '../../../../src/main/engine/parity/doc-classify'
import { compareDocuments } from '../../../../src/main/engine/parity/doc-compare'
import { readDocScope } from '../../../../src/main/engine/parity/doc-scope'
import { createTestCouchDatabases, testCouchdb } from '../../../support/test-couchdb'
import { createTestDatabase } from '../../../support/test-postgres'
import { harnessPools, harnessProfile } from '../../../support/test-pools'
import { testPostgres } from '../../../support/test-postgres'

/**
 * Document parity end to end on a real PostgreSQL and a CouchDB-compatible server: random
 * documents in two CouchDB databases (`medic`, `medic-sentinel`), copied into a couch2pg table
 * that holds both and a CHT Sync raw table with a source per row, with random differences
 * injected on each side (missing, extra, stale, deleted not applied, present but deleted,
 * duplicated ids), ids that sort differently under collations. The result must equal, exactly,
 * what the three-way classification gives over every id of every side (the oracle).
 */

const ID_POOL = [
  'a',
  'B',
  'b',
  'Zebra',
  'é',
  'e\u0301',
  'ä',
  'a中文',
  '"quoted"',
  "it's",
  'back\\slash',
  'sp ace',
  '_design/medic',
  '0001',
  '~tilde',
  'ü-ber',
  'ÿ',
  'Ω-omega',
  'org.couchdb.user:ann',
]

type Logical = 'medic' | 'medic-sentinel' | 'medic-users-meta'
type Couch = Awaited<ReturnType<typeof createTestCouchDatabases<Logical>>>
type Db = Awaited<ReturnType<typeof createTestDatabase>>
let couch: Couch | null = null
let db: Db | null = null
let close: (() => Promise<void>) | null = null
afterEach(async () => {
  await close?.()
  await couch?.drop()
  await db?.drop()
  couch = null
  db = null
  close = null
})

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Row {
  id: string
  rev: string
  deleted: boolean
  db: string
}

const SCHEMA = `
  CREATE TABLE public.couchdb (doc jsonb);
  CREATE TABLE public.couchdb_users_meta (doc jsonb);
  CREATE TABLE public.couchdb_progress (seq varchar, source varchar);
  CREATE SCHEMA v1;
  CREATE TABLE v1.couchdb (saved_timestamp timestamp, _id varchar PRIMARY KEY, _deleted boolean,
    source varchar, doc jsonb);
  CREATE TABLE v1.couchdb_progress (seq varchar, pending integer, updated_at timestamptz,
    source varchar PRIMARY KEY);
`

async function scenario(seed: number, options: { docs: number; rate: number; unique: boolean }) {
  const rnd = random(seed)
  couch = await createTestCouchDatabases('medic', 'medic-sentinel', 'medic-users-meta')
  db = await createTestDatabase('docparity')
  const client = await db.client()
  await client.query(SCHEMA)
  if (options.unique) {
    await client.query(`CREATE UNIQUE INDEX couchdb_doc_uuid ON public.couchdb ((doc->>'_id'))`)
    await client.query(
      `CREATE UNIQUE INDEX couchdb_users_meta_uuid ON public.couchdb_users_meta ((doc->>'_id'))`,
    )
  }
  // CouchDB: documents in both databases, some edited (generation 2), some deleted.
  const couchRows: Row[] = []
  const SUFFIX: Record<Logical, string> = {
    medic: '',
    'medic-sentinel': '-info',
    'medic-users-meta': '-meta',
  }
  for (const logical of ['medic', 'medic-sentinel', 'medic-users-meta'] as const) {
    const ids = [
      ...ID_POOL.filter(() => rnd() < 0.5).map((id) => `${id}${SUFFIX[logical]}`),
      ...Array.from(
        { length: options.docs },
        (_, k) => `${logical}-${seed}-${k}-${Math.floor(rnd() * 1e6)}`,
      ),
    ]
    const written = await couch.bulk(
      logical,
      [...new Set(ids)].map((_id) => ({ _id, type: 'person' })),
    )
    const edits = written.filter(() => rnd() < 0.3)
    const edited = await couch.bulk(
      logical,
      edits.map((w) => ({ _id: w.id, _rev: w.rev, type: 'person', v: 2 })),
    )
    const revs = new Map(written.map((w) => [w.id, w.rev!]))
    for (const e of edited) revs.set(e.id, e.rev!)
    const deletes = [...revs].filter(() => rnd() < 0.15)
    const gone = await couch.bulk(
      logical,
      deletes.map(([_id, _rev]) => ({ _id, _rev, _deleted: true })),
    )
    const deleted = new Map(gone.map((g) => [g.id, g.rev!]))
    for (const [id, rev] of revs) {
      couchRows.push({
        id,
        rev: deleted.get(id) ?? rev,
        deleted: deleted.has(id),
        db: couch.names[logical],
      })
    }
  }
  // The copies: exact, then perturbed at random.
  const old: Row[] = []
  const neu: Row[] = []
  const pick = () => rnd() < options.rate
  for (const r of couchRows) {
    // couch2pg: a row per live document; none for a deleted one.
    if (!r.deleted && !pick()) old.push({ ...r })
    else if (!r.deleted) {
      const kind = rnd()
      if (kind < 0.4) continue // missing
      if (kind < 0.7)
        old.push({ ...r, rev: `1-${'0'.repeat(32)}` }) // stale
      else old.push({ ...r }, { ...r }) // duplicated (kept only without the unique index)
    } else if (pick()) old.push({ ...r, deleted: false, rev: `1-${'f'.repeat(32)}` }) // delete not applied
    // CHT Sync: every document, deleted ones as stubs.
    if (!pick()) neu.push({ ...r })
    else {
      const kind = rnd()
      if (kind < 0.3) continue // missing
      if (kind < 0.55)
        neu.push({ ...r, rev: `1-${'a'.repeat(32)}`, deleted: false }) // stale or not deleted
      else if (kind < 0.8)
        neu.push({ ...r, deleted: !r.deleted }) // stub for a live one, or live
      else neu.push({ ...r, deleted: false }) // deleted in CouchDB, live here
    }
  }
  for (let k = 0; k < Math.ceil(options.docs * options.rate); k++) {
    // An id CouchDB never held is put in the shared table's first database (by source order).
    const name = rnd() < 0.5 ? couch.names.medic : couch.names['medic-sentinel']
    if (rnd() < 0.5)
      old.push({ id: `extra-old-${k}-ü`, rev: '1-b', deleted: false, db: couch.names.medic })
    else neu.push({ id: `extra-new-${k}-Ä`, rev: '1-c', deleted: false, db: name })
  }
  const oldRows = options.unique ? dedupe(old) : old
  for (const r of oldRows) {
    const table = r.db.endsWith('-users-meta') ? 'couchdb_users_meta' : 'couchdb'
    await client.query(`INSERT INTO public.${table} (doc) VALUES ($1)`, [
      { _id: r.id, _rev: r.rev, type: 'person' },
    ])
  }
  for (const r of dedupe(neu)) {
    const doc = r.deleted
      ? { _id: r.id, _rev: r.rev, _deleted: true }
      : { _id: r.id, _rev: r.rev, type: 'person' }
    await client.query(`INSERT INTO v1.couchdb VALUES (now(), $1, $2, $3, $4)`, [
      r.id,
      r.deleted,
      `couchdb/${r.db}`,
      doc,
    ])
  }
  // Checkpoints: both pipelines caught up (their sequence is CouchDB's current one).
  for (const name of Object.values<string>(couch.names)) {
    const info = (await (await couch.request(`/${encodeURIComponent(name)}`)).json()) as {
      update_seq: string
    }
    await client.query(`INSERT INTO public.couchdb_progress VALUES ($1, $2)`, [
      String(info.update_seq),
      `couchdb:5984/${name}`,
    ])
    await client.query(`INSERT INTO v1.couchdb_progress VALUES ($1, 0, now(), $2)`, [
      String(info.update_seq),
      `couchdb/${name}`,
    ])
  }
  await client.end()
  return { couchRows, oldRows, newRows: dedupe(neu) }
}

/** One row per id and database (the last wins), as a primary key or unique index keeps them. */
function dedupe(rows: Row[]): Row[] {
  return [...new Map(rows.map((r) => [`${r.db}\u0000${r.id}`, r])).values()]
}

/** What the three-way classification says over every id of every side. */
function oracle(s: Awaited<ReturnType<typeof scenario>>): Set<string> {
  const keys = new Set(
    [...s.couchRows, ...s.oldRows, ...s.newRows].map((r) => `${r.db}\u0000${r.id}`),
  )
  const out = new Set<string>()
  for (const key of keys) {
    const [database, id] = key.split('\u0000') as [string, string]
    const c = s.couchRows.find((r) => r.db === database && r.id === id)
    const rows = (list: Row[]) => ({
      rows: list
        .filter((r) => r.db === database && r.id === id)
        .map((r) => ({ rev: r.rev, deleted: r.deleted })),
    })
    for (const v of classifyHoldings({
      id,
      database,
      couch: c ? { rev: c.rev, deleted: c.deleted } : null,
      old: rows(s.oldRows),
      new: rows(s.newRows),
      inFlight: { old: false, new: false },
    })) {
      out.add(`${v.comparison}|${v.class}|${database}|${id}`)
    }
  }
  return out
}

async function run(
  wrap: (source: CouchSource) => CouchSource = (source) => source,
  batchRows?: number,
  signal?: AbortSignal,
) {
  const { url, username, password } = testCouchdb()
  const source = wrap(openCouchSource({ url, username }, password, { requestTimeoutMs: 10_000 }))
  const harness = harnessPools(db!.name)
  close = harness.close
  const pw = testPostgres().password
  const pools = {
    old: await harness.pools.get('couch2pg', harnessProfile(db!.name), pw),
    new: await harness.pools.get('chtSync', harnessProfile(db!.name), pw),
  }
  const scope = await readDocScope({
    couch: source,
    pools,
    chtSync: { schema: 'v1', table: 'couchdb' },
  })
  const outcome = await compareDocuments({
    couch: source,
    pools,
    scope,
    samples: 100,
    segments: 6,
    ...(batchRows === undefined ? {} : { batchRows }),
    ...(signal ? { signal } : {}),
  })
  const found = new Set<string>()
  for (const [comparison, differences] of Object.entries(outcome.tally.differences)) {
    for (const d of differences) {
      expect(d.samples.length).toBe(d.count)
      for (const sample of d.samples) {
        const database = (sample.note ?? '').split(';')[0]!
        found.add(`${comparison as DocComparisonId}|${d.class}|${database}|${sample.key}`)
      }
    }
  }
  return { outcome, found }
}

describe('compareDocuments', () => {
  it.each([1, 2, 3])(
    'finds exactly the injected differences (seed %i, unique index)',
    async (seed) => {
      const s = await scenario(seed, { docs: 30, rate: 0.2, unique: true })
      const { found, outcome } = await run()
      const want = oracle(s)
      expect([...found].sort()).toEqual([...want].sort())
      expect(outcome.partial).toBeNull()
      // Not trivial: several classes of difference in every comparison.
      for (const c of ['couchdb-chtsync', 'couchdb-couch2pg', 'couch2pg-chtsync']) {
        const mine = [...want].filter((w) => w.startsWith(`${c}|`))
        expect(new Set(mine.map((w) => w.split('|')[1])).size, c).toBeGreaterThanOrEqual(2)
      }
    },
    60_000,
  )

  it('reads the ordered drill-down a batch at a time and finds the same', async () => {
    const s = await scenario(4, { docs: 40, rate: 0.25, unique: true })
    const { found } = await run(undefined, 7)
    expect([...found].sort()).toEqual([...oracle(s)].sort())
    expect(found.size).toBeGreaterThan(10)
  }, 60_000)

  it('finds duplicated ids in a couch2pg table without its unique index', async () => {
    const s = await scenario(7, { docs: 20, rate: 0.3, unique: false })
    const { found } = await run()
    expect([...found].sort()).toEqual([...oracle(s)].sort())
    expect([...found].some((f) => f.startsWith('couchdb-couch2pg|duplicate_id|'))).toBe(true)
  }, 60_000)

  it('finds nothing when the copies are exact, and every row when all differ', async () => {
    const exact = await scenario(11, { docs: 25, rate: 0, unique: true })
    expect((await run()).found.size).toBe(0)
    expect(oracle(exact).size).toBe(0)
    await close?.()
    await couch?.drop()
    await db?.drop()
    close = null
    const all = await scenario(12, { docs: 10, rate: 1, unique: true })
    const { found } = await run()
    expect([...found].sort()).toEqual([...oracle(all)].sort())
  }, 90_000)

  it('compares empty databases and tables without a difference', async () => {
    couch = await createTestCouchDatabases('medic', 'medic-sentinel', 'medic-users-meta')
    db = await createTestDatabase('docparity')
    const client = await db.client()
    await client.query(SCHEMA)
    for (const name of Object.values<string>(couch.names)) {
      await client.query(`INSERT INTO public.couchdb_progress VALUES ('0', $1)`, [`c:5984/${name}`])
      await client.query(`INSERT INTO v1.couchdb_progress VALUES ('0', 0, now(), $1)`, [
        `c/${name}`,
      ])
    }
    await client.end()
    const { found, outcome } = await run()
    expect(found.size).toBe(0)
    expect(outcome.units.map((u) => `${u.unit.side}:${u.unit.name}`).sort()).toEqual([
      `new:${couch.names.medic}`,
      `new:${couch.names['medic-sentinel']}`,
      `new:${couch.names['medic-users-meta']}`,
      'old:couchdb',
      'old:couchdb_users_meta',
    ])
  }, 60_000)

  it('calls a document changed after a pipeline’s checkpoint in flight, not missing', async () => {
    await scenario(21, { docs: 10, rate: 0, unique: true })
    const written = await couch!.bulk('medic', [{ _id: 'late-arrival', type: 'person' }])
    expect(written[0]!.rev).toBeTruthy()
    const { found } = await run()
    // Neither copy has it, so the two pipelines agree with each other.
    expect([...found].sort()).toEqual([
      `couchdb-chtsync|in_flight|${couch!.names.medic}|late-arrival`,
      `couchdb-couch2pg|in_flight|${couch!.names.medic}|late-arrival`,
    ])
  }, 60_000)

  it('stops with the classified error when CouchDB fails while it is read', async () => {
    await scenario(31, { docs: 10, rate: 0.2, unique: true })
    const failing = (source: CouchSource): CouchSource => ({
      ...source,
      read: (r) =>
        r.path === '_all_docs' && r.method !== 'POST'
          ? Promise.reject(new AppError('IO_ERROR', 'The connection was reset.', { kind: 'reset' }))
          : source.read(r),
    })
    await expect(run(failing)).rejects.toMatchObject({ code: 'IO_ERROR', message: /reset/ })
  }, 60_000)

  it('keeps what the drill-down found, labelled partial, when a server fails during it', async () => {
    await scenario(32, { docs: 30, rate: 0.3, unique: true })
    const failing = (source: CouchSource): CouchSource => ({
      ...source,
      // Lookups (POST _all_docs with keys) happen only in the drill-down.
      read: (r) =>
        r.method === 'POST'
          ? Promise.reject(new AppError('IO_ERROR', 'The server went away.'))
          : source.read(r),
    })
    const { outcome } = await run(failing)
    expect(outcome.partial).toMatchObject({ reason: 'failed', note: /went away/ })
  }, 60_000)

  it('keeps what it found, labelled partial, when cancelled during the drill-down', async () => {
    await scenario(33, { docs: 40, rate: 0.3, unique: true })
    const cancel = new AbortController()
    let lookups = 0
    const cancelling = (source: CouchSource): CouchSource => ({
      ...source,
      // The second lookup of the drill-down cancels the run: one batch is done by then.
      read: (r) => {
        if (r.method === 'POST' && ++lookups === 2) cancel.abort()
        return source.read(r)
      },
    })
    const { outcome, found } = await run(cancelling, 5, cancel.signal)
    expect(outcome.partial).toMatchObject({ reason: 'cancelled' })
    expect(found.size).toBeGreaterThan(0)
  }, 60_000)
})
