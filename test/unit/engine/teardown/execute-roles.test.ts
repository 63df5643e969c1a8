import { describe, expect, it } from 'vitest'
import { revokedRoles } from '../../../../src/main/engine/teardown/execute/stage-statements'
import type { ProjectDocument } from '../../../../src/shared/project-schema'
import type { ExecutionRecord } from '../../../../src/shared/teardown/teardown-settings'
import { sampleDocument } from '../../../support/project-fixtures'

const run = (
  stage: ExecutionRecord['stage'],
  outcome: ExecutionRecord['outcome'],
  roles: string[],
): ExecutionRecord => ({
  stage,
  outcome,
  roles,
  at: '2026-12-01T00:00:00.000Z',
  by: 'a',
  message: '',
})

const withRuns = (executions: ExecutionRecord[]): ProjectDocument => {
  const doc = sampleDocument()
  return { ...doc, teardown: { ...doc.teardown, executions } }
}

describe('revokedRoles', () => {
  it('gathers the roles of done and stopped revoke-renames since the last done restore-rename', () => {
    const doc = withRuns([
      run('revoke-rename', 'done', ['old']),
      run('restore-rename', 'done', ['old']),
      run('revoke-rename', 'stopped', ['klipfolio']),
      run('revoke-rename', 'refused', ['never']),
      run('revoke-rename', 'dry-run', ['listed']),
      run('revoke-rename', 'done', ['superset', 'klipfolio']),
    ])
    expect(revokedRoles(doc)).toEqual(['klipfolio', 'superset'])
  })

  it('is empty when nothing was revoked, or everything was granted back', () => {
    expect(revokedRoles(withRuns([]))).toEqual([])
    expect(
      revokedRoles(
        withRuns([run('revoke-rename', 'done', ['a']), run('restore-rename', 'done', ['a'])]),
      ),
    ).toEqual([])
  })
})
