import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Prng } from '../../../../src/main/engine/demo/generator/prng'
import { MAX_TREE_BOUNDARIES } from '../../../../src/main/engine/parity/pg-buckets'
import { pairHash } from '../../../../src/main/engine/parity/pg-hash'
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
import { createTestDatabase } from '../../../support/test-postgres'
import { harnessPools } from '../../../support/test-pools'

/**
 * Many segments: more boundaries than the segment tree takes (`MAX_TREE_BOUNDARIES`), so the
 * digests rank keys among the boundaries by one sort, and a drill-down's scan with more runs
 * than its filter takes sends rows for Node to filter. Same results as Node's own arithmetic.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>
let admin: pg.Client
let harness: ReturnType<typeof harnessPools>
let pool: pg.Pool

const SYNC: RelationSpec = { kind: 'cht-sync', schema: 'v1', table: 'couchdb' }
const ICU: RelationSpec = { kind: 'cht-sync', schema: 'v1', table: 'icu' }
const CHARS = [...'0123456789abcdef-_:é日😀']
const rng = new Prng(7)
const ids = new Set<string>()
while (ids.size < 6_000) {
  let id = ''
  for (let i = 0, n = 6 + Math.floor(rng.next() * 20); i < n; i++) {
    id += CHARS[Math.floor(rng.next() * CHARS.length)]
  }
  ids.add(id)
}
const DOCS: DocRev[] = [...ids].map((id, i) => ({ id, rev: `1-${i}`, deleted: i % 13 === 0 }))
const sorted = [...ids].sort(compareCodePoints)
/** Whole ids (not prefixes), more than the tree takes. */
const LONG = sorted.slice(1, MAX_TREE_BOUNDARIES + 500)

beforeAll(async () => {
  db = await createTestDatabase('manyseg')
  admin = await db.client()
  await admin.query(`
    CREATE SCHEMA v1;
    CREATE TABLE v1.couchdb (_id text PRIMARY KEY, _deleted boolean, source text, doc jsonb);
    CREATE TABLE v1.icu (_id text COLLATE "en-US-x-icu" PRIMARY KEY, _deleted boolean,
      source text, doc jsonb);`)
  for (const table of ['couchdb', 'icu']) {
    await admin.query(
      `INSERT INTO v1.${table} (_id, _deleted, source, doc)
       SELECT d->>'_id', (d->>'_deleted')::boolean, 'medic', d
         FROM unnest($1::jsonb[]) d`,
      [DOCS.map((d) => JSON.stringify({ _id: d.id, _rev: d.rev, _deleted: d.deleted }))],
    )
  }
  harness = harnessPools(db.name)
  pool = await harness.pool()
})
afterAll(async () => {
  await harness?.close()
  await admin?.end()
  await db?.drop()
})

describe('many segments', () => {
  it('digests over more whole-id boundaries than the tree takes, as Node does', async () => {
    expect(LONG.length).toBeGreaterThan(MAX_TREE_BOUNDARIES)
    const server = await segmentDigests(pool, SYNC, LONG, 'hashtextextended')
    const node = addPairs(emptyDigests(LONG), DOCS, LONG, pairHash('hashtextextended'))
    expect(server.get('medic')).toEqual(node)
  })

  it('drills many scattered segments exactly: filtered by the server, or by Node past its tree', async () => {
    // Every third segment: a tree over the runs' edges on the server; every other segment:
    // more edges than the tree takes, so every row comes and Node keeps those of the segments.
    for (const every of [3, 2]) {
      const all = Array.from({ length: LONG.length + 1 }, (_, i) => i)
      const chosen = all.filter((i) => i % every === 0)
      for (const spec of [SYNC, ICU]) {
        const rows: DrillRow[] = []
        const outcome = await drillSegments(pool, spec, LONG, chosen, (batch) => {
          rows.push(...batch)
        })
        const wanted = new Set(chosen)
        const expected = DOCS.filter((d) => wanted.has(segmentIndexOf(d.id, LONG)))
        expect(rows.map((r) => r.id).sort()).toEqual(expected.map((d) => d.id).sort())
        expect(outcome.rows).toBe(expected.length)
        expect(outcome.method).toBe('scan')
      }
    }
  })
})
