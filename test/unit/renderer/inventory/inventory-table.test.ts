import { describe, expect, it } from 'vitest'
import {
  activeFilterCount,
  filterRows,
  inventoryRows,
  kindsPresent,
  NO_FILTERS,
  nextSort,
  shownSelection,
  sortRows,
  toggleAllShown,
} from '../../../../src/renderer/src/lib/inventory-table'
import type { InventoryObject } from '../../../../src/shared/results/inventory-result'
import { decision, mapping, obj, smallInventory } from './fixtures'

const names = (rows: { object: InventoryObject }[]) => rows.map((r) => r.object.name)

function rows() {
  const inv = smallInventory()
  return inventoryRows(inv.objects, {
    [inv.objects[2]!.key]: decision('rebuild', { owner: 'Zoe' }),
    [inv.objects[1]!.key]: decision('retire', { owner: 'amina' }),
  })
}

describe('the objects table', () => {
  it('flags manual review, unreadable objects and SQL the parser rejected', () => {
    const r = rows()
    expect(r.find((x) => x.object.name === 'get_form_submissions')).toMatchObject({
      review: true,
      unreadable: false,
      parseError: false,
      state: 'undecided',
    })
    expect(r.find((x) => x.object.name === 'broken_view')).toMatchObject({
      unreadable: true,
      label: 'reports.broken_view',
    })
    const rejected = inventoryRows(
      [
        obj('view', 'v', {
          analysis: {
            jsonPaths: [],
            filters: [],
            references: [],
            manualReview: null,
            parseError: 'syntax error',
          },
        }),
      ],
      {},
    )
    expect(rejected[0]!.parseError).toBe(true)
  })

  it('searches names and schemas, and the SQL only on request', () => {
    const r = rows()
    expect(names(filterRows(r, { ...NO_FILTERS, query: 'FORM' }))).toEqual([
      'formview_pregnancy',
      'get_form_submissions',
    ])
    expect(names(filterRows(r, { ...NO_FILTERS, query: 'reports' }))).toEqual(['broken_view'])
    expect(filterRows(r, { ...NO_FILTERS, query: "'pregnancy'" })).toHaveLength(0)
    expect(
      names(filterRows(r, { ...NO_FILTERS, query: "'pregnancy'", inDefinitions: true })),
    ).toEqual(['formview_pregnancy'])
  })

  it('filters by kind, origin, decision, complexity, review and unreadable', () => {
    const r = rows()
    expect(names(filterRows(r, { ...NO_FILTERS, kind: 'function' }))).toEqual([
      'get_form_submissions',
    ])
    expect(names(filterRows(r, { ...NO_FILTERS, origin: 'couch2pg' }))).toEqual([
      'couchdb',
      'contactview_metadata',
    ])
    expect(names(filterRows(r, { ...NO_FILTERS, decision: 'undecided' }))).toEqual([
      'couchdb',
      'get_form_submissions',
      'broken_view',
    ])
    expect(names(filterRows(r, { ...NO_FILTERS, complexity: 'none' }))).toEqual([
      'couchdb',
      'broken_view',
    ])
    expect(names(filterRows(r, { ...NO_FILTERS, complexity: 'medium' }))).toEqual([
      'formview_pregnancy',
    ])
    expect(names(filterRows(r, { ...NO_FILTERS, review: true }))).toEqual(['get_form_submissions'])
    expect(names(filterRows(r, { ...NO_FILTERS, unreadable: true }))).toEqual(['broken_view'])
    expect(activeFilterCount(NO_FILTERS)).toBe(0)
    expect(activeFilterCount({ ...NO_FILTERS, query: ' x ', review: true, kind: 'view' })).toBe(3)
    expect(kindsPresent(smallInventory().objects)).toEqual(['table', 'view', 'function'])
  })

  it('sorts each column, empty values last either way', () => {
    const r = rows()
    expect(names(sortRows(r, { key: 'name', dir: 'asc' }))).toEqual([
      'broken_view',
      'contactview_metadata',
      'couchdb',
      'formview_pregnancy',
      'get_form_submissions',
    ])
    expect(names(sortRows(r, { key: 'usage', dir: 'desc' }))).toEqual([
      'couchdb',
      'get_form_submissions',
      'formview_pregnancy',
      // No statistics: last, by label (`reports.broken_view` after `contactview_metadata`).
      'contactview_metadata',
      'broken_view',
    ])
    expect(names(sortRows(r, { key: 'complexity', dir: 'asc' })).slice(0, 3)).toEqual([
      'contactview_metadata',
      'formview_pregnancy',
      'get_form_submissions',
    ])
    expect(names(sortRows(r, { key: 'owner', dir: 'asc' })).slice(0, 2)).toEqual([
      'contactview_metadata',
      'formview_pregnancy',
    ])
    expect(names(sortRows(r, { key: 'owner', dir: 'desc' })).slice(0, 2)).toEqual([
      'formview_pregnancy',
      'contactview_metadata',
    ])
    expect(names(sortRows(r, { key: 'decision', dir: 'desc' }))[0]).toBe('contactview_metadata')
    expect(names(sortRows(r, { key: 'kind', dir: 'asc' }))[0]).toBe('couchdb')
    expect(names(sortRows(r, { key: 'size', dir: 'desc' }))[0]).toBe('couchdb')
    expect(names(sortRows(r, { key: 'schema', dir: 'desc' }))[0]).toBe('broken_view')
  })

  it('flips the sort of a column, and starts size and usage with the largest', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' })
    expect(nextSort({ key: 'name', dir: 'asc' }, 'size')).toEqual({ key: 'size', dir: 'desc' })
    expect(nextSort({ key: 'size', dir: 'desc' }, 'owner')).toEqual({ key: 'owner', dir: 'asc' })
  })

  it('selects every shown row, or unselects them when all were selected', () => {
    const r = rows()
    const shown = r.slice(0, 2)
    const kept = new Set(['view:public.elsewhere'])
    const all = toggleAllShown(kept, shown)
    expect([...all].sort()).toEqual([...kept, ...shown.map((x) => x.key)].sort())
    expect(shownSelection(all, shown)).toBe('all')
    expect(shownSelection(new Set([shown[0]!.key]), shown)).toBe('some')
    expect(shownSelection(kept, shown)).toBe('none')
    expect([...toggleAllShown(all, shown)]).toEqual([...kept])
  })

  it('filters and sorts 1,000 objects in a few milliseconds', () => {
    const many = Array.from({ length: 1_000 }, (_, i) =>
      obj(i % 3 === 0 ? 'function' : 'view', `object_${String(i).padStart(4, '0')}`, {
        definition: `SELECT doc->>'form' FROM couchdb WHERE doc->>'form' = 'form_${i}'`.repeat(20),
        mapping: mapping(i % 2 === 0 ? 'simple' : 'significant'),
      }),
    )
    const all = inventoryRows(many, {})
    const started = performance.now()
    const found = filterRows(all, { ...NO_FILTERS, query: "'form_99'", inDefinitions: true })
    const sorted = sortRows(all, { key: 'complexity', dir: 'desc' })
    expect(performance.now() - started).toBeLessThan(500)
    expect(found.length).toBeGreaterThan(0)
    expect(sorted).toHaveLength(1_000)
  })
})
