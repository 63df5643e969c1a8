import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemo, type DemoDeployment } from '../../../../src/main/engine/demo/start-demo'
import { compareMetric } from '../../../../src/main/engine/parity/metric-compare'
import {
  metricStarters,
  type MetricStarter,
} from '../../../../src/main/engine/parity/metric-starters'
import { couchGet } from '../../../support/demo-stores'

/**
 * The replica dashboard's starter tiles on the demo: with no injected differences every tile
 * matches; with them, every tile that differs differs only where the manifest says a report is
 * missing from the models, in a model with a wrong form, or not yet in couch2pg.
 */
const read = { statementTimeoutMs: 30_000 }
const job = () => ({ signal: new AbortController().signal, progress: () => undefined })

function pools(demo: DemoDeployment) {
  const make = (which: 'couch2pg' | 'chtSync') => {
    const pool = new pg.Pool({ ...demo.endpoints[which], password: demo.passwords[which], max: 2 })
    // Idle sessions are ended by the server when the demo stops.
    pool.on('error', () => undefined)
    return pool
  }
  return { old: make('couch2pg'), new: make('chtSync') }
}

const starters = (demo: DemoDeployment): MetricStarter[] =>
  metricStarters({
    old: {
      schema: 'public',
      formMetadata: { reported: 'timestamp' },
      contactviewMetadata: { reported: 'timestamptz' },
    },
    new: { schema: 'v1', table: demo.endpoints.chtSync.table, dataRecord: true, contact: true },
    deliveryForm: 'delivery',
  })

describe('metric parity on the demo without differences', () => {
  let demo: DemoDeployment
  let sides: ReturnType<typeof pools>
  beforeAll(async () => {
    demo = await startDemo(
      {
        size: 'small',
        docs: 2000,
        seed: 8,
        variant: { discrepancies: 'none', couch2pgRelease: '3.7', syncUsers: false },
      },
      job(),
    )
    sides = pools(demo)
  }, 120_000)
  afterAll(async () => {
    await Promise.all([sides?.old.end(), sides?.new.end()])
    await demo?.stop()
  })

  it('matches every group of every starter tile', async () => {
    for (const starter of starters(demo)) {
      const outcome = await compareMetric(sides, starter, read)
      expect(outcome.groups.length, starter.id).toBeGreaterThan(0)
      expect(
        outcome.groups.filter((g) => !g.match),
        starter.id,
      ).toEqual([])
      expect(outcome.truncated).toBe(false)
    }
  })

  it('refuses a writing query, a missing column and a group returned twice, each clearly', async () => {
    const [first] = starters(demo)
    await expect(
      compareMetric(
        sides,
        { ...first!, oldSql: 'DELETE FROM couchdb RETURNING 1 AS reports' },
        read,
      ),
    ).rejects.toMatchObject({ code: 'SQL_REFUSED', message: /old query was not sent/ })
    await expect(compareMetric(sides, { ...first!, valueColumn: 'total' }, read)).rejects.toThrow(
      /The old query has no column “total”/,
    )
    await expect(compareMetric(sides, { ...first!, groupColumns: ['form'] }, read)).rejects.toThrow(
      /returns the group .* twice/,
    )
    await expect(
      compareMetric(
        sides,
        { ...first!, oldSql: 'SELECT pg_sleep(2), 1 AS reports' },
        {
          statementTimeoutMs: 200,
        },
      ),
    ).rejects.toThrow(/time|cancel/i)
  })
})

describe('metric parity on the demo with its injected differences', () => {
  let demo: DemoDeployment
  let sides: ReturnType<typeof pools>
  beforeAll(async () => {
    demo = await startDemo({ size: 'small', docs: 2000, seed: 9 }, job())
    sides = pools(demo)
  }, 120_000)
  afterAll(async () => {
    await Promise.all([sides?.old.end(), sides?.new.end()])
    await demo?.stop()
  })

  it('finds differences in reports per form and month only where the manifest explains them', async () => {
    const explained = new Set<string>()
    const month = (ms: number) => new Date(ms).toISOString().slice(0, 7)
    // A report's form and date from whichever copy still has its body (a deleted one has none
    // in CouchDB).
    const bodyOf = async (id: string) => {
      for (const [pool, sql] of [
        [sides.new, `SELECT doc FROM v1.couchdb WHERE _id = $1 AND NOT _deleted`],
        [sides.old, `SELECT doc FROM couchdb WHERE doc->>'_id' = $1`],
      ] as const) {
        const { rows } = await pool.query<{ doc: { form?: string; reported_date?: number } }>(sql, [
          id,
        ])
        if (rows[0]) return rows[0].doc
      }
      return couchGet<{ form?: string; reported_date?: number }>(
        demo,
        `/medic/${encodeURIComponent(id)}`,
      )
    }
    for (const d of demo.manifest.discrepancies) {
      if (!d.docId || d.database !== 'medic' || d.kind === 'stale_revision_in_cht_sync') continue
      const doc = await bodyOf(d.docId)
      if (!doc.form || doc.reported_date === undefined) continue
      explained.add(JSON.stringify([doc.form, month(doc.reported_date)]))
      if (d.kind === 'model_wrong_value') {
        explained.add(JSON.stringify([String(d.data.actual), month(doc.reported_date)]))
      }
    }
    const [perForm] = starters(demo)
    const outcome = await compareMetric(sides, perForm!, read)
    const differing = outcome.groups.filter((g) => !g.match)
    expect(differing.length).toBeGreaterThan(0)
    for (const g of differing)
      expect(explained, JSON.stringify(g)).toContain(JSON.stringify(g.group))
  })
})
