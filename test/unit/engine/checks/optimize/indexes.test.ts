import { describe, expect, it } from 'vitest'
import { judgeIndexes } from '../../../../../src/main/engine/checks/optimize/indexes'
import { LARGE_ROWS } from '../../../../../src/main/engine/checks/optimize/schema-stats'
import { relation, statsOf } from './stats-fixtures'

const big = { rows: LARGE_ROWS, hasSavedTimestamp: true }

describe('optimize.indexes judge', () => {
  it('passes on a small schema', () => {
    expect(judgeIndexes(statsOf(relation('contact'))).verdict).toBe('pass')
  })

  it('warns on a large model without a saved_timestamp index, with both remedies', () => {
    const o = judgeIndexes(statsOf(relation('my_visits', { ...big, indexFirstKeys: ['uuid'] })))
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(/^v1\.my_visits has 100,000 rows/)
    expect(o.remedy?.text).toContain('CREATE INDEX CONCURRENTLY ON v1.my_visits (saved_timestamp);')
    expect(o.remedy?.text).toContain("indexes=[{'columns': ['saved_timestamp']}]")
    const table = o.evidence?.find((e) => e.type === 'table')
    expect(table?.type === 'table' && table.rows[0]).toEqual([
      'v1.my_visits',
      100000,
      '8 kB',
      'uuid',
    ])
  })

  it('holds the row threshold at its edge', () => {
    const o = judgeIndexes(statsOf(relation('m', { ...big, rows: LARGE_ROWS - 1 })))
    expect(o.verdict).toBe('pass')
  })

  it('passes when an index leads with saved_timestamp, and a second key does not count', () => {
    const led = relation('m', { ...big, indexFirstKeys: ['saved_timestamp'] })
    expect(judgeIndexes(statsOf(led)).verdict).toBe('pass')
    const second = relation('m', { ...big, indexFirstKeys: ['uuid'] })
    expect(judgeIndexes(statsOf(second)).verdict).toBe('warn')
  })

  it('leaves out the raw table, views and tables without the column', () => {
    const o = judgeIndexes(
      statsOf(
        relation('couchdb', big),
        relation('v', { ...big, kind: 'v' }),
        relation('plain', { rows: LARGE_ROWS * 2 }),
      ),
    )
    expect(o.verdict).toBe('pass')
  })

  it('advises a materialized view too', () => {
    const o = judgeIndexes(statsOf(relation('mv', { ...big, kind: 'm' })))
    expect(o.verdict).toBe('warn')
  })
})

describe('optimize.indexes: join columns', () => {
  const model = (over = {}) =>
    relation('anc_visits', {
      rows: LARGE_ROWS * 3,
      hasSavedTimestamp: true,
      indexFirstKeys: ['saved_timestamp', 'uuid'],
      joinColumns: ['uuid', 'patient_id', 'reported_by'],
      ...over,
    })

  it('warns on a large model whose join columns no index leads with, naming each', () => {
    const o = judgeIndexes(statsOf(model()))
    expect(o.verdict).toBe('warn')
    expect(o.summary).toContain(
      'v1.anc_visits.patient_id and v1.anc_visits.reported_by are join columns',
    )
    expect(o.remedy?.text).toContain('CREATE INDEX CONCURRENTLY ON v1.anc_visits (patient_id);')
    expect(o.remedy?.text).toContain('CREATE INDEX CONCURRENTLY ON v1.anc_visits (reported_by);')
    expect(o.remedy?.text).toContain("indexes=[{'columns': ['patient_id']}]")
    const tables = o.evidence?.filter((e) => e.type === 'table') ?? []
    const joins = tables.find((t) => t.type === 'table' && t.caption.startsWith('Join columns'))
    expect(joins?.type === 'table' && joins.rows).toEqual([
      ['v1.anc_visits', 'patient_id', 300000],
      ['v1.anc_visits', 'reported_by', 300000],
    ])
  })

  it('counts quoted first keys, and passes once every join column leads an index', () => {
    const indexed = model({
      indexFirstKeys: ['saved_timestamp', 'uuid', '"patient_id"', 'reported_by'],
    })
    expect(judgeIndexes(statsOf(indexed)).verdict).toBe('pass')
  })

  it('leaves out small relations, views and the raw table', () => {
    const o = judgeIndexes(
      statsOf(
        model({ rows: LARGE_ROWS - 1 }),
        model({ kind: 'v', rows: null }),
        relation('couchdb', { rows: LARGE_ROWS * 10, joinColumns: ['uuid'] }),
      ),
    )
    expect(o.verdict).toBe('pass')
  })

  it('gives both advices when saved_timestamp and a join column miss their index', () => {
    const o = judgeIndexes(
      statsOf(model({ indexFirstKeys: ['uuid', 'patient_id', 'reported_by'] })),
    )
    expect(o.summary).toMatch(/saved_timestamp column, but no index led by it/)
    expect(o.remedy?.text).toContain('(saved_timestamp);')
    expect(o.summary).not.toContain('join column')
  })
})
