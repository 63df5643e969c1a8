import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readQuery, SESSION_PROFILES } from '../../../../src/main/engine/db/read-transaction'
import { sampleBoundaries } from '../../../../src/main/engine/parity/pg-boundaries'
import { rangeSql } from '../../../../src/main/engine/parity/pg-drill'
import { relationSources, type RelationSpec } from '../../../../src/main/engine/parity/pg-relations'
import {
  drillSegments,
  FETCH_CHUNK,
  fetchRevs,
  fetchRevsSql,
  segmentDigests,
} from '../../../../src/main/engine/parity/pg-segments'
import { compareCodePoints } from '../../../../src/main/engine/workers/tasks/code-point-order'
import { createTestDatabase } from '../../../support/test-postgres'
import { harnessPools } from '../../../support/test-pools'

/**
 * On 100,000-row tables: the drill-down by id is served by the pipelines' own indexes (couch2pg's
 * `couchdb_doc_uuid` on `(doc->>'_id')`, CHT Sync's `_id` primary key), and sampled boundaries
 * cut the id space into about even segments.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>
let admin: pg.Client
let harness: ReturnType<typeof harnessPools>
let pool: pg.Pool

const C2P: RelationSpec = { kind: 'couch2pg', schema: 'public', tables: ['couchdb'] }
const SYNC: RelationSpec = { kind: 'cht-sync', schema: 'v1', table: 'couchdb' }
const ROWS = 100_000

beforeAll(async () => {
  db = await createTestDatabase('drilldown')
  admin = await db.client()
  await admin.query(`
    CREATE TABLE public.couchdb (doc jsonb);
    CREATE UNIQUE INDEX couchdb_doc_uuid ON public.couchdb ((doc->>'_id'));
    CREATE SCHEMA v1;
    CREATE TABLE v1.couchdb (saved_timestamp timestamptz DEFAULT now(), _id text PRIMARY KEY,
      _deleted boolean, source text, doc jsonb);
    INSERT INTO public.couchdb SELECT jsonb_build_object('_id', md5(g::text), '_rev', '1-' || g,
      'pad', repeat('x', 1000)) FROM generate_series(1, ${ROWS}) g;
    INSERT INTO v1.couchdb (_id, _deleted, source, doc) SELECT doc->>'_id', false, 'medic', doc
      FROM public.couchdb;
    ANALYZE public.couchdb; ANALYZE v1.couchdb;`)
  harness = harnessPools(db.name)
  pool = await harness.pool()
})
afterAll(async () => {
  await harness.close()
  await admin.end()
  await db.drop()
})

/** The plan of the drill-down statement for a full chunk of ids, as EXPLAIN (FORMAT JSON) text. */
async function plan(spec: RelationSpec): Promise<string> {
  const ids = Array.from({ length: FETCH_CHUNK }, (_, i) => `id-${i}`)
  const { rows } = await readQuery<{ 'QUERY PLAN': unknown }>(
    pool,
    SESSION_PROFILES.probe,
    `EXPLAIN (FORMAT JSON) ${fetchRevsSql(spec)}`,
    [ids],
  )
  // Only the node types and index names: the plan also repeats the 5,000 ids.
  return JSON.stringify(rows[0]!['QUERY PLAN'], (key, value: unknown) =>
    key === 'Filter' || key === 'Index Cond' ? undefined : value,
  )
}

describe('the drill-down on 100,000 rows', () => {
  it('uses couch2pg’s expression index and CHT Sync’s primary key, not a scan', async () => {
    const c2p = await plan(C2P)
    expect(c2p).toContain('couchdb_doc_uuid')
    expect(c2p).not.toContain('Seq Scan')
    const sync = await plan(SYNC)
    expect(sync).toContain('couchdb_pkey')
    expect(sync).not.toContain('Seq Scan')
  })

  it('finds the revisions of ids over several chunks', async () => {
    const { rows } = await admin.query<{ id: string }>(
      `SELECT md5(g::text) AS id FROM generate_series(1, 12000) g`,
    )
    const found = await fetchRevs(
      pool,
      C2P,
      rows.map((r) => r.id),
    )
    expect(found.size).toBe(12_000)
    expect(found.get(rows[11_999]!.id)).toEqual([
      { rev: '1-12000', deleted: false, group: 'couchdb' },
    ])
  })

  it('samples boundaries that cut about even segments, in code-point order', async () => {
    const boundaries = await sampleBoundaries(pool, SYNC, 256)
    expect(boundaries.length).toBeGreaterThan(200)
    expect(boundaries.length).toBeLessThanOrEqual(256)
    expect([...boundaries].sort(compareCodePoints)).toEqual(boundaries)
    const digests = (await segmentDigests(pool, C2P, boundaries, 'hashtextextended')).get(
      'couchdb',
    )!
    const counts = digests.segments.map((s) => s.count)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(ROWS)
    const even = ROWS / (boundaries.length + 1)
    expect(Math.max(...counts)).toBeLessThan(even * 4)
  })

  it('drills segments by index ranges on both pipelines’ indexes', async () => {
    const boundaries = await sampleBoundaries(pool, SYNC, 256)
    const ranges = [
      { lo: null, hi: boundaries[0]! },
      { lo: boundaries[10]!, hi: boundaries[12]! },
      { lo: boundaries[boundaries.length - 1]!, hi: null },
    ]
    for (const [spec, index] of [
      [C2P, 'couchdb_doc_uuid'],
      [SYNC, 'couchdb_pkey'],
    ] as const) {
      const { sql, params } = rangeSql(relationSources(spec)[0]!, { collate: '' }, ranges)
      const { rows } = await readQuery<{ 'QUERY PLAN': unknown }>(
        pool,
        SESSION_PROFILES.probe,
        `EXPLAIN (FORMAT JSON) ${sql}`,
        params,
      )
      const plan = JSON.stringify(rows[0]!['QUERY PLAN'])
      expect(plan).toContain(index)
      expect(plan).not.toContain('Seq Scan')
      let n = 0
      const outcome = await drillSegments(
        pool,
        spec,
        boundaries,
        [0, 11, 12, boundaries.length],
        (b) => {
          n += b.length
        },
      )
      expect(outcome.method).toBe('index-range')
      expect(n).toBeGreaterThan(0)
    }
  })

  it('samples no boundaries from an empty table', async () => {
    await admin.query(`CREATE TABLE v1.empty (_id text PRIMARY KEY, _deleted boolean, doc jsonb)`)
    expect(
      await sampleBoundaries(pool, { kind: 'cht-sync', schema: 'v1', table: 'empty' }, 64),
    ).toEqual([])
  })
})
