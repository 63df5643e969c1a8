import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readProjectFile } from '../../../../src/main/engine/project/project-file'
import { createProjectService } from '../../../../src/main/engine/project/project-service'
import type { ProjectService } from '../../../../src/main/engine/project/types'
import type { CheckResult, ProjectState } from '../../../../src/shared/project-schema'
import { appErrorFrom as failure } from '../../../helpers/app-error'
import { makeTempDir } from '../../../helpers/project-fixtures'

let dir: string
let cleanup: () => void
let service: ProjectService
let clock = new Date('2025-06-01T12:00:00.000Z')

const result = (checkId: string, verdict: CheckResult['verdict']): CheckResult => ({
  checkId,
  itemId: 'plan.connections',
  title: `Connection ${checkId}`,
  ranAt: clock.toISOString(),
  endpoint: 'postgres://reader@db.example.org:5432/cht',
  verdict,
  summary: `${verdict} summary`,
  measurements: { ok: verdict === 'pass', durationMs: 12 },
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

  it('stores results under their checkId, replacing older runs, and autosaves', async () => {
    const path = join(dir, 'p.chtmig.json')
    await service.create('Results', path)
    const seen: (ProjectState | null)[] = []
    service.onChange((s) => seen.push(s))
    await service.recordResults([result('connection.couchdb', 'fail')])
    clock = new Date('2025-06-01T12:05:00.000Z')
    const state = await service.recordResults([
      result('connection.couchdb', 'pass'),
      result('connection.chtSync', 'warn'),
    ])
    expect(Object.keys(state.document.results).sort()).toEqual([
      'connection.chtSync',
      'connection.couchdb',
    ])
    expect(state.document.results['connection.couchdb']?.verdict).toBe('pass')
    expect(state.document.updatedAt).toBe('2025-06-01T12:05:00.000Z')
    expect(state.dirty).toBe(true)
    expect(seen).toHaveLength(2)
    await service.flush()
    await expect.poll(() => service.state?.dirty).toBe(false)
    const saved = await readProjectFile(path)
    expect(saved.results['connection.chtSync']?.verdict).toBe('warn')
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
