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
