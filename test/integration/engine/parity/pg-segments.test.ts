import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Prng } from '../../../../src/main/engine/demo/generator/prng'
import { bucketSql } from '../../../../src/main/engine/parity/pg-buckets'
import { pairHash, type HashKind } from '../../../../src/main/engine/parity/pg-hash'
import type { RelationSpec } from '../../../../src/main/engine/parity/pg-relations'
import { fetchRevs, segmentDigests } from '../../../../src/main/engine/parity/pg-segments'
import {
  addPairs,
  differingSegments,
  emptyDigests,
  segmentIndexOf,
  type SideDigests,
} from '../../../../src/main/engine/parity/segment-digest'
import type { DocRev } from '../../../../src/main/engine/parity/types'
import { compareCodePoints } from '../../../../src/main/engine/workers/tasks/code-point-order'
import { createTestDatabase } from '../../../support/test-postgres'
import { harnessPools } from '../../../support/test-pools'

/**
 * Per-segment digests and drill-down on the run's PostgreSQL, over a couch2pg table pair and a
 * CHT Sync raw table holding the same documents, with injected differences.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>
let admin: pg.Client
let harness: ReturnType<typeof harnessPools>
let pool: pg.Pool

const C2P: RelationSpec = {
  kind: 'couch2pg',
  schema: 'public',
  tables: ['couchdb', 'couchdb_users_meta'],
}
const SYNC: RelationSpec = { kind: 'cht-sync', schema: 'v1', table: 'couchdb' }
const ID_CHARS = [...'abcdef0123456789-_:/\'"é日😀\u0301 ABZ~']

function randomDocs(n: number, seed: number): DocRev[] {
  const rng = new Prng(seed)
  const ids = new Set<string>()
  while (ids.size < n) {
    const length = 1 + Math.floor(rng.next() * 12)
    let id = rng.next() < 0.05 ? 'org.couchdb.user:' : rng.next() < 0.03 ? '_design/' : ''
    for (let i = 0; i < length; i++) id += ID_CHARS[Math.floor(rng.next() * ID_CHARS.length)]
    ids.add(id)
  }
  return [...ids].map((id) => ({
    id,
    rev: `${1 + Math.floor(rng.next() * 9)}-r${rng.next32()}`,
    deleted: false,
  }))
}

/** Replaces both sides' rows: couch2pg gets `c2p`, CHT Sync gets `sync` (with its stubs). */
async function load(c2p: DocRev[], sync: DocRev[]): Promise<void> {
  const users = c2p.filter((d) => d.id.startsWith('org.couchdb.user:'))
  const medic = c2p.filter((d) => !d.id.startsWith('org.couchdb.user:'))
  const docs = (list: DocRev[]) =>
    list.map((d) => JSON.stringify({ _id: d.id, _rev: d.rev, type: 'x' }))
  await admin.query(`TRUNCATE public.couchdb, public.couchdb_users_meta, v1.couchdb`)
  await admin.query(`INSERT INTO public.couchdb SELECT d::jsonb FROM unnest($1::text[]) d`, [
    docs(medic),
  ])
  await admin.query(
    `INSERT INTO public.couchdb_users_meta SELECT d::jsonb FROM unnest($1::text[]) d`,
    [docs(users)],
  )
  await admin.query(
    `INSERT INTO v1.couchdb (_id, _deleted, source, doc)
     SELECT d::jsonb->>'_id', del, 'medic', d::jsonb FROM unnest($1::text[], $2::boolean[]) t(d, del)`,
    [docs(sync), sync.map((d) => d.deleted)],
  )
}

const nodeDigests = (pairs: DocRev[], boundaries: string[], kind: HashKind = 'hashtextextended') =>
  addPairs(emptyDigests(boundaries), pairs, boundaries, pairHash(kind))

const MOD = 1n << 64n

/** All groups' digests added together (what one ungrouped pass would give). */
function combined(groups: Map<string, SideDigests>, boundaries: string[]): SideDigests {
  const out = emptyDigests(boundaries)
  for (const d of groups.values()) {
    d.segments.forEach((s, i) => {
      out.segments[i]!.count += s.count
      out.segments[i]!.hash = (out.segments[i]!.hash + s.hash) % MOD
      out.deleted[i]! += d.deleted[i]!
    })
    out.unkeyed += d.unkeyed
  }
  return out
}

/** Both sides' digests, each combined over its groups. */
async function bothSides(boundaries: string[], kind: HashKind = 'hashtextextended') {
  const [a, b] = await Promise.all([
    segmentDigests(pool, C2P, boundaries, kind),
    segmentDigests(pool, SYNC, boundaries, kind),
  ])
  return [combined(a, boundaries), combined(b, boundaries)] as const
}

/** Every `step`-th id of `docs` in code-point order. */
function boundariesOf(docs: DocRev[], step: number): string[] {
  const ids = docs.map((d) => d.id).sort(compareCodePoints)
  return ids.filter((_, i) => i % step === step - 1)
}

beforeAll(async () => {
  db = await createTestDatabase('segments')
  admin = await db.client()
  await admin.query(`
    CREATE TABLE public.couchdb (doc jsonb);
    CREATE UNIQUE INDEX couchdb_doc_uuid ON public.couchdb ((doc->>'_id'));
    CREATE TABLE public.couchdb_users_meta (doc jsonb);
    CREATE UNIQUE INDEX couchdb_users_meta_doc_uuid ON public.couchdb_users_meta ((doc->>'_id'));
    CREATE SCHEMA v1;
    CREATE TABLE v1.couchdb (saved_timestamp timestamptz DEFAULT now(),
      _id text COLLATE "en-US-x-icu" PRIMARY KEY, _deleted boolean, source text, doc jsonb);`)
  harness = harnessPools(db.name)
  pool = await harness.pool()
})
afterAll(async () => {
  await harness.close()
  await admin.end()
  await db.drop()
})

describe('segmentDigests', () => {
  it('match on identical data, on both sides and in Node, for both hash kinds', async () => {
    const docs = randomDocs(3_000, 1)
    await load(docs, docs)
    const boundaries = boundariesOf(docs, 7)
    for (const kind of ['hashtextextended', 'md5'] as const) {
      const [a, b] = await bothSides(boundaries, kind)
      expect(a).toEqual(b)
      expect(a).toEqual(nodeDigests(docs, boundaries, kind))
      expect(a.segments.reduce((n, s) => n + s.count, 0)).toBe(3_000)
    }
  })

  it('change exactly the segments holding missing, extra and stale pairs', async () => {
    const docs = randomDocs(3_000, 2)
    const boundaries = boundariesOf(docs, 5)
    const missing = docs[10]!
    const extra = { id: 'zz-extra-😀', rev: '1-x', deleted: false }
    const stale = docs[2_500]!
    const sync = [
      ...docs.filter((d) => d !== missing && d !== stale),
      { ...stale, rev: '9-newer' },
      extra,
    ]
    await load(docs, sync)
    const [a, b] = await bothSides(boundaries)
    const expected = [
      ...new Set([missing, extra, stale].map((d) => segmentIndexOf(d.id, boundaries))),
    ]
    expect(differingSegments(a, b)).toEqual(expected.sort((x, y) => x - y))
    expect(b).toEqual(nodeDigests(sync, boundaries))
  })

  it('leave CHT Sync deletion stubs out of the digest and count them', async () => {
    const docs = randomDocs(500, 3)
    const stubs = randomDocs(40, 33).map((d) => ({ ...d, id: `gone-${d.id}`, deleted: true }))
    await load(docs, [...docs, ...stubs])
    const boundaries = boundariesOf(docs, 25)
    const [a, b] = await bothSides(boundaries)
    expect(differingSegments(a, b)).toEqual([])
    expect(b.deleted.reduce((n, x) => n + x, 0)).toBe(40)
    expect(b).toEqual(nodeDigests([...docs, ...stubs], boundaries))
  })

  it('handle empty and one-row tables, and no boundaries at all', async () => {
    await load([], [])
    const none = await segmentDigests(pool, SYNC, ['m'], 'hashtextextended')
    expect(none.size).toBe(0)
    const one = [{ id: 'it\'s "quoted" é', rev: '1-a', deleted: false }]
    await load(one, one)
    for (const boundaries of [[], ['a'], ['zzz']]) {
      const [a, b] = await bothSides(boundaries)
      expect(a).toEqual(b)
      expect(a).toEqual(nodeDigests(one, boundaries))
    }
  })

  it('cut segments in code-point order on a column whose collation is en-US (ICU)', async () => {
    // Orders that differ between "C" and en-US: case, accents, punctuation, astral characters.
    const ids = ['B', 'a', 'b', '_design/x', 'é', 'f', 'E', 'Z', '\uFFFD', '😀', '-', 'a-b', 'ab']
    const docs = ids.map((id) => ({ id, rev: '1-a', deleted: false }))
    await load([], docs)
    const { rows } = await admin.query<{ ok: boolean }>(
      `SELECT array_agg(_id ORDER BY _id) <> array_agg(_id ORDER BY _id COLLATE "C") AS ok FROM v1.couchdb`,
    )
    expect(rows[0]!.ok).toBe(true)
    const sorted = [...ids].sort(compareCodePoints)
    // One segment per id: each boundary is an id, so every id must land on its own segment.
    const digests = (await segmentDigests(pool, SYNC, sorted, 'hashtextextended')).get('medic')!
    expect(digests.segments.map((s) => s.count)).toEqual([0, ...sorted.map(() => 1)])
    expect(digests).toEqual(nodeDigests(docs, sorted))
  })

  it('refuse boundaries that are not ascending in code-point order', async () => {
    await expect(segmentDigests(pool, SYNC, ['😀', '\uFFFD'], 'md5')).rejects.toThrow(/ascending/)
  })
})

describe('fetchRevs', () => {
  it('fetchRevs finds each id with its revision and deletion, and nothing else', async () => {
    const docs = randomDocs(12_000, 4)
    const sync = docs.map((d, i) => (i % 7 === 0 ? { ...d, deleted: true } : d))
    await load(docs.slice(0, 11_000), sync)
    const ask = [...docs.slice(10_000).map((d) => d.id), 'absent', 'o\'q"', '']
    const [a, b] = await Promise.all([fetchRevs(pool, C2P, ask), fetchRevs(pool, SYNC, ask)])
    expect(a.size).toBe(1_000)
    expect(b.size).toBe(2_000)
    for (const [i, d] of docs.slice(10_000).entries()) {
      const s = sync[10_000 + i]!
      expect(b.get(d.id)).toEqual([{ rev: s.rev, deleted: s.deleted, group: 'medic' }])
      const table = d.id.startsWith('org.couchdb.user:') ? 'couchdb_users_meta' : 'couchdb'
      if (i < 1_000) expect(a.get(d.id)).toEqual([{ rev: d.rev, deleted: false, group: table }])
    }
  })
})

describe('bucketSql', () => {
  it('numbers segments like segmentIndexOf for every count of boundaries', async () => {
    const ids = randomDocs(400, 6).map((d) => d.id)
    const sorted = [...new Set(ids)].sort(compareCodePoints)
    const counts = [...Array.from({ length: 40 }, (_, i) => i), 63, 64, 65, 99, 100, 120, 399]
    for (const n of counts) {
      const boundaries = sorted.filter((_, i) => i % Math.max(1, Math.floor(400 / (n + 1))) === 0)
      const cut = boundaries.slice(0, n)
      const bucket = bucketSql(cut, 2)
      const { rows } = await admin.query<{ s: number }>(
        `SELECT ${bucket.expr} AS s FROM unnest($1::text[]) WITH ORDINALITY AS t(id, i) ORDER BY i`,
        [ids, ...bucket.params],
      )
      expect(rows.map((r) => r.s)).toEqual(ids.map((id) => segmentIndexOf(id, cut)))
    }
  })
})
