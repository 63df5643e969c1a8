import { describe, expect, it } from 'vitest'
import type { StoredResult } from '../../../src/shared/project-schema'
import type { ComparisonDetails } from '../../../src/shared/results/comparison-result'
import {
  checkpointRows,
  differenceLabel,
  differenceTotal,
  differenceViews,
  docCountRows,
  docResults,
  filterRows,
  sampleParts,
  shortRevision,
} from '../../../src/renderer/src/lib/doc-parity-view'

const sides = (old: string, neu: string) => ({
  old: { label: old, endpoint: null, relation: null },
  new: { label: neu, endpoint: null, relation: null },
})

function details(overrides: Partial<ComparisonDetails> = {}): ComparisonDetails {
  return {
    kind: 'comparison',
    mode: 'documents',
    ...sides('CouchDB', 'CHT Sync'),
    counts: [],
    differences: [],
    checkpoints: [],
    ...overrides,
  }
}

function result(id: string, d: ComparisonDetails = details()): StoredResult {
  return {
    id,
    itemId: 'parity.counts',
    title: id,
    verdict: 'pass',
    summary: '',
    ranAt: '2026-12-01T10:00:00.000Z',
    durationMs: 1,
    endpoints: [],
    partial: null,
    history: [],
    details: d,
  }
}

describe('docResults', () => {
  it('keeps the three document results in page order, nothing else', () => {
    const ids = [
      'parity.documents.couch2pg-chtsync',
      'parity.metric.m',
      'parity.documents.couchdb-chtsync',
    ]
    const all = Object.fromEntries(ids.map((id) => [id, result(id)]))
    expect(docResults(all).map((d) => d.result.id)).toEqual([
      'parity.documents.couchdb-chtsync',
      'parity.documents.couch2pg-chtsync',
    ])
  })
})

describe('differenceLabel', () => {
  it('says each class in words naming the sides, never snake_case', () => {
    const cc = { old: 'CouchDB', new: 'CHT Sync' }
    expect(differenceLabel('missing_in_new', cc)).toBe('missing in CHT Sync')
    expect(differenceLabel('stale_in_new', cc)).toBe('stale in CHT Sync (an older revision)')
    expect(differenceLabel('deleted_but_present', cc)).toBe(
      'deleted in CouchDB but still present in CHT Sync',
    )
    const pc = { old: 'couch2pg', new: 'CHT Sync' }
    expect(differenceLabel('present_but_deleted', pc)).toBe(
      'present in couch2pg but deleted in CHT Sync',
    )
    expect(differenceLabel('extra_in_new', pc)).toBe('in CHT Sync but not in couch2pg')
    expect(differenceLabel('stale_in_old', pc)).toBe('stale in couch2pg (an older revision)')
    expect(differenceLabel('duplicate_id', pc)).toBe('duplicated id')
    expect(differenceLabel('in_flight', pc)).toMatch(/^in flight/)
  })
})

describe('differenceViews and sampleParts', () => {
  it('lists classes largest first and in flight last, with samples split into their parts', () => {
    const d = details({
      differences: [
        { class: 'in_flight', count: 50, samples: [] },
        {
          class: 'stale_in_new',
          count: 1,
          samples: [{ key: 'b', old: '2-x', new: '1-y', note: 'medic' }],
        },
        {
          class: 'missing_in_new',
          count: 3,
          samples: [{ key: 'a', old: '1-a', new: null, note: 'medic-sentinel; why; and more' }],
        },
        { class: 'duplicate_id', count: 0, samples: [] },
      ],
    })
    const views = differenceViews(d)
    expect(views.map((v) => [v.label, v.count])).toEqual([
      ['missing in CHT Sync', 3],
      ['stale in CHT Sync (an older revision)', 1],
      ['in flight (changed after a pipeline’s checkpoint)', 50],
    ])
    expect(views[0]!.samples).toEqual([
      { id: 'a', database: 'medic-sentinel', explanation: 'why; and more', old: '1-a', new: '—' },
    ])
    expect(views[1]!.samples[0]).toMatchObject({ database: 'medic', explanation: '' })
    expect(sampleParts(null)).toEqual({ database: '', explanation: '' })
    expect(differenceTotal(d)).toBe(4)
  })
})

describe('docCountRows and filterRows', () => {
  it('splits totals from the breakdown, differing rows first, engine order otherwise', () => {
    const d = details({
      counts: [
        { group: ['medic'], old: 10, new: 10 },
        { group: ['medic', 'deleted'], old: 2, new: 1 },
        { group: ['medic-sentinel'], old: 4, new: null },
        { group: ['medic', 'data_record', 'delivery', '2026-01'], old: 3, new: 3 },
        { group: ['medic', 'person', '', ''], old: 5, new: 6 },
        { group: ['medic', 'data_record', 'pregnancy', '2026-01'], old: 1, new: 1 },
      ],
    })
    const { totals, breakdown } = docCountRows(d)
    expect(totals.map((r) => [r.cells, r.delta, r.differs])).toEqual([
      [['medic', 'Deletion stubs'], -1, true],
      [['medic-sentinel', 'Documents'], null, true],
      [['medic', 'Documents'], 0, false],
    ])
    expect(breakdown.map((r) => r.cells)).toEqual([
      ['medic', 'person', '—', '—'],
      ['medic', 'data_record', 'delivery', '2026-01'],
      ['medic', 'data_record', 'pregnancy', '2026-01'],
    ])
    expect(filterRows(breakdown, true).map((r) => r.group)).toEqual(['medic / person / — / —'])
    expect(filterRows(breakdown, false)).toHaveLength(3)
  })

  it('sorts thousands of rows quickly', () => {
    const counts = Array.from({ length: 4_000 }, (_, i) => ({
      group: [
        'medic',
        `type-${i % 7}`,
        `form-${i % 13}`,
        `2026-${String((i % 12) + 1).padStart(2, '0')}`,
      ],
      old: i,
      new: i % 10 === 0 ? i + 1 : i,
    }))
    const started = performance.now()
    const { breakdown } = docCountRows(details({ counts }))
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(breakdown.slice(0, 400).every((r) => r.differs)).toBe(true)
    expect(breakdown[400]!.differs).toBe(false)
  })
})

describe('checkpointRows', () => {
  it('shows the numeric prefix of a sequence, keeps the whole, orders by database then pipeline', () => {
    const rows = checkpointRows(
      details({
        checkpoints: [
          { pipeline: 'cht-sync', database: 'medic', seq: '120-g1AAAABCD', pending: 3 },
          { pipeline: 'couchdb', database: 'medic', seq: '125-g1AAAAXYZ', pending: null },
          { pipeline: 'couchdb', database: 'medic-sentinel', seq: null, pending: 1234 },
        ],
      }),
    )
    expect(rows).toEqual([
      {
        database: 'medic',
        pipeline: 'CouchDB',
        seqShort: '125',
        seq: '125-g1AAAAXYZ',
        pending: 'not known',
      },
      {
        database: 'medic',
        pipeline: 'CHT Sync',
        seqShort: '120',
        seq: '120-g1AAAABCD',
        pending: '3',
      },
      {
        database: 'medic-sentinel',
        pipeline: 'CouchDB',
        seqShort: '—',
        seq: null,
        pending: '1,234',
      },
    ])
  })
})

describe('shortRevision', () => {
  it('keeps the generation and 8 characters of the hash', () => {
    expect(shortRevision('3-a8b689c87238d9ce2b1642340a431e4f')).toBe('3-a8b689c8…')
    expect(shortRevision('—')).toBe('—')
    expect(shortRevision('1-abc')).toBe('1-abc')
    expect(shortRevision('x'.repeat(30))).toBe(`${'x'.repeat(19)}…`)
  })
})
