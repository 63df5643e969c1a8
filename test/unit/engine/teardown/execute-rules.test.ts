import { describe, expect, it } from 'vitest'
import {
  confirmNameRefusal,
  dropRefusal,
  gateRefusal,
  projectRefusal,
  renameDoneAt,
} from '../../../../src/main/engine/teardown/execute/rules'
import { stageStatements } from '../../../../src/main/engine/teardown/execute/stage-statements'
import type { ExecutionRecord } from '../../../../src/shared/teardown/teardown-settings'
import { executableProject } from '../../../support/teardown-execute'

const NOW = new Date('2026-12-01T12:00:00Z')
const clock = () => NOW
const DAY = 86_400_000
const run = (
  stage: ExecutionRecord['stage'],
  outcome: ExecutionRecord['outcome'],
  at: string,
): ExecutionRecord => ({ stage, outcome, at, by: 'amina', message: '', roles: [] })

describe('the typed name', () => {
  it('must be the database name exactly; the refusal shows what was typed and expected', () => {
    expect(confirmNameRefusal('couch2pg', 'couch2pg')).toBeNull()
    for (const typed of ['Couch2pg', 'couch2pg ', '', 'couch2pg_deprecated']) {
      const refusal = confirmNameRefusal(typed, 'couch2pg')
      expect(refusal).toContain(`“${typed}”`)
      expect(refusal).toContain('“couch2pg”')
    }
  })
})

describe('the gates and the override', () => {
  it('refuses without an override while gates are not met, naming them', async () => {
    const { project } = await executableProject(clock, { override: false })
    const refusal = gateRefusal(project.state!.document, NOW)
    expect(refusal).toContain('Not every teardown gate is met')
    expect(refusal).toContain('Parity held long enough')
    expect(refusal).not.toContain('A verified backup exists')
    expect(refusal).not.toContain('Dashboards switched')
  })

  it('allows a run when the override covers every gate not met now', async () => {
    const { project } = await executableProject(clock)
    const document = project.state!.document
    expect(document.teardown.override?.gates).toEqual([
      'decisions',
      'parity-days',
      'monitoring',
      'no-reads',
    ])
    expect(gateRefusal(document, NOW)).toBeNull()
  })

  it('does not cover a gate that became unmet after the override, and says which', async () => {
    const { project, dashboardId } = await executableProject(clock)
    await project.update(
      [{ type: 'teardown.setDashboard', id: dashboardId, name: 'ANC overview', switched: false }],
      'baraka',
    )
    const refusal = gateRefusal(project.state!.document, NOW)
    expect(refusal).toContain('but not Dashboards switched to the new models')
    expect(refusal).toContain('was met then and is not now')
    expect(refusal).toContain('recorded by amina on 2026-12-01')
  })

  it('needs a couch2pg connection before anything else', async () => {
    const { project } = await executableProject(clock)
    await project.update([{ type: 'connection.setCouch2pg', profile: null }], 'amina')
    expect(projectRefusal('revoke-rename', project.state!.document, NOW, 'couch2pg')).toContain(
      'no couch2pg connection',
    )
  })
})

describe('the drop rules', () => {
  it('needs the backup gate met even when the override covers it', async () => {
    const { project } = await executableProject(clock, { backup: false })
    const document = project.state!.document
    expect(document.teardown.override?.gates).toContain('backup')
    expect(gateRefusal(document, NOW)).toBeNull()
    expect(dropRefusal(document, NOW)).toMatch(
      /^A drop needs a verified backup, even under an override: No backup is recorded\./,
    )
  })

  it('counts the grace period from the last rename done, not dry runs or stopped runs', () => {
    expect(renameDoneAt([])).toMatch(/No revoke-rename run/)
    expect(
      renameDoneAt([
        run('revoke-rename', 'dry-run', '2026-10-01T00:00:00.000Z'),
        run('revoke-rename', 'stopped', '2026-10-02T00:00:00.000Z'),
      ]),
    ).toMatch(/No revoke-rename run/)
    expect(
      renameDoneAt([
        run('revoke-rename', 'done', '2026-10-01T00:00:00.000Z'),
        run('restore-rename', 'stopped', '2026-10-05T00:00:00.000Z'),
      ]),
    ).toEqual(new Date('2026-10-01T00:00:00.000Z'))
    expect(
      renameDoneAt([
        run('revoke-rename', 'done', '2026-10-01T00:00:00.000Z'),
        run('restore-rename', 'done', '2026-10-05T00:00:00.000Z'),
      ]),
    ).toMatch(/undone by restore-rename on 2026-10-05/)
    expect(
      renameDoneAt([
        run('revoke-rename', 'done', '2026-10-01T00:00:00.000Z'),
        run('restore-rename', 'done', '2026-10-05T00:00:00.000Z'),
        run('revoke-rename', 'done', '2026-10-07T00:00:00.000Z'),
      ]),
    ).toEqual(new Date('2026-10-07T00:00:00.000Z'))
  })

  it('refuses before the grace period ends and allows it from that moment', async () => {
    const renamedAt = new Date(NOW.getTime() - 10 * DAY)
    const { project } = await executableProject(clock)
    await project.recordTeardown((t) => ({
      ...t,
      executions: [run('revoke-rename', 'done', renamedAt.toISOString())],
    }))
    const document = project.state!.document
    expect(dropRefusal(document, NOW)).toBe(
      'The grace period of 30 days after the rename on 2026-11-21 ends on 2026-12-21 (20 days from now): the drop may run then, if nobody missed the database meanwhile.',
    )
    const ends = new Date(renamedAt.getTime() + 30 * DAY)
    expect(dropRefusal(document, new Date(ends.getTime() - 1))).toContain('1 day from now')
    expect(dropRefusal(document, ends)).toBeNull()
    expect(projectRefusal('drop', document, ends, 'couch2pg')).toBeNull()
    expect(projectRefusal('revoke-rename', document, NOW, 'couch2pg')).toBeNull()
  })
})

describe('the statements of each stage', () => {
  it('are the plan’s revoke-rename statements, their restore, and the drop', async () => {
    const { project } = await executableProject(clock)
    const document = project.state!.document
    expect(stageStatements('revoke-rename', document)).toEqual([
      'REVOKE CONNECT ON DATABASE "couch2pg" FROM PUBLIC;',
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'couch2pg' AND pid <> pg_backend_pid();",
      'ALTER DATABASE "couch2pg" RENAME TO "couch2pg_deprecated";',
    ])
    expect(stageStatements('restore-rename', document)).toEqual([
      'ALTER DATABASE "couch2pg_deprecated" RENAME TO "couch2pg";',
      'GRANT CONNECT ON DATABASE "couch2pg" TO PUBLIC;',
    ])
    expect(stageStatements('drop', document)).toEqual(['DROP DATABASE "couch2pg_deprecated";'])
  })
})
