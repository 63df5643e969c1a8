import { describe, expect, it } from 'vitest'
import { shareProject } from '../../../src/renderer/src/store/project-slice'
import type { ProjectState } from '../../../src/shared/project-schema'

const state = (): ProjectState => ({
  document: {
    format: 'cht-migration-project',
    schemaVersion: 2,
    id: 'p1',
    name: 'Kenya',
    createdAt: '2026-08-01T00:00:00.000Z',
    updatedAt: '2026-08-01T00:00:00.000Z',
    appVersion: '0.1.0',
    settings: { staleAfterDays: 7 },
    items: {
      'plan.scope': {
        status: 'done',
        note: 'ok',
        evidence: [],
        updatedBy: 'A',
        updatedAt: '2026-08-01T00:00:00.000Z',
      },
      'plan.inventory': {
        status: 'todo',
        note: '',
        evidence: [],
        updatedBy: null,
        updatedAt: null,
      },
    },
    results: {},
    connections: { couchdb: null, couch2pg: null, chtSync: null },
    demo: null,
  },
  path: '/p/kenya.chtmig.json',
  dirty: false,
  lastSavedAt: null,
  recoveredFromBackup: false,
  lastSaveError: null,
})

describe('shareProject', () => {
  it('keeps the objects of unchanged items so narrow selectors do not re-render', () => {
    const prev = state()
    const next = state() // fresh JSON, as every reply is
    next.document.items['plan.inventory']!.status = 'in_progress'
    const shared = shareProject(prev, next)!
    expect(shared.document.items['plan.scope']).toBe(prev.document.items['plan.scope'])
    expect(shared.document.items['plan.inventory']).toBe(next.document.items['plan.inventory'])
    expect(shared.document.settings).toBe(prev.document.settings)
    expect(shared.document.results).toBe(prev.document.results)
  })

  it('keeps the whole items record when nothing in it changed', () => {
    const prev = state()
    expect(shareProject(prev, state())!.document.items).toBe(prev.document.items)
  })

  it('takes a different project or a closed one as it comes', () => {
    const other = state()
    other.document.id = 'p2'
    expect(shareProject(state(), other)).toBe(other)
    expect(shareProject(state(), null)).toBeNull()
  })
})
