import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readProjectFile } from '../../../../src/main/engine/project/project-file'
import { createProjectService } from '../../../../src/main/engine/project/project-service'
import type { ProjectChange, ProjectService } from '../../../../src/main/engine/project/types'
import type { NewResult } from '../../../../src/shared/results/result-schema'
import { appErrorFrom as failure } from '../../../support/app-error'
import { makeTempDir } from '../../../support/project-fixtures'

let dir: string
let cleanup: () => void
let service: ProjectService
let clock = new Date('2025-06-01T12:00:00.000Z')

const result = (
  id: string,
  verdict: NewResult['verdict'],
  summary = `${verdict} summary`,
): NewResult => ({
  id,
  itemId: 'plan.connections',
  title: `Connection ${id}`,
  verdict,
  summary,
  ranAt: clock.toISOString(),
  durationMs: 12,
  endpoints: [{ endpoint: 'chtSync', target: 'postgres://reader@db.example.org:5432/cht' }],
  partial: null,
  details: {
    kind: 'connection',
    endpoint: 'chtSync',
    ok: verdict === 'pass',
    durationMs: 12,
    serverLabel: 'PostgreSQL 16.4',
    facts: null,
    error: null,
    legacyFacts: [],
  },
})

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('results'))
  clock = new Date('2025-06-01T12:00:00.000Z')
  service = createProjectService({ appVersion: '9.9.9', autosaveMs: 5, now: () => clock })
})
afterEach(async () => {
  await service.close()
  cleanup()
})

describe('project service: recordResults', () => {
  it('needs an open project', async () => {
    expect((await failure(service.recordResults([result('a', 'pass')]))).code).toBe('NO_PROJECT')
  })

  it('stores results under their id, keeping the older run in the history, and autosaves', async () => {
    const path = join(dir, 'p.chtmig.json')
    await service.create('Results', path)
    const seen: ProjectChange[] = []
    service.onChange((change) => seen.push(change))
    await service.recordResults([result('connection.couchdb', 'fail')])
    clock = new Date('2025-06-01T12:05:00.000Z')
    const stored = await service.recordResults([
      result('connection.couchdb', 'pass'),
      result('connection.chtSync', 'warn'),
    ])
    expect(stored.map((r) => [r.id, r.verdict, r.history.length])).toEqual([
      ['connection.couchdb', 'pass', 1],
      ['connection.chtSync', 'warn', 0],
    ])
    const state = service.state!
    expect(Object.keys(state.document.results).sort()).toEqual([
      'connection.chtSync',
      'connection.couchdb',
    ])
    expect(state.document.results['connection.couchdb']?.history[0]).toMatchObject({
      verdict: 'fail',
      ranAt: '2025-06-01T12:00:00.000Z',
      figures: { durationMs: 12 },
    })
    expect(state.document.updatedAt).toBe('2025-06-01T12:05:00.000Z')
    expect(state.dirty).toBe(true)
    // Each recording is one change, sent as a patch of just the results it touched.
    expect(seen).toHaveLength(2)
    expect(Object.keys(seen[1]!.patch?.results ?? {}).sort()).toEqual([
      'connection.chtSync',
      'connection.couchdb',
    ])
    await service.flush()
    await expect.poll(() => service.state?.dirty).toBe(false)
    const saved = await readProjectFile(path)
    expect(saved.results['connection.chtSync']?.verdict).toBe('warn')
    expect(saved.results['connection.couchdb']?.history).toHaveLength(1)
  })

  it('masks a credential a server put into a summary', async () => {
    await service.create('Results')
    const [stored] = await service.recordResults([
      result('connection.couch2pg', 'fail', 'could not connect to postgres://reader:hunter2@db/x'),
    ])
    expect(stored!.summary).not.toContain('hunter2')
  })

  it('refuses an invalid result and records nothing of the batch', async () => {
    await service.create('Results')
    const before = service.state
    const bad = { ...result('connection.couch2pg', 'pass'), ranAt: 'yesterday' }
    const error = await failure(service.recordResults([result('connection.couchdb', 'pass'), bad]))
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.message).toContain('connection.couch2pg')
    expect(service.state).toBe(before)
    expect(service.state?.document.results).toEqual({})
  })
})
