import { describe, expect, it } from 'vitest'
import {
  ageInDays,
  isStale,
  latestResultFor,
  overallCompletion,
  recentActivity,
  staleResults,
  statusCounts,
  stepCompletion,
} from '../../../src/shared/progress'
import type { ItemState, ItemStatus, StoredResult } from '../../../src/shared/project-schema'
import { ALL_ITEMS, findStep, STEPS } from '../../../src/shared/steps-catalog'
import type { StepDef } from '../../../src/shared/steps'

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.parse('2026-09-01T12:00:00Z')

const state = (status: ItemStatus, updatedAt: string | null = null): ItemState => ({
  status,
  note: '',
  evidence: [],
  updatedBy: updatedAt ? 'Amina' : null,
  updatedAt,
})

const result = (itemId: string, ranAt: string, id = itemId): StoredResult => ({
  id,
  itemId,
  title: itemId,
  verdict: 'pass',
  summary: '',
  ranAt,
  durationMs: 0,
  endpoints: [],
  partial: null,
  details: { kind: 'check', checkId: id, evidence: [], remedy: null, skippedBecause: null },
  history: [],
})

const plan = findStep('plan') as StepDef

describe('stepCompletion', () => {
  it('is zero for a step nobody touched', () => {
    expect(stepCompletion(plan, {})).toEqual({ done: 0, total: plan.items.length, percent: 0 })
  })

  it('counts done and not applicable, but not in progress or to do', () => {
    const [a, b, c, d] = plan.items.map((i) => i.id)
    const items = {
      [a as string]: state('done'),
      [b as string]: state('not_applicable'),
      [c as string]: state('in_progress'),
      [d as string]: state('todo'),
    }
    const total = plan.items.length
    expect(stepCompletion(plan, items)).toEqual({
      done: 2,
      total,
      percent: Math.round((2 / total) * 100),
    })
  })

  it('ignores states of items that belong to other steps or to no step', () => {
    const items = { 'setup.env-file': state('done'), 'retired.item': state('done') }
    expect(stepCompletion(plan, items).done).toBe(0)
  })

  it('reaches 100 when every item is settled', () => {
    const items = Object.fromEntries(plan.items.map((i) => [i.id, state('done')]))
    expect(stepCompletion(plan, items)).toEqual({
      done: plan.items.length,
      total: plan.items.length,
      percent: 100,
    })
  })

  it('reports 0 percent for a step without items', () => {
    const empty: StepDef = { ...plan, items: [] }
    expect(stepCompletion(empty, {})).toEqual({ done: 0, total: 0, percent: 0 })
  })
})

describe('overall figures', () => {
  it('adds up every step', () => {
    const items = { 'plan.scope': state('done'), 'teardown.feedback': state('not_applicable') }
    expect(overallCompletion(STEPS, items)).toEqual({
      done: 2,
      total: ALL_ITEMS.length,
      percent: Math.round((2 / ALL_ITEMS.length) * 100),
    })
  })

  it('counts untouched items as to do', () => {
    const counts = statusCounts(ALL_ITEMS, {
      'plan.scope': state('done'),
      'plan.inventory': state('in_progress'),
    })
    expect(counts).toEqual({
      todo: ALL_ITEMS.length - 2,
      in_progress: 1,
      done: 1,
      not_applicable: 0,
    })
  })

  it('lists the latest activity newest first, leaving out untouched items', () => {
    const items = {
      'plan.scope': state('done', '2026-08-01T10:00:00Z'),
      'parity.counts': state('in_progress', '2026-08-03T10:00:00Z'),
      'setup.env-file': state('todo'),
      'monitor.alerts': state('done', '2026-08-02T10:00:00Z'),
    }
    const activity = recentActivity(ALL_ITEMS, items, 2)
    expect(activity.map((a) => a.itemId)).toEqual(['parity.counts', 'monitor.alerts'])
  })
})

describe('staleness', () => {
  it('treats a result older than the stale age as stale', () => {
    expect(isStale(new Date(NOW - 8 * DAY).toISOString(), 7, NOW)).toBe(true)
    expect(isStale(new Date(NOW - 6 * DAY).toISOString(), 7, NOW)).toBe(false)
  })

  it('keeps a result exactly at the limit fresh', () => {
    expect(isStale(new Date(NOW - 7 * DAY).toISOString(), 7, NOW)).toBe(false)
    expect(isStale(new Date(NOW - 7 * DAY - 1).toISOString(), 7, NOW)).toBe(true)
  })

  it('follows the project setting', () => {
    const ranAt = new Date(NOW - 30 * DAY).toISOString()
    expect(isStale(ranAt, 7, NOW)).toBe(true)
    expect(isStale(ranAt, 60, NOW)).toBe(false)
  })

  it('counts an unreadable date as stale', () => {
    expect(isStale('not a date', 365, NOW)).toBe(true)
  })

  it('gives the age in whole days', () => {
    expect(ageInDays(new Date(NOW - 30 * DAY - 5000).toISOString(), NOW)).toBe(30)
    expect(ageInDays(new Date(NOW + DAY).toISOString(), NOW)).toBe(0)
  })

  it('picks the newest result of an item', () => {
    const results = {
      a: result('parity.counts', '2026-08-01T00:00:00Z', 'parity.counts'),
      b: result('parity.counts', '2026-08-20T00:00:00Z', 'parity.counts'),
      c: result('plan.inventory', '2026-08-25T00:00:00Z'),
    }
    expect(latestResultFor(results, 'parity.counts')).toBe(results.b)
    expect(latestResultFor(results, 'monitor.alerts')).toBeUndefined()
  })

  it('lists only the latest result of each item when it is stale, oldest first', () => {
    const results = {
      old: result('parity.counts', new Date(NOW - 40 * DAY).toISOString()),
      fresh: result('parity.counts', new Date(NOW - 1 * DAY).toISOString()),
      inv: result('plan.inventory', new Date(NOW - 10 * DAY).toISOString()),
      sync: result('production.sync-running', new Date(NOW - 20 * DAY).toISOString()),
    }
    expect(staleResults(results, 7, NOW).map((r) => r.itemId)).toEqual([
      'production.sync-running',
      'plan.inventory',
    ])
    expect(staleResults(results, 30, NOW)).toEqual([])
  })
})
