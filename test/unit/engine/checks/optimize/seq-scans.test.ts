import { describe, expect, it } from 'vitest'
import { LARGE_ROWS } from '../../../../../src/main/engine/checks/optimize/schema-stats'
import {
  judgeSeqScans,
  mostlyScanned,
} from '../../../../../src/main/engine/checks/optimize/seq-scans'
import { relation, statsOf } from './stats-fixtures'

const scanned = { rows: LARGE_ROWS, seqScans: 11, idxScans: 1, seqTupRead: 11 * LARGE_ROWS }

describe('optimize.seq-scans judge', () => {
  it('flags a large table scanned whole far more than through an index', () => {
    expect(mostlyScanned(relation('t', scanned))).toBe(true)
    expect(mostlyScanned(relation('t', { ...scanned, idxScans: null }))).toBe(true)
  })

  it('holds each threshold at its edge', () => {
    expect(mostlyScanned(relation('t', { ...scanned, rows: LARGE_ROWS - 1 }))).toBe(false)
    expect(
      mostlyScanned(relation('t', { ...scanned, seqScans: 10, seqTupRead: 10 * LARGE_ROWS })),
    ).toBe(false)
    expect(mostlyScanned(relation('t', { ...scanned, seqTupRead: 11 * (LARGE_ROWS / 2) }))).toBe(
      true,
    )
    expect(
      mostlyScanned(relation('t', { ...scanned, seqTupRead: 11 * (LARGE_ROWS / 2) - 1 })),
    ).toBe(false)
    expect(mostlyScanned(relation('t', { ...scanned, seqScans: 0 }))).toBe(false)
  })

  it('passes when nothing is scanned whole, and leaves out the raw table', () => {
    const o = judgeSeqScans(statsOf(relation('couchdb', scanned), relation('small')))
    expect(o.verdict).toBe('pass')
    expect(o.summary).toMatch(/counted since the database was created\./)
  })

  it('warns with the EXPLAIN to run and the statistics window', () => {
    const stats = {
      ...statsOf(relation('data_record', scanned)),
      statsReset: '2026-01-01T00:00:00Z',
    }
    const o = judgeSeqScans(stats)
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(/reset on 2026-01-01T00:00:00Z/)
    expect(o.remedy?.text).toContain('EXPLAIN (ANALYZE, BUFFERS) <the dashboard query>')
    expect(o.remedy?.text).toContain('CREATE INDEX CONCURRENTLY ON v1.data_record')
  })
})
