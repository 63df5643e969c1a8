import { emptyCheckSettings } from '../../../src/shared/checks/check-settings'
import { emptyInventorySettings } from '../../../src/shared/inventory/decisions'
import { emptyTeardownSettings } from '../../../src/shared/teardown/teardown-settings'
import { describe, expect, it } from 'vitest'
import { useStore } from '../../../src/renderer/src/store'
import { shareProject } from '../../../src/renderer/src/store/project-slice'
import type { JobSnapshot } from '../../../src/shared/jobs'
import { diffProject } from '../../../src/shared/project-patch'
import type { ProjectState } from '../../../src/shared/project-schema'
import { emptyParity } from '../../../src/shared/parity-definitions'

const state = (): ProjectState => ({
  document: {
    format: 'cht-migration-project',
    schemaVersion: 9,
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
    parity: emptyParity(),
    checks: emptyCheckSettings(),
    inventory: emptyInventorySettings(),
    teardown: emptyTeardownSettings(),
    signoff: {},
  },
  revision: 7,
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

describe('applyPatch', () => {
  it('applies a patch at the copy revision, keeping untouched items, and refuses a gap', () => {
    const before = state()
    useStore.getState().replaceProject(before)
    const copy = useStore.getState().project!
    const item = { ...before.document.items['plan.inventory']!, status: 'done' as const }
    const after = {
      ...before,
      revision: 8,
      dirty: true,
      document: { ...before.document, items: { ...before.document.items, 'plan.inventory': item } },
    }
    expect(useStore.getState().applyPatch(diffProject(before, after))).toBe(true)
    const patched = useStore.getState().project!
    expect(patched.revision).toBe(8)
    expect(patched.document.items['plan.inventory']?.status).toBe('done')
    expect(patched.document.items['plan.scope']).toBe(copy.document.items['plan.scope'])
    // A patch from a later base (a change was missed): the caller must reload.
    const later = diffProject({ ...after, revision: 9 }, { ...after, revision: 10 })
    expect(useStore.getState().applyPatch(later)).toBe(false)
    expect(useStore.getState().project!.revision).toBe(8)
    useStore.getState().replaceProject(null)
  })
})

describe('jobs slice', () => {
  const job = (state: JobSnapshot['state'], elapsedMs: number): JobSnapshot => ({
    jobId: 'j1',
    kind: 'demo.start',
    title: 'Starting the demo deployment',
    state,
    startedAt: '2026-11-01T10:00:00.000Z',
    finishedAt: state === 'running' ? null : '2026-11-01T10:00:05.000Z',
    elapsedMs,
    progress: { phase: 'loading-documents', unit: 'documents', done: 10, total: 20, message: '' },
    error: null,
  })

  it('never lets a late progress event undo a finished job', () => {
    const { upsertJob, replaceJobs } = useStore.getState()
    upsertJob(job('running', 1000))
    upsertJob(job('succeeded', 5000))
    upsertJob(job('running', 4000))
    expect(useStore.getState().jobs.j1?.state).toBe('succeeded')
    replaceJobs([job('running', 3000)])
    expect(useStore.getState().jobs.j1?.state).toBe('succeeded')
    replaceJobs([])
    expect(useStore.getState().jobs).toEqual({})
  })
})
