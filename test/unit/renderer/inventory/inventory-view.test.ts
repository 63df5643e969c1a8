import { describe, expect, it } from 'vitest'
import type { StoredResult } from '../../../../src/shared/project-schema'
import {
  daysText,
  inventoryOutcomeText,
  inventoryResults,
  keyLabel,
  missingDecisions,
  objectsByKey,
  orderEntries,
  scopeSummary,
  usageFigure,
} from '../../../../src/renderer/src/lib/inventory-view'
import { decision, mapping, obj, smallInventory } from './fixtures'

const usage = (extra: Partial<Parameters<typeof usageFigure>[0]> = {}) => ({
  seqScans: null,
  idxScans: null,
  calls: null,
  statementCalls: null,
  statements: null,
  lastVacuum: null,
  lastAnalyze: null,
  ...extra,
})

function stored(id: string, details: StoredResult['details']): StoredResult {
  return {
    id,
    itemId: 'plan.inventory',
    title: id,
    verdict: 'pass',
    summary: '',
    ranAt: '2026-03-01T10:00:00.000Z',
    durationMs: 10,
    endpoints: [],
    partial: null,
    details,
    history: [],
  }
}

describe('the scope summary', () => {
  it('counts objects by decision and origin and estimates the rebuilds', () => {
    const inv = smallInventory()
    const [, metadata, pregnancy, submissions, broken] = inv.objects
    const summary = scopeSummary(inv.objects, {
      [pregnancy!.key]: decision('rebuild'),
      [submissions!.key]: decision('rebuild'),
      [metadata!.key]: decision('replace'),
      'view:public.gone': decision('retire'),
    })
    expect(summary.total).toBe(5)
    expect(summary.byDecision).toEqual({ undecided: 2, replace: 1, rebuild: 2, retire: 0 })
    expect(summary.byOrigin).toEqual({ couch2pg: 2, custom: 3, unknown: 0 })
    // medium 2 days + significant 5 days; the unreadable custom view is undecided (medium).
    expect(summary.effort).toEqual({ objects: 2, days: 7 })
    expect(summary.undecidedCustom).toBe(1)
    expect(summary.possible).toEqual({ objects: 1, days: 2 })
    expect(broken!.mapping).toBeNull()
  })

  it('writes days as people do', () => {
    expect([0, 0.5, 1, 2, 12.5].map(daysText)).toEqual([
      '0 days',
      '½ day',
      '1 day',
      '2 days',
      '12.5 days',
    ])
  })
})

describe('usage in a few characters', () => {
  it('sums scans, takes the function calls or else the statements', () => {
    expect(usageFigure(usage())).toEqual({ text: 'no usage statistics', value: -1 })
    expect(usageFigure(usage({ seqScans: 40, idxScans: 1_200 }))).toEqual({
      text: '1.2K scans',
      value: 1_240,
    })
    expect(usageFigure(usage({ seqScans: 1 })).text).toBe('1 scan')
    expect(usageFigure(usage({ calls: 7, statementCalls: 90 })).text).toBe('7 calls')
    expect(usageFigure(usage({ statementCalls: 1 })).text).toBe('1 call')
    expect(usageFigure(usage({ idxScans: 0, calls: 3 }))).toEqual({
      text: '0 scans · 3 calls',
      value: 3,
    })
  })
})

describe('decisions, order and results', () => {
  it('lists the decisions whose object is gone, by key', () => {
    const inv = smallInventory()
    const missing = missingDecisions(inv.objects, {
      'view:public.zz_gone': decision('retire'),
      [inv.objects[1]!.key]: decision('replace'),
      'function:public.aa_old(date)': decision('rebuild'),
    })
    expect(missing.map((m) => m.key)).toEqual([
      'function:public.aa_old(date)',
      'view:public.zz_gone',
    ])
    expect(keyLabel('function:public.aa_old(date)')).toBe('aa_old(date)')
    expect(keyLabel('view:reports.x')).toBe('reports.x')
  })

  it('labels the migration order and marks what is retired', () => {
    const inv = smallInventory()
    const entries = orderEntries([...inv.order, 'view:public.unknown'], objectsByKey(inv.objects), {
      [inv.order[1]!]: decision('retire'),
    })
    expect(entries.map((e) => [e.label, e.retired, e.kind])).toEqual([
      ['formview_pregnancy', false, 'view'],
      ['contactview_metadata', true, 'view'],
      ['get_form_submissions', false, 'function'],
      ['unknown', false, null],
    ])
  })

  it('reads the stored inventories and ignores a result of another kind', () => {
    const inv = smallInventory()
    const found = inventoryResults({
      'inventory.couch2pg': stored('inventory.couch2pg', inv),
      'inventory.couchdb': stored('inventory.couchdb', {
        kind: 'comparison',
      } as unknown as StoredResult['details']),
    })
    expect(found.couch2pg?.details.objects).toHaveLength(5)
    expect(found.couchdb).toBeNull()
    expect(inventoryResults({})).toEqual({ couch2pg: null, couchdb: null })
  })

  it('says what a run listed', () => {
    const inv = smallInventory()
    const couch = stored('inventory.couchdb', {
      kind: 'couchdb-inventory',
      couchVersion: '3.4.2',
      chtVersion: '4.10.0',
      databases: [],
      medic: null,
    })
    expect(inventoryOutcomeText([stored('inventory.couch2pg', inv), couch])).toBe(
      'The inventory listed 5 objects in the couch2pg database and 0 CouchDB databases.',
    )
    expect(inventoryOutcomeText([{ ...couch, partial: { reason: 'cancelled', note: '' } }])).toBe(
      'The inventory listed 0 CouchDB databases. Part of it is partial.',
    )
    expect(inventoryOutcomeText([])).toBe('The inventory finished.')
    expect(mapping('simple')?.complexity).toBe('simple')
    expect(obj('view', 'x').key).toBe('view:public.x')
  })
})
