import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { connectionHandlers } from '../../../src/main/api/connection-handlers'
import type { HandlerContext } from '../../../src/main/api/context'
import { createEnvSessionSecretStore } from '../../../src/main/engine/connections/secret-store'
import { contract, type OpInput, type OpName } from '../../../src/shared/contract'
import type { Intent } from '../../../src/shared/intents'
import type { ChtSyncFacts, Couch2pgFacts } from '../../../src/shared/results/connection-result'
import { appErrorFrom } from '../../support/app-error'
import { detailsOf, expectConnected, expectFailure } from '../../support/connection-results'
import { createTestContext, type TestContext } from '../../support/handler-context'
import { createTestDatabase, testPostgres } from '../../support/test-postgres'
import {
  chtSyncProfile,
  chtSyncV2Shape,
  COUCH2PG_SHAPE,
  couchProfile,
  couchServer,
  postgresProfile,
  silentServer,
  TEST_TIMEOUTS,
} from '../engine/connections/fixtures'

/**
 * `connections.*` through the handler table's functions with inputs parsed by the contract, as
 * `dispatch` does: a test's typed result is recorded in the project and returned as stored,
 * passwords come from the input, the session or the environment and never reach the project file
 * (SEC-09), and the pools close with the project.
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
let t: TestContext
let ctx: HandlerContext

async function shaped(prefix: string, sql: string) {
  const db = await createTestDatabase(prefix)
  const client = await db.client()
  await client.query(sql).finally(() => client.end())
  return db
}

const context = (env: Record<string, string> = {}) =>
  createTestContext({
    secrets: createEnvSessionSecretStore(env),
    connectionOptions: TEST_TIMEOUTS,
  })

async function openProject(c: TestContext, intents: Intent[]) {
  await c.ctx.project.create('Connections', join(c.dir, 'connections.chtmig.json'))
  if (intents.length > 0) await c.ctx.project.update(intents, 'Amina')
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
  t = await context()
  ctx = t.ctx
})
afterEach(async () => {
  await t.dispose()
})

describe('connections.test', () => {
  it('needs an open project', async () => {
    const error = await appErrorFrom(run('connections.test', { endpoint: 'couchdb' }, ctx))
    expect(error.code).toBe('NO_PROJECT')
  })

  it('records the typed result as evidence, returns it as stored, and keeps the password out (SEC-09)', async () => {
    await openProject(t, [
      { type: 'connection.setCouch2pg', profile: postgresProfile(couch2pgDb.name) },
    ])
    const result = await run(
      'connections.test',
      { endpoint: 'couch2pg', password: server.password },
      ctx,
    )
    expectConnected(result)
    const stored = ctx.project.state?.document.results['connection.couch2pg']
    expect(stored).toEqual(result)
    expect(result).toMatchObject({
      id: 'connection.couch2pg',
      itemId: 'plan.connections',
      title: 'Connection to the couch2pg PostgreSQL',
      verdict: 'pass',
      partial: null,
      history: [],
      endpoints: [
        {
          endpoint: 'couch2pg',
          target: `postgres://${server.user}@${server.host}:${server.port}/${couch2pgDb.name}`,
        },
      ],
    })
    expect((detailsOf(result).facts as Couch2pgFacts).release).toBe('3.7')
    expect(ctx.project.state?.dirty).toBe(true)

    // A second test keeps the first in the history.
    const again = await run(
      'connections.test',
      { endpoint: 'couch2pg', password: server.password },
      ctx,
    )
    expect(again.history).toHaveLength(1)
    expect(again.history[0]).toMatchObject({ ranAt: result.ranAt, verdict: 'pass' })

    await ctx.project.save()
    const file = readFileSync(join(t.dir, 'connections.chtmig.json'), 'utf8')
    expect(file).toContain('connection.couch2pg')
    expect(file).not.toContain(server.password)
  })

  it('uses the session password after setPassword, and records a failure with its kind', async () => {
    await openProject(t, [
      { type: 'connection.setChtSync', profile: chtSyncProfile(chtSyncDb.name) },
    ])
    // No password anywhere: tried without one, and the server asks for it.
    const none = await run('connections.test', { endpoint: 'chtSync' }, ctx)
    expectFailure(none, 'no_password')
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
    expect((expectConnected(ok).facts as ChtSyncFacts).era).toBe('v2')
    await ctx.project.save()
    expect(readFileSync(join(t.dir, 'connections.chtmig.json'), 'utf8')).not.toContain(
      server.password,
    )

    const wrong = await run('connections.test', { endpoint: 'chtSync', password: 'wrong-one' }, ctx)
    expectFailure(wrong, 'auth')
    const stored = ctx.project.state?.document.results['connection.chtSync']
    expect(stored?.verdict).toBe('fail')
    expect(stored?.summary).toMatch(/password authentication failed/)
    expect(JSON.stringify(stored)).not.toContain('wrong-one')

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
      const sources = await run('connections.passwords', {}, withEnv.ctx)
      expect(sources.chtSync).toBe('environment')
      expectConnected(await run('connections.test', { endpoint: 'chtSync' }, withEnv.ctx))
    } finally {
      await withEnv.dispose()
    }
  })

  it('does not record into a project that was replaced while the test ran', async () => {
    const silent = await silentServer()
    try {
      await openProject(t, [
        {
          type: 'connection.setCouch2pg',
          profile: postgresProfile(couch2pgDb.name, { host: '127.0.0.1', port: silent.port }),
        },
      ])
      const testing = run('connections.test', { endpoint: 'couch2pg', password: 'x' }, ctx)
      await ctx.project.close()
      await ctx.project.create('Another', join(t.dir, 'another.chtmig.json'))
      const result = await testing
      expectFailure(result, 'timeout')
      expect(result.history).toEqual([])
      expect(ctx.project.state?.document.name).toBe('Another')
      expect(ctx.project.state?.document.results['connection.couch2pg']).toBeUndefined()
    } finally {
      await silent.close()
    }
  })

  it('refuses to keep a password for an endpoint without a profile', async () => {
    await openProject(t, [])
    const error = await appErrorFrom(
      run('connections.setPassword', { endpoint: 'couchdb', password: 'x', remember: false }, ctx),
    )
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.message).toMatch(/Save the CHT CouchDB connection first/)
  })

  it('reads a PostgreSQL result against the project’s latest CouchDB and couch2pg facts', async () => {
    // CHT Sync copies medic only; couch2pg (COUCH2PG_SHAPE) copies medic and medic-sentinel.
    const onlyMedic = await shaped(
      'h-chtsync-medic',
      `${chtSyncV2Shape('v1')}
       DELETE FROM v1.couchdb_progress WHERE source LIKE '%/medic-sentinel';
       DELETE FROM v1.dbt_results WHERE status = 'error';`,
    )
    const couch = await couchServer()
    try {
      await openProject(t, [
        { type: 'connection.setCouchdb', profile: couchProfile(couch.url) },
        { type: 'connection.setCouch2pg', profile: postgresProfile(couch2pgDb.name) },
        { type: 'connection.setChtSync', profile: chtSyncProfile(onlyMedic.name) },
      ])
      // Alone, CHT Sync's own facts show nothing wrong.
      const alone = await run(
        'connections.test',
        { endpoint: 'chtSync', password: server.password },
        ctx,
      )
      expect(alone.verdict).toBe('pass')
      // Tested together, CouchDB first, as the Connections page does.
      await run('connections.test', { endpoint: 'couchdb', password: couch.adminPassword }, ctx)
      await run('connections.test', { endpoint: 'couch2pg', password: server.password }, ctx)
      const read = await run(
        'connections.test',
        { endpoint: 'chtSync', password: server.password },
        ctx,
      )
      expect(read.verdict).toBe('warn')
      expect(read.summary).toContain(
        'Warning: couch2pg copies medic-sentinel but CHT Sync does not: add medic-sentinel to COUCHDB_DBS',
      )
      expect(ctx.project.state?.document.results['connection.chtSync']?.summary).toBe(read.summary)
    } finally {
      await couch.cleanup()
      await onlyMedic.drop()
    }
  })

  it('closes the project’s pools when the project closes', async () => {
    await openProject(t, [
      { type: 'connection.setCouch2pg', profile: postgresProfile(couch2pgDb.name) },
    ])
    await run('connections.test', { endpoint: 'couch2pg', password: server.password }, ctx)
    expect(await wizardSessions(couch2pgDb.name)).toBeGreaterThan(0)
    await ctx.project.close()
    await expect.poll(() => wizardSessions(couch2pgDb.name)).toBe(0)
  })
})
