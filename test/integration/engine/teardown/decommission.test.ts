import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../../../../src/main/api/dispatch'
import { executeDepsOf } from '../../../../src/main/engine/teardown/execute/engine-deps'
import { executeStage } from '../../../../src/main/engine/teardown/execute/execute-stage'
import { TEARDOWN_APPLICATION_NAME } from '../../../../src/main/engine/teardown/execute/session'
import type {
  BeforeStatement,
  ExecuteInput,
} from '../../../../src/main/engine/teardown/execute/types'
import { findPgTools } from '../../../../src/main/engine/teardown/pg-tools'
import type { Intent } from '../../../../src/shared/intents'
import type { PostgresProfile } from '../../../../src/shared/project-schema'
import { decommissionPlan } from '../../../../src/shared/teardown/decommission-plan'
import {
  debianPostgresUnavailable,
  startDebianPostgres,
  type DebianPostgres,
} from '../../../support/debian-postgres'
import { loadDemoDatabases } from '../../../support/demo-couch2pg'
import { createTestContext, type TestContext } from '../../../support/handler-context'
import {
  adminQuery,
  connectsAs,
  databaseContents,
  databasesLike,
  restoreDump,
  serverState,
  superuserClient,
  terminateSessions,
} from '../../../support/pg-compare'

const unavailable = debianPostgresUnavailable()
const DAY = 86_400_000
const DB = 'couch2pg'
const DEPRECATED = 'couch2pg_deprecated'
const RESTORED = 'couch2pg_restored'
const DASHBOARD = { user: 'dashboard', password: 'dashboard-pw-7c1' }

/**
 * The staged decommission of the demo's couch2pg database on a PostgreSQL 15 server (Debian's,
 * since the backup needs pg_dump of at least the server's major): backup, dry run, refusals,
 * revoke-rename, restore-rename, the backup restored and compared, the drop after the grace
 * period, and the rest of the server untouched. The tests run in order on one server.
 */
describe.skipIf(unavailable !== null)('the decommission of the demo’s couch2pg database', () => {
  let server: DebianPostgres
  let t: TestContext
  let dir: string
  let before: Awaited<ReturnType<typeof serverState>>
  let dashboardId: string
  const credential = () => ({ user: server.user, password: server.password })
  const update = async (intents: Intent[]) => {
    const done = await call('project.update', { intents }, t.ctx)
    if (!done.ok) throw new Error(done.error.message)
  }
  const stage = (
    input: Partial<ExecuteInput> & Pick<ExecuteInput, 'stage'>,
    options: { now?: Date; beforeStatement?: BeforeStatement } = {},
  ) =>
    executeStage(
      {
        ...executeDepsOf(t.ctx),
        ...(options.now ? { now: () => options.now! } : {}),
        ...(options.beforeStatement ? { beforeStatement: options.beforeStatement } : {}),
      },
      { dryRun: false, confirmName: DB, credential: credential(), by: 'amina', ...input },
    )
  const databases = () => databasesLike(server, DB)
  const dashboardConnects = (database: string) => connectsAs(server, DASHBOARD, database)

  beforeAll(async () => {
    server = await startDebianPostgres()
    const demo = await loadDemoDatabases(server, { docs: 2_000 })
    const admin = await superuserClient(server, DB)
    try {
      await admin.query(
        `CREATE ROLE ${DASHBOARD.user} LOGIN PASSWORD ${pg.escapeLiteral(DASHBOARD.password)}`,
      )
      await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${DASHBOARD.user}`)
      // A grant by name, as dashboards' read-only roles often have: revoking PUBLIC's is not enough.
      await admin.query(`GRANT CONNECT ON DATABASE ${DB} TO ${DASHBOARD.user}`)
    } finally {
      await admin.end()
    }
    dir = await mkdtemp(join(tmpdir(), 'cht-migrate-decommission-'))
    t = await createTestContext()
    // The override and the executions carry the person's name: nothing is stamped until one is set.
    await call('app.setPreferences', { userName: 'amina' }, t.ctx)
    await call('project.new', { name: 'Decommission' }, t.ctx)
    const profile: PostgresProfile = {
      host: server.host,
      port: server.port,
      database: DB,
      user: demo.couch2pg.user,
      ssl: 'disable',
    }
    await update([{ type: 'connection.setCouch2pg', profile }])
    await call(
      'connections.setPassword',
      { endpoint: 'couch2pg', password: demo.couch2pg.password, remember: false },
      t.ctx,
    )
    const started = await call('teardown.backup', { dir }, t.ctx)
    if (!started.ok) throw new Error(started.error.message)
    const backedUp = await t.ctx.jobs.wait(started.value.jobId)
    if (!backedUp.ok) throw new Error(backedUp.error.message)
    await update([
      { type: 'teardown.set', deployment: 'compose', graceDays: 30 },
      { type: 'teardown.setDashboard', name: 'ANC overview', switched: true },
      { type: 'teardown.override', reason: 'Parity and monitoring are judged outside the wizard.' },
    ])
    dashboardId = t.ctx.project.state!.document.teardown.dashboards[0]!.id
    before = await serverState(server, [DB, DEPRECATED, RESTORED])
  }, 90_000)

  afterAll(async () => {
    await t?.dispose()
    await server?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const teardown = () => t.ctx.project.state!.document.teardown

  it('has a verified backup and the gates covered by the override', () => {
    expect(teardown().backup).toMatchObject({ database: DB, origin: 'made' })
    expect(teardown().override?.gates).not.toContain('backup')
    expect(teardown().override?.gates).not.toContain('dashboards')
    // What "nothing else changed" is judged on: the other databases, with rows in cht_sync.
    expect(Object.keys(before.tables)).toEqual(['cht_sync', 'postgres', 'template1'])
    expect(before.tables.cht_sync!['v1.couchdb']).toBeGreaterThan(100)
    expect(before.roles.length).toBeGreaterThan(3)
  })

  it('through the API, a dry run checks the server and changes nothing', async () => {
    const result = await call(
      'teardown.execute',
      { stage: 'revoke-rename', dryRun: true, confirmName: DB, credential: credential() },
      t.ctx,
    )
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.outcome).toBe('dry-run')
    expect(result.value.statements.map((s) => s.outcome)).toEqual(Array(4).fill('dry-run'))
    // PUBLIC's CONNECT and the dashboard role's own grant, both revoked by name.
    expect(result.value.statements[1]!.statement).toBe(
      `REVOKE CONNECT ON DATABASE "${DB}" FROM "${DASHBOARD.user}";`,
    )
    expect(result.value.message).toContain("the server's state and the role's rights allow")
    expect(await databases()).toEqual([DB])
    expect(await dashboardConnects(DB)).toBe(true)
    const fact = teardown().audit.find((a) => a.statement.startsWith('-- sessions'))
    expect(fact?.message).toMatch(/^Connected as postgres \(superuser\): /)
  })

  it('through the API, a wrong typed name is refused and recorded', async () => {
    const result = await call(
      'teardown.execute',
      { stage: 'revoke-rename', dryRun: false, confirmName: 'couch2pg ', credential: credential() },
      t.ctx,
    )
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.outcome).toBe('refused')
    expect(teardown().executions.at(-1)).toMatchObject({
      stage: 'revoke-rename',
      outcome: 'refused',
      by: t.ctx.prefs.get().userName,
    })
    expect(teardown().executions.at(-1)!.message).toContain('“couch2pg ”')
    expect(await databases()).toEqual([DB])
  })

  it('lists the stop stage as host commands for the deployment (the demo runs no couch2pg)', () => {
    const stop = decommissionPlan({ database: DB, deployment: 'compose', graceDays: 30 })[0]!
    expect(stop).toMatchObject({ id: 'stop', kind: 'command', runsOn: 'host' })
    expect(stop.statements).toEqual([
      'docker compose stop couch2pg',
      'docker compose rm -f couch2pg',
    ])
    expect(stop.restore.statements).toEqual(['docker compose up -d couch2pg'])
  })

  it('stops when a gate flips between statements, the rest skipped and recorded', async () => {
    const result = await stage(
      { stage: 'revoke-rename' },
      {
        beforeStatement: async ({ index }) => {
          if (index !== 1) return
          await update([
            {
              type: 'teardown.setDashboard',
              id: dashboardId,
              name: 'ANC overview',
              switched: false,
            },
          ])
        },
      },
    )
    expect(result.outcome).toBe('stopped')
    expect(result.statements.map((s) => s.outcome)).toEqual(['ok', 'skipped', 'skipped', 'skipped'])
    expect(result.message).toContain('Dashboards switched to the new models')
    expect(
      teardown()
        .audit.slice(-4)
        .map((a) => a.outcome),
    ).toEqual(['ok', 'skipped', 'skipped', 'skipped'])
    expect(await databases()).toEqual([DB])
    await update([
      { type: 'teardown.setDashboard', id: dashboardId, name: 'ANC overview', switched: true },
    ])
  })

  it('stops safely when its connection is ended between statements; a rerun completes', async () => {
    // An inspection pool on the couch2pg database, which the stage closes before ending sessions.
    const snapshot = await call('teardown.snapshot', {}, t.ctx)
    expect(snapshot.ok).toBe(true)
    const result = await stage(
      { stage: 'revoke-rename' },
      {
        beforeStatement: async ({ index }) => {
          if (index === 3) await terminateSessions(server, TEARDOWN_APPLICATION_NAME)
        },
      },
    )
    expect(result.outcome).toBe('stopped')
    expect(result.statements.map((s) => s.outcome)).toEqual(['ok', 'ok', 'ok', 'skipped'])
    expect(result.message).toMatch(/^The connection to the server was lost before this statement/)
    expect(result.message).toContain('Run revoke-rename again')
    expect(teardown().executions.at(-1)).toMatchObject({ outcome: 'stopped' })
    // The sessions on the database, recorded before the stage ended them: the snapshot's pool.
    expect(teardown().audit.at(-5)).toMatchObject({
      statement: `-- sessions connected to "${DB}" (pg_stat_activity)`,
      outcome: 'ok',
    })
    expect(teardown().audit.at(-5)!.message).toContain('couch2pg (cht-migrate) ×1')
    expect(await databases()).toEqual([DB])

    const rerun = await stage({ stage: 'revoke-rename' })
    expect(rerun.outcome).toBe('done')
    expect(rerun.statements.map((s) => [s.outcome, s.message])).toEqual([
      ['ok', 'REVOKE succeeded'],
      ['ok', 'REVOKE succeeded'],
      // The engine's inspection pools were closed by the first run: no session is left to end.
      ['ok', 'SELECT succeeded (0 rows)'],
      ['ok', 'ALTER DATABASE succeeded'],
    ])
    expect(await databases()).toEqual([DEPRECATED])
    expect(await dashboardConnects(DB)).toBe('3D000')
    expect(await dashboardConnects(DEPRECATED)).toBe('42501')
  })

  it('restore-rename brings the database back; revoke-rename again renames it', async () => {
    const restored = await stage({ stage: 'restore-rename' })
    expect(restored.outcome).toBe('done')
    expect(await databases()).toEqual([DB])
    expect(await dashboardConnects(DB)).toBe(true)
    const again = await stage({ stage: 'revoke-rename' })
    expect(again.outcome).toBe('done')
    expect(await databases()).toEqual([DEPRECATED])
    expect(await dashboardConnects(DEPRECATED)).toBe('42501')
  })

  it('the recorded backup restores to the same tables, rows, views and functions', async () => {
    const tools = await findPgTools({ serverMajor: 15 })
    await restoreDump(server, tools.pgRestore.path, teardown().backup!.path, RESTORED)
    const [original, copy] = await Promise.all([
      databaseContents(server, DEPRECATED),
      databaseContents(server, RESTORED),
    ])
    expect(Object.keys(original.rows).length).toBeGreaterThan(5)
    expect(original.rows['public.couchdb']!.count).toBeGreaterThan(100)
    expect(original.views.length).toBeGreaterThan(3)
    expect(original.functions.length).toBeGreaterThan(0)
    expect(copy).toEqual(original)
    await adminQuery(server, `DROP DATABASE ${RESTORED}`)
  })

  it('drops only after the grace period, then nothing else on the server changed', async () => {
    const early = await stage({ stage: 'drop' })
    expect(early.outcome).toBe('refused')
    expect(early.message).toContain('The grace period of 30 days')
    expect(await databases()).toEqual([DEPRECATED])

    const later = new Date(Date.now() + 31 * DAY)
    const dropped = await stage({ stage: 'drop' }, { now: later })
    expect(dropped.outcome).toBe('done')
    expect(dropped.statements).toEqual([
      {
        statement: `DROP DATABASE "${DEPRECATED}";`,
        outcome: 'ok',
        message: 'DROP DATABASE succeeded',
      },
    ])
    expect(await databases()).toEqual([])
    expect(await serverState(server, [DB, DEPRECATED, RESTORED])).toEqual(before)

    const outcomes = teardown().executions.map((e) => `${e.stage}:${e.outcome}`)
    expect(outcomes).toEqual([
      'revoke-rename:dry-run',
      'revoke-rename:refused',
      'revoke-rename:stopped',
      'revoke-rename:stopped',
      'revoke-rename:done',
      'restore-rename:done',
      'revoke-rename:done',
      'drop:refused',
      'drop:done',
    ])
    expect(JSON.stringify(t.ctx.project.state!.document)).not.toContain(server.password)
  })
})
