import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { connectionHandlers } from '../../../src/main/api/connection-handlers'
import type { HandlerContext } from '../../../src/main/api/context'
import { createHandlerContext } from '../../../src/main/api/create-context'
import { createEnvSessionSecretStore } from '../../../src/main/engine/connections/secret-store'
import { contract, type OpInput, type OpName } from '../../../src/shared/contract'
import type { Intent } from '../../../src/shared/intents'
import { appErrorFrom } from '../../helpers/app-error'
import { makeTempDir } from '../../helpers/project-fixtures'
import { createTestDatabase, testPostgres } from '../../support/test-postgres'
import {
  chtSyncProfile,
  chtSyncV2Shape,
  COUCH2PG_SHAPE,
  postgresProfile,
  TEST_TIMEOUTS,
} from '../engine/connections/fixtures'

/**
 * `connections.*` through the handler table's functions with inputs parsed by the contract, as
 * `dispatch` does: tests record their evidence in the project, passwords come from the input, the
 * session or the environment and never reach the project file (SEC-09), and the pools close with
 * the project.
 */
type Connections = typeof connectionHandlers
const run = <K extends OpName & keyof Connections>(op: K, input: OpInput<K>, ctx: HandlerContext) =>
  (connectionHandlers[op] as (i: unknown, c: HandlerContext) => ReturnType<Connections[K]>)(
    contract[op].input.parse(input),
    ctx,
  )

const server = testPostgres()
let couch2pgDb: Awaited<ReturnType<typeof createTestDatabase>>
let chtSyncDb: Awaited<ReturnType<typeof createTestDatabase>>
let dir: string
let cleanup: () => void
let ctx: HandlerContext

async function shaped(prefix: string, sql: string) {
  const db = await createTestDatabase(prefix)
  const client = await db.client()
  await client.query(sql).finally(() => client.end())
  return db
}

async function context(env: Record<string, string> = {}) {
  return createHandlerContext({
    face: 'browser',
    configDir: join(dir, 'config'),
    projectDir: join(dir, 'projects'),
    dialogs: null,
    acceptTypedPath: () => true,
    autosaveMs: 10,
    secrets: createEnvSessionSecretStore(env),
    connectionOptions: TEST_TIMEOUTS,
  })
}

async function openProject(c: HandlerContext, intents: Intent[]) {
  await c.project.create('Connections', join(dir, 'connections.chtmig.json'))
  await c.project.update(intents, 'Amina')
}

async function wizardSessions(database: string): Promise<number> {
  const client = await couch2pgDb.client('postgres')
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'cht-migrate'`,
      [database],
    )
    return rows[0].n
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  couch2pgDb = await shaped('h-couch2pg', COUCH2PG_SHAPE)
  chtSyncDb = await shaped('h-chtsync', chtSyncV2Shape('v1'))
})
afterAll(async () => {
  await couch2pgDb.drop()
  await chtSyncDb.drop()
})
beforeEach(async () => {
  ;({ dir, cleanup } = makeTempDir('connections'))
  ctx = await context()
})
afterEach(async () => {
  await ctx.project.close()
  await ctx.connections.closeAll()
  cleanup()
})

describe('connections.test', () => {
  it('needs an open project', async () => {
    const error = await appErrorFrom(run('connections.test', { endpoint: 'couchdb' }, ctx))
    expect(error.code).toBe('NO_PROJECT')
  })

  it('records the result as evidence, and the password never reaches the project file (SEC-09)', async () => {
    await openProject(ctx, [
      { type: 'connection.setCouch2pg', profile: postgresProfile(couch2pgDb.name) },
    ])
    const report = await run(
      'connections.test',
      { endpoint: 'couch2pg', password: server.password },
      ctx,
    )
    expect(report.ok).toBe(true)

    const result = ctx.project.state?.document.results['connection.couch2pg']
    expect(result).toMatchObject({
      checkId: 'connection.couch2pg',
      itemId: 'plan.connections',
      verdict: 'pass',
      endpoint: `postgres://${server.user}@${server.host}:${server.port}/${couch2pgDb.name}`,
      ranAt: report.testedAt,
    })
    expect(result?.measurements).toMatchObject({
      kind: 'couch2pg',
      couch2pgRelease: '3.7',
      ok: true,
      'fact:Looks like': 'couch2pg 3.7 (from its migration tables)',
    })
    expect(result?.title).toBe('Connection to the couch2pg PostgreSQL')
    expect(ctx.project.state?.dirty).toBe(true)

    await ctx.project.save()
    const file = readFileSync(join(dir, 'connections.chtmig.json'), 'utf8')
    expect(file).toContain('connection.couch2pg')
    expect(file).not.toContain(server.password)
  })

  it('uses the session password after setPassword, and records a failure with its kind', async () => {
    await openProject(ctx, [
      { type: 'connection.setChtSync', profile: chtSyncProfile(chtSyncDb.name) },
    ])
    const none = await run('connections.test', { endpoint: 'chtSync' }, ctx)
    expect(none.error?.kind).toBe('no_password')
    expect(ctx.project.state?.document.results['connection.chtSync']?.verdict).toBe('error')

    const set = await run(
      'connections.setPassword',
      { endpoint: 'chtSync', password: server.password, remember: true },
      ctx,
    )
    // Browser mode has no keychain: “remember” still keeps it for this run only.
    expect(set).toEqual({ endpoint: 'chtSync', source: 'session' })
    expect(await run('connections.passwords', {}, ctx)).toEqual({
      couchdb: 'none',
      couch2pg: 'none',
      chtSync: 'session',
      canRemember: false,
    })
    const ok = await run('connections.test', { endpoint: 'chtSync' }, ctx)
    expect(ok.detected.chtSyncEra).toBe('v2')
    await ctx.project.save()
    expect(readFileSync(join(dir, 'connections.chtmig.json'), 'utf8')).not.toContain(
      server.password,
    )

    const wrong = await run('connections.test', { endpoint: 'chtSync', password: 'wrong-one' }, ctx)
    expect(wrong.error?.kind).toBe('auth')
    const stored = ctx.project.state?.document.results['connection.chtSync']
    expect(stored).toMatchObject({ verdict: 'fail', measurements: { errorKind: 'auth' } })
    expect(stored?.summary).toMatch(/password authentication failed/)

    expect(await run('connections.forgetPassword', { endpoint: 'chtSync' }, ctx)).toEqual({
      endpoint: 'chtSync',
      source: 'none',
    })
  })

  it('takes the password from CHT_MIGRATE_CHTSYNC_PASSWORD in browser mode and the CLI', async () => {
    const withEnv = await context({ CHT_MIGRATE_CHTSYNC_PASSWORD: server.password })
    try {
      await openProject(withEnv, [
        { type: 'connection.setChtSync', profile: chtSyncProfile(chtSyncDb.name) },
      ])
      const sources = await run('connections.passwords', {}, withEnv)
      expect(sources.chtSync).toBe('environment')
      const report = await run('connections.test', { endpoint: 'chtSync' }, withEnv)
      expect(report.ok).toBe(true)
    } finally {
      await withEnv.project.close()
      await withEnv.connections.closeAll()
    }
  })

  it('refuses to keep a password for an endpoint without a profile', async () => {
    await openProject(ctx, [])
    const error = await appErrorFrom(
      run('connections.setPassword', { endpoint: 'couchdb', password: 'x', remember: false }, ctx),
    )
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.message).toMatch(/Save the CHT CouchDB connection first/)
  })

  it('closes the project’s pools when the project closes', async () => {
    await openProject(ctx, [
      { type: 'connection.setCouch2pg', profile: postgresProfile(couch2pgDb.name) },
    ])
    await run('connections.test', { endpoint: 'couch2pg', password: server.password }, ctx)
    expect(await wizardSessions(couch2pgDb.name)).toBeGreaterThan(0)
    await ctx.project.close()
    await expect.poll(() => wizardSessions(couch2pgDb.name)).toBe(0)
  })
})
