import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pairHash } from '../../../../src/main/engine/parity/pg-hash'
import { codePointIndexes } from '../../../../src/main/engine/parity/pg-index-order'
import type { RelationSpec } from '../../../../src/main/engine/parity/pg-relations'
import {
  drillSegments,
  segmentDigests,
  type DrillRow,
} from '../../../../src/main/engine/parity/pg-segments'
import {
  addPairs,
  emptyDigests,
  segmentIndexOf,
} from '../../../../src/main/engine/parity/segment-digest'
import type { DocRev } from '../../../../src/main/engine/parity/types'
import { compareCodePoints } from '../../../../src/main/engine/workers/tasks/code-point-order'
import { SESSION_PROFILES } from '../../../../src/main/engine/db/read-transaction'
import { createTestDatabase } from '../../../support/test-postgres'
import { harnessPools } from '../../../support/test-pools'

/**
 * Groups (couch2pg tables, CHT Sync sources) in the digests, and the drill-down of whole segments
 * by index ranges and by a filtered pass, with ids whose order differs between collations.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>
let admin: pg.Client
let harness: ReturnType<typeof harnessPools>
let pool: pg.Pool
let cLike: boolean

const C2P: RelationSpec = {
  kind: 'couch2pg',
  schema: 'public',
  tables: ['couchdb', 'couchdb_users_meta'],
}
const SYNC: RelationSpec = { kind: 'cht-sync', schema: 'v1', table: 'couchdb' }
const ICU: RelationSpec = { kind: 'cht-sync', schema: 'v1', table: 'icu' }
const BARE: RelationSpec = { kind: 'cht-sync', schema: 'v1', table: 'bare', hasSource: false }

// Orders that differ between "C" and natural languages: case, accents, punctuation, quotes,
// astral characters, a combining accent, U+FFFD above the surrogates in UTF-16.
const ODD = ['B', 'a', 'b', '_design/x', 'é', 'e\u0301', 'E', 'Z', '\uFFFD', '😀', '-', 'a-b']
const IDS = [
  ...ODD,
  ...['ab', "o'q", 'q"q', 'a b', '~', 'zz', 'Ω', 'ä', 'A', '0', '9', 'org.couchdb.user:x'],
  ...Array.from({ length: 200 }, (_, i) => `${(i * 7919).toString(16)}-${i}`),
]
const docsOf = (ids: string[], rev = '1-a'): DocRev[] =>
  ids.map((id) => ({ id, rev, deleted: false }))
const json = (list: DocRev[]) => list.map((d) => JSON.stringify({ _id: d.id, _rev: d.rev }))

beforeAll(async () => {
  db = await createTestDatabase('groups')
  admin = await db.client()
  await admin.query(`
    CREATE TABLE public.couchdb (doc jsonb);
    CREATE UNIQUE INDEX couchdb_doc_uuid ON public.couchdb ((doc->>'_id'));
    CREATE TABLE public.couchdb_users_meta (doc jsonb);
    CREATE UNIQUE INDEX couchdb_users_meta_doc_uuid ON public.couchdb_users_meta ((doc->>'_id'));
    CREATE SCHEMA v1;
    CREATE TABLE v1.couchdb (saved_timestamp timestamptz DEFAULT now(), _id varchar PRIMARY KEY,
      _deleted boolean, source varchar, doc jsonb);
    CREATE INDEX couchdb_source ON v1.couchdb (source);
    CREATE TABLE v1.icu (_id text COLLATE "en-US-x-icu" PRIMARY KEY, _deleted boolean,
      source text, doc jsonb);
    CREATE TABLE v1.bare (_id text PRIMARY KEY, _deleted boolean, doc jsonb);`)
  const half = Math.floor(IDS.length / 2)
  await admin.query(`INSERT INTO public.couchdb SELECT d::jsonb FROM unnest($1::text[]) d`, [
    json(docsOf(IDS.slice(0, half))),
  ])
  await admin.query(
    `INSERT INTO public.couchdb_users_meta SELECT d::jsonb FROM unnest($1::text[]) d`,
    [json(docsOf(IDS.slice(half)))],
  )
  // Sources: even positions medic, odd sentinel, every 10th null; every 7th a deletion stub.
  const sources = IDS.map((_, i) => (i % 10 === 0 ? null : i % 2 ? 'medic-sentinel' : 'medic'))
  for (const table of ['couchdb', 'icu']) {
    await admin.query(
      `INSERT INTO v1.${table} (_id, _deleted, source, doc)
       SELECT d::jsonb->>'_id', i % 7 = 0, s, d::jsonb
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(d, s, i)`,
      [json(docsOf(IDS)), sources],
    )
  }
  await admin.query(
    `INSERT INTO v1.bare SELECT d::jsonb->>'_id', false, d::jsonb FROM unnest($1::text[]) d`,
    [json(docsOf(IDS))],
  )
  await admin.query('ANALYZE')
  const { rows } = await admin.query<{ c: string }>(
    `SELECT datcollate AS c FROM pg_database WHERE datname = current_database()`,
  )
  cLike = ['c', 'posix', 'c.utf-8', 'c.utf8'].includes(rows[0]!.c.toLowerCase())
  harness = harnessPools(db.name)
  pool = await harness.pool()
})
afterAll(async () => {
  await harness.close()
  await admin.end()
  await db.drop()
})

const sorted = [...new Set(IDS)].sort(compareCodePoints)
/** Long boundaries (every 9th id: the per-row segment tree) and short ones (by prefix). */
const LONG = sorted.filter((_, i) => i % 9 === 4).map((id) => `${id}${'~'.repeat(20)}`)
const SHORT = ['0', '4', '8', 'E', 'a', 'b-', 'c', 'o', 'é', '\uFFFD']
const nodeDigests = (docs: DocRev[], boundaries: string[]) =>
  addPairs(emptyDigests(boundaries), docs, boundaries, pairHash('hashtextextended'))

describe('segmentDigests by group', () => {
  it('digests each couch2pg table on its own, by prefix and by the segment tree', async () => {
    const half = Math.floor(IDS.length / 2)
    for (const boundaries of [SHORT, LONG, []]) {
      const got = await segmentDigests(pool, C2P, boundaries, 'hashtextextended')
      expect([...got.keys()].sort()).toEqual(['couchdb', 'couchdb_users_meta'])
      expect(got.get('couchdb')).toEqual(nodeDigests(docsOf(IDS.slice(0, half)), boundaries))
      expect(got.get('couchdb_users_meta')).toEqual(
        nodeDigests(docsOf(IDS.slice(half)), boundaries),
      )
    }
  })

  it('digests CHT Sync by source, a null source as the group "", stubs counted apart', async () => {
    for (const spec of [SYNC, ICU]) {
      for (const boundaries of [SHORT, LONG]) {
        const got = await segmentDigests(pool, spec, boundaries, 'md5')
        expect([...got.keys()].sort()).toEqual(['', 'medic', 'medic-sentinel'])
        for (const [group, test] of [
          ['', (i: number) => i % 10 === 0],
          ['medic', (i: number) => i % 10 !== 0 && i % 2 === 0],
          ['medic-sentinel', (i: number) => i % 10 !== 0 && i % 2 === 1],
        ] as const) {
          // WITH ORDINALITY counts from 1: the stub of position i is (i + 1) % 7 = 0.
          const docs = IDS.flatMap((id, i) =>
            test(i) ? [{ id, rev: '1-a', deleted: (i + 1) % 7 === 0 }] : [],
          )
          const want = addPairs(emptyDigests(boundaries), docs, boundaries, pairHash('md5'))
          expect(got.get(group)).toEqual(want)
        }
      }
    }
  })

  it('puts every row of a table without a source column in the group ""', async () => {
    const got = await segmentDigests(pool, BARE, SHORT, 'hashtextextended')
    expect([...got.keys()]).toEqual([''])
    expect(got.get('')).toEqual(nodeDigests(docsOf(IDS), SHORT))
  })
})

/** Drills `chosen` and returns the rows sorted (by id, then group). */
async function drill(spec: RelationSpec, boundaries: string[], chosen: number[]) {
  const rows: DrillRow[] = []
  let calls = 0
  const outcome = await drillSegments(pool, spec, boundaries, chosen, (batch) => {
    calls++
    rows.push(...batch)
  })
  rows.sort((x, y) => compareCodePoints(x.id, y.id) || compareCodePoints(x.group, y.group))
  return { rows, outcome, calls }
}

/** What `spec` holds in the chosen segments, as drillSegments should return it. */
function expected(spec: RelationSpec, boundaries: string[], chosen: number[]): DrillRow[] {
  const half = Math.floor(IDS.length / 2)
  const all: DrillRow[] =
    spec.kind === 'couch2pg'
      ? IDS.map((id, i) => ({
          id,
          rev: '1-a',
          deleted: false,
          group: i < half ? 'couchdb' : 'couchdb_users_meta',
        }))
      : IDS.map((id, i) => ({
          id,
          rev: '1-a',
          deleted: (i + 1) % 7 === 0,
          group: i % 10 === 0 ? '' : i % 2 ? 'medic-sentinel' : 'medic',
        }))
  return all
    .filter((r) => chosen.includes(segmentIndexOf(r.id, boundaries)))
    .sort((x, y) => compareCodePoints(x.id, y.id) || compareCodePoints(x.group, y.group))
}

describe('drillSegments', () => {
  it('returns exactly the rows of the chosen segments, open first and last ones included', async () => {
    for (const boundaries of [SHORT, LONG]) {
      const last = boundaries.length
      for (const chosen of [[0], [last], [0, 2, last], [1, 2, 3], [3]]) {
        for (const spec of [C2P, SYNC, ICU]) {
          const { rows, outcome } = await drill(spec, boundaries, chosen)
          expect(rows).toEqual(expected(spec, boundaries, chosen))
          expect(outcome).toMatchObject({ rows: rows.length, partial: null })
        }
      }
    }
  })

  it('ranges through a code-point index, and scans where the collation sorts otherwise', async () => {
    const { outcome } = await drill(SYNC, LONG, [2])
    expect(outcome.method).toBe(cLike ? 'index-range' : 'scan')
    expect((await drill(C2P, LONG, [2])).outcome.method).toBe(cLike ? 'index-range' : 'scan')
    expect((await drill(ICU, LONG, [2])).outcome.method).toBe('scan')
    const indexes = await codePointIndexes(pool, ICU, SESSION_PROFILES.probe)
    expect([...indexes.values()]).toEqual([null])
  })

  it('scans when most segments are chosen, and streams everything when all are', async () => {
    const many = Array.from({ length: LONG.length }, (_, i) => i)
    const some = await drill(SYNC, LONG, many)
    expect(some.outcome.method).toBe('scan')
    expect(some.rows).toEqual(expected(SYNC, LONG, many))
    const all = [...many, LONG.length]
    expect((await drill(C2P, LONG, all)).rows).toEqual(expected(C2P, LONG, all))
  })

  it('sends nothing for no segments, and refuses a segment that does not exist', async () => {
    const none = await drill(SYNC, SHORT, [])
    expect(none).toMatchObject({ rows: [], calls: 0, outcome: { rows: 0, partial: null } })
    await expect(drill(SYNC, SHORT, [SHORT.length + 1])).rejects.toThrow(/No segment/)
  })

  it('stops at the row budget and says so', async () => {
    const rows: DrillRow[] = []
    const outcome = await drillSegments(pool, SYNC, [], [0], (b) => void rows.push(...b), {
      ...SESSION_PROFILES.scan,
      budget: { maxRows: 10, batchRows: 4 },
    })
    expect(rows).toHaveLength(10)
    expect(outcome.partial?.reason).toBe('budget')
  })
})
