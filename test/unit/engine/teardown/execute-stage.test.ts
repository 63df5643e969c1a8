import { describe, expect, it, vi } from 'vitest'
import { executeStage } from '../../../../src/main/engine/teardown/execute/execute-stage'
import type {
  ExecuteDeps,
  ExecuteInput,
  OpenSession,
} from '../../../../src/main/engine/teardown/execute/types'
import type { ProjectService } from '../../../../src/main/engine/project/types'
import { appErrorFrom } from '../../../support/app-error'
import {
  executableProject,
  fakeSession,
  serverError,
  serverFacts,
  type FakeSession,
} from '../../../support/teardown-execute'

const NOW = new Date('2026-12-01T12:00:00Z')
const PASSWORD = 'typed-secret-9f3k'
const input = (overrides: Partial<ExecuteInput> = {}): ExecuteInput => ({
  stage: 'revoke-rename',
  dryRun: false,
  confirmName: 'couch2pg',
  credential: { user: 'postgres', password: PASSWORD },
  by: 'amina',
  ...overrides,
})

async function setup(session: FakeSession = fakeSession()) {
  let now = NOW
  const { project, dashboardId } = await executableProject(() => now)
  const opened: Parameters<OpenSession>[0][] = []
  const closePools = vi.fn(async () => undefined)
  const deps: ExecuteDeps = {
    project,
    openSession: async (request) => {
      opened.push(request)
      return session
    },
    closeInspectionPools: closePools,
    now: () => now,
  }
  return {
    project,
    dashboardId,
    deps,
    opened,
    session,
    closePools,
    setNow: (d: Date) => (now = d),
    teardown: () => project.state!.document.teardown,
  }
}

const serialized = (project: ProjectService) => JSON.stringify(project.state!.document)

describe('refusals', () => {
  it('refuses a wrong typed name, records it, and never connects', async () => {
    const t = await setup()
    const result = await executeStage(t.deps, input({ confirmName: 'couch2pg_old' }))
    expect(result.outcome).toBe('refused')
    expect(result.message).toContain('“couch2pg_old”')
    expect(result.statements.every((s) => s.outcome === 'skipped')).toBe(true)
    expect(t.opened).toEqual([])
    expect(t.teardown().executions).toEqual([
      expect.objectContaining({ stage: 'revoke-rename', outcome: 'refused', by: 'amina' }),
    ])
    expect(t.teardown().audit).toEqual([])
  })

  it('refuses what the server state or the role does not allow, with nothing run', async () => {
    const session = fakeSession(
      serverFacts({
        superuser: false,
        user: 'reader',
        database: { owner: 'couch2pg', ownedByUser: false, sessions: [], connectGrantees: [] },
      }),
    )
    const t = await setup(session)
    const result = await executeStage(t.deps, input())
    expect(result.outcome).toBe('refused')
    expect(result.message).toContain('The role reader does not own the database')
    expect(session.ran).toEqual([])
    expect(session.closed).toBe(true)
    expect(t.closePools).not.toHaveBeenCalled()
  })

  it('refuses a connection failure as such (an AppError from opening the session)', async () => {
    const t = await setup()
    const { AppError } = await import('../../../../src/shared/result')
    t.deps.openSession = async () => {
      throw new AppError('BAD_REQUEST', 'Could not connect: password authentication failed.')
    }
    const result = await executeStage(t.deps, input())
    expect(result).toMatchObject({ outcome: 'refused' })
    expect(t.teardown().executions[0]!.message).toBe(
      'Nothing ran. Could not connect: password authentication failed.',
    )
  })

  it('needs a credential for a real run (BAD_REQUEST, nothing recorded)', async () => {
    const t = await setup()
    const e = await appErrorFrom(executeStage(t.deps, input({ credential: undefined })))
    expect(e.code).toBe('BAD_REQUEST')
    expect(t.teardown().executions).toEqual([])
  })

  it('refuses a drop before the grace period, even when the gates allow the stage', async () => {
    const t = await setup()
    await executeStage(t.deps, input())
    const result = await executeStage(t.deps, input({ stage: 'drop' }))
    expect(result.outcome).toBe('refused')
    expect(result.message).toContain('The grace period of 30 days after the rename on 2026-12-01')
  })
})

describe('roles granted CONNECT by name', () => {
  it('revokes it from each, records them, and a restore-rename grants it back to them', async () => {
    const session = fakeSession(
      serverFacts({
        database: {
          owner: 'couch2pg',
          ownedByUser: true,
          sessions: [],
          connectGrantees: ['klipfolio', 'superset "ro"'],
        },
      }),
    )
    const t = await setup(session)
    const result = await executeStage(t.deps, input())
    expect(result.outcome).toBe('done')
    expect(session.ran.slice(0, 3)).toEqual([
      'REVOKE CONNECT ON DATABASE "couch2pg" FROM PUBLIC;',
      'REVOKE CONNECT ON DATABASE "couch2pg" FROM "klipfolio";',
      'REVOKE CONNECT ON DATABASE "couch2pg" FROM "superset ""ro""";',
    ])
    expect(t.teardown().executions.at(-1)).toMatchObject({
      outcome: 'done',
      roles: ['klipfolio', 'superset "ro"'],
    })

    session.facts = async () =>
      serverFacts({
        database: null,
        deprecated: { owner: 'couch2pg', ownedByUser: true, sessions: [], connectGrantees: [] },
      })
    const undo = await executeStage(t.deps, input({ stage: 'restore-rename' }))
    expect(undo.outcome).toBe('done')
    expect(undo.statements.map((s) => s.statement)).toEqual([
      'ALTER DATABASE "couch2pg_deprecated" RENAME TO "couch2pg";',
      'GRANT CONNECT ON DATABASE "couch2pg" TO PUBLIC;',
      'GRANT CONNECT ON DATABASE "couch2pg" TO "klipfolio";',
      'GRANT CONNECT ON DATABASE "couch2pg" TO "superset ""ro""";',
    ])
  })
})

describe('a run', () => {
  it('runs each statement, records each as it goes, and never stores the password', async () => {
    const t = await setup()
    const before: number[] = []
    t.deps.beforeStatement = () => {
      before.push(t.teardown().audit.length)
    }
    const result = await executeStage(t.deps, input())
    expect(result.outcome).toBe('done')
    expect(result.message).toMatch(
      /^All 3 statements done\. couch2pg is renamed to couch2pg_deprecated/,
    )
    expect(result.message).toContain('drop may run from 2026-12-31')
    expect(t.session.ran).toHaveLength(3)
    expect(t.closePools).toHaveBeenCalledOnce()
    // The sessions fact first, then one entry per statement recorded before the next runs.
    expect(before).toEqual([1, 2, 3])
    const audit = t.teardown().audit
    expect(audit[0]).toMatchObject({
      statement: '-- sessions connected to "couch2pg" (pg_stat_activity)',
      outcome: 'ok',
      message: 'Connected as postgres (superuser): 2 sessions: dashboard (metabase) ×2.',
    })
    expect(audit.slice(1).map((a) => [a.outcome, a.message])).toEqual([
      ['ok', 'REVOKE'],
      ['ok', 'SELECT (2 rows)'],
      ['ok', 'ALTER'],
    ])
    expect(t.opened).toEqual([
      { dryRun: false, credential: input().credential, maintenanceDatabase: 'postgres' },
    ])
    expect(serialized(t.project)).not.toContain(PASSWORD)
  })

  it('dry runs record every statement as dry-run and run none', async () => {
    const t = await setup()
    const result = await executeStage(t.deps, input({ dryRun: true, maintenanceDatabase: 'ops' }))
    expect(result.outcome).toBe('dry-run')
    expect(result.statements.map((s) => s.outcome)).toEqual(['dry-run', 'dry-run', 'dry-run'])
    expect(t.session.ran).toEqual([])
    expect(t.closePools).not.toHaveBeenCalled()
    expect(t.opened[0]).toMatchObject({ dryRun: true, maintenanceDatabase: 'ops' })
    expect(t.teardown().executions.at(-1)).toMatchObject({ outcome: 'dry-run' })
  })

  it('dry runs without a credential judge the project only, and say so', async () => {
    const t = await setup()
    const result = await executeStage(t.deps, input({ dryRun: true, credential: undefined }))
    expect(result.outcome).toBe('dry-run')
    expect(result.message).toContain('were not checked, since no credential was given')
    expect(t.opened).toEqual([])
  })

  it('stops at the first error: the rest is skipped and the state is said', async () => {
    const session = fakeSession()
    session.failAt(1, serverError('permission denied to terminate process', '42501'))
    const t = await setup(session)
    const result = await executeStage(t.deps, input())
    expect(result.outcome).toBe('stopped')
    expect(result.statements.map((s) => s.outcome)).toEqual(['ok', 'failed', 'skipped'])
    expect(result.statements[1]!.message).toBe('permission denied to terminate process (42501)')
    expect(result.message).toContain('1 of 3 statements ran')
    expect(session.ran).toHaveLength(2)
  })

  it('stops when the connection was lost between statements', async () => {
    const session = fakeSession()
    const t = await setup(session)
    t.deps.beforeStatement = ({ index }) => {
      if (index === 2)
        session.lose(serverError('terminating connection due to administrator command', '57P01'))
    }
    const result = await executeStage(t.deps, input())
    expect(result.outcome).toBe('stopped')
    expect(result.statements.map((s) => s.outcome)).toEqual(['ok', 'ok', 'skipped'])
    expect(result.message).toMatch(/^The connection to the server was lost before this statement/)
    expect(session.ran).toHaveLength(2)
  })

  it('says the outcome is unknown when the connection drops during the rename', async () => {
    const session = fakeSession()
    session.failAt(2, Object.assign(new Error('Connection terminated unexpectedly'), {}))
    const t = await setup(session)
    const result = await executeStage(t.deps, input())
    expect(result.statements[2]).toMatchObject({ outcome: 'failed' })
    expect(result.statements[2]!.message).toMatch(/^The connection was lost/)
    expect(result.message).toContain(
      'Whether couch2pg was renamed to couch2pg_deprecated is unknown',
    )
  })

  it('stops when a gate flips between statements', async () => {
    const t = await setup()
    t.deps.beforeStatement = async ({ index }) => {
      if (index !== 1) return
      await t.project.update(
        [
          {
            type: 'teardown.setDashboard',
            id: t.dashboardId,
            name: 'ANC overview',
            switched: false,
          },
        ],
        'baraka',
      )
    }
    const result = await executeStage(t.deps, input())
    expect(result.outcome).toBe('stopped')
    expect(result.statements.map((s) => s.outcome)).toEqual(['ok', 'skipped', 'skipped'])
    expect(result.message).toContain('A rule stopped holding during the run')
    expect(result.message).toContain('Dashboards switched to the new models')
    expect(t.session.ran).toHaveLength(1)
  })

  it('records nothing into another project opened during the run', async () => {
    const t = await setup()
    t.deps.beforeStatement = async ({ index }) => {
      if (index === 1) await t.project.create('Another')
    }
    const result = await executeStage(t.deps, input())
    expect(result.outcome).toBe('stopped')
    expect(result.message).toMatch(/^The project was closed or replaced during the run/)
    expect(t.teardown().audit).toEqual([])
    expect(t.teardown().executions).toEqual([])
    expect(t.session.ran).toHaveLength(1)
  })

  it('runs one stage at a time per project', async () => {
    const t = await setup()
    let release = () => undefined as void
    t.deps.beforeStatement = () => new Promise<void>((resolve) => (release = resolve))
    const first = executeStage(t.deps, input())
    await vi.waitFor(() => expect(t.opened).toHaveLength(1))
    const e = await appErrorFrom(executeStage(t.deps, input({ dryRun: true })))
    expect(e.code).toBe('JOB_RUNNING')
    t.deps.beforeStatement = undefined
    release()
    expect((await first).outcome).toBe('done')
  })

  it('drops after the grace period, with the backup named', async () => {
    const session = fakeSession(
      serverFacts({
        database: null,
        deprecated: { owner: 'couch2pg', ownedByUser: true, sessions: [], connectGrantees: [] },
      }),
    )
    const t = await setup(session)
    await t.project.recordTeardown((td) => ({
      ...td,
      executions: [
        {
          stage: 'revoke-rename',
          at: '2026-10-01T00:00:00.000Z',
          by: 'amina',
          outcome: 'done',
          message: '',
          roles: [],
        },
      ],
    }))
    const result = await executeStage(t.deps, input({ stage: 'drop' }))
    expect(result.outcome).toBe('done')
    expect(session.ran).toEqual(['DROP DATABASE "couch2pg_deprecated";'])
    expect(result.message).toContain('only the backup /backups/couch2pg.dump can bring it back')
  })
})
