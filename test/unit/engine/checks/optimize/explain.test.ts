import { describe, expect, it } from 'vitest'
import { judgeExplain, runExplain } from '../../../../../src/main/engine/checks/optimize/explain'
import { summarizePlan } from '../../../../../src/main/engine/checks/optimize/explain-plan'
import {
  explainOne,
  type Explainer,
} from '../../../../../src/main/engine/checks/optimize/explain-run'
import { DbTimeoutError } from '../../../../../src/main/engine/db/errors'
import { explainFigureLabels, explainTag } from '../../../../../src/shared/checks/optimize-catalog'
import { fakeCheckContext } from '../../../../support/fake-check-context'
import { sampleDocument } from '../../../../support/project-fixtures'

/** An EXPLAIN (ANALYZE, FORMAT JSON) answer: an aggregate over a filtered sequential scan. */
const analyzed = (relationName = 'data_record', removed = 199_000) => [
  {
    Plan: {
      'Node Type': 'Aggregate',
      'Total Cost': 4321.5,
      'Plan Rows': 1,
      'Actual Rows': 1,
      'Actual Loops': 1,
      'Actual Total Time': 80.25,
      Plans: [
        {
          'Node Type': 'Seq Scan',
          'Relation Name': relationName,
          'Total Cost': 4000,
          'Plan Rows': 900,
          'Actual Rows': 1000,
          'Actual Loops': 1,
          'Actual Total Time': 75,
          'Rows Removed by Filter': removed,
        },
      ],
    },
    'Planning Time': 0.5,
    'Execution Time': 80.5,
  },
]
const plain = [
  { Plan: { 'Node Type': 'Index Scan', 'Relation Name': 'x', 'Total Cost': 8.3, 'Plan Rows': 1 } },
]

const query = { id: 'q1', label: 'ANC visits by month', sql: 'SELECT count(*) FROM v1.data_record' }
const signal = new AbortController().signal
const explainer = (over: Partial<Explainer>): Explainer => ({
  analyzeTimeoutMs: 15_000,
  plainTimeoutMs: 10_000,
  analyze: () => Promise.reject(new Error('analyze not expected')),
  plain: () => Promise.reject(new Error('plain not expected')),
  ...over,
})

describe('plan summary', () => {
  it('reads cost, times, rows, the top nodes and the sequential scans', () => {
    const s = summarizePlan(analyzed())!
    expect(s).toMatchObject({ totalCost: 4321.5, rows: 1, planningMs: 0.5, executionMs: 80.5 })
    expect(s.top.map((n) => [n.depth, n.type, n.relation])).toEqual([
      [0, 'Aggregate', null],
      [1, 'Seq Scan', 'data_record'],
    ])
    expect(s.seqScans).toEqual([
      { schema: null, name: 'data_record', rows: 1000, removed: 199_000 },
    ])
  })

  it('reads a plan given as text, and refuses what is not a plan', () => {
    expect(summarizePlan(JSON.stringify(plain))?.totalCost).toBe(8.3)
    expect(summarizePlan([{ nope: 1 }])).toBeNull()
    expect(summarizePlan('not json')).toBeNull()
    expect(summarizePlan(null)).toBeNull()
  })

  it('walks a hostile, very deep plan without running away', () => {
    let node: Record<string, unknown> = { 'Node Type': 'Result' }
    for (let i = 0; i < 5_000; i++) node = { 'Node Type': 'Nested Loop', Plans: [node] }
    const s = summarizePlan([{ Plan: node }])!
    expect(s.top.length).toBe(8)
  })
})

describe('explaining one query', () => {
  it('uses ANALYZE when it finishes', async () => {
    const q = await explainOne(query, explainer({ analyze: async () => analyzed() }), signal)
    expect(q).toMatchObject({ how: 'analyze', note: null, tag: explainTag(query) })
  })

  it('falls back to the plain EXPLAIN when ANALYZE times out, on the server or the client', async () => {
    for (const error of [
      Object.assign(new Error('canceling statement'), { code: '57014' }),
      new DbTimeoutError(15_000),
    ]) {
      const q = await explainOne(
        query,
        explainer({ analyze: () => Promise.reject(error), plain: async () => plain }),
        signal,
      )
      expect(q.how).toBe('plain')
      expect(q.note).toMatch(/did not finish within 15 s/)
      expect(q.plan?.totalCost).toBe(8.3)
    }
  })

  it('refuses what is not one read statement, without sending it', async () => {
    for (const sql of [
      'DELETE FROM v1.contact',
      'SELECT 1; SELECT 2',
      'EXPLAIN SELECT 1',
      '-- x\nexplain analyze select 1',
    ]) {
      const q = await explainOne({ ...query, sql }, explainer({}), signal)
      expect(q.how, sql).toBe('refused')
    }
  })

  it('reports what the server said about the query, and throws on a lost connection', async () => {
    const missing = Object.assign(new Error('relation "v1.nope" does not exist'), { code: '42P01' })
    const q = await explainOne(query, explainer({ analyze: () => Promise.reject(missing) }), signal)
    expect(q).toMatchObject({ how: 'error', plan: null })
    expect(q.note).toMatch(/does not exist \(42P01\)/)
    await expect(
      explainOne(
        query,
        explainer({ analyze: () => Promise.reject(new Error('socket hang up')) }),
        signal,
      ),
    ).rejects.toThrow(/socket hang up/)
  })
})

describe('optimize.explain judge', () => {
  const big = new Map([['data_record', { shown: 'v1.data_record', rows: 200_000 }]])

  it('warns about a sequential scan of a large relation, with per-query figures', async () => {
    const q = await explainOne(query, explainer({ analyze: async () => analyzed() }), signal)
    const o = judgeExplain([q], big)
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(
      /ANC visits by month reads a large relation from end to end \(v1\.data_record, 200,000 rows/,
    )
    expect(o.remedy?.text).toContain('CREATE INDEX CONCURRENTLY ON v1.data_record (<column>);')
    const labels = explainFigureLabels(q.tag)
    const measures = o.evidence?.filter((e) => e.type === 'measure')
    expect(measures).toEqual([
      { type: 'measure', label: labels.cost, value: 4321.5, unit: null, limit: null },
      { type: 'measure', label: labels.ms, value: 81, unit: 'ms', limit: null },
    ])
  })

  it('passes when no scan reads a large relation (its size from the catalog, else what it read)', async () => {
    const q = await explainOne(
      query,
      explainer({ analyze: async () => analyzed('data_record', 10) }),
      signal,
    )
    const small = new Map([['data_record', { shown: 'v1.data_record', rows: 5_000 }]])
    expect(judgeExplain([q], small).verdict).toBe('pass')
    // Never analysed (reltuples 0): the rows the scan read decide.
    const unknown = new Map([['data_record', { shown: 'v1.data_record', rows: 0 }]])
    expect(judgeExplain([q], unknown).verdict).toBe('pass')
    const wide = await explainOne(query, explainer({ analyze: async () => analyzed() }), signal)
    expect(judgeExplain([wide], unknown).verdict).toBe('warn')
  })

  it('keeps figures for the first eight queries only, and no time for a plain EXPLAIN', async () => {
    const many = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        explainOne(
          { ...query, id: `q${i}` },
          explainer({ analyze: async () => analyzed('t', 0) }),
          signal,
        ),
      ),
    )
    const o = judgeExplain(many, new Map())
    expect(o.evidence?.filter((e) => e.type === 'measure').length).toBe(16)
    const timeout = Object.assign(new Error('x'), { code: '57014' })
    const slow = await explainOne(
      query,
      explainer({ analyze: () => Promise.reject(timeout), plain: async () => plain }),
      signal,
    )
    const s = judgeExplain([slow], new Map())
    expect(s.verdict).toBe('warn')
    expect(
      s.evidence?.filter((e) => e.type === 'measure').map((e) => e.type === 'measure' && e.label),
    ).toEqual([explainFigureLabels(slow.tag).cost])
  })

  it('is skipped, saying why, when no query is listed', async () => {
    const o = await runExplain(fakeCheckContext({ document: sampleDocument() }))
    expect(o.verdict).toBe('skipped')
    expect(o.skippedBecause).toMatch(/add the slowest dashboard queries/)
  })

  it('tags a query by its id and SQL, so an edited SQL starts a new series', () => {
    expect(explainTag(query)).toMatch(/^q[0-9a-f]{8}$/)
    expect(explainTag(query)).toBe(explainTag({ ...query, sql: ` ${query.sql}\n` }))
    expect(explainTag(query)).not.toBe(explainTag({ ...query, sql: 'SELECT 2' }))
    expect(explainTag(query)).not.toBe(explainTag({ ...query, id: 'q2' }))
  })
})
