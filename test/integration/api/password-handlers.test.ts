import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { createEnvSessionSecretStore } from '../../../src/main/engine/connections/secret-store'
import type { OpName, OpOutput } from '../../../src/shared/contract'
import type { Intent } from '../../../src/shared/intents'
import { createTestContext, type TestContext } from '../../support/handler-context'
import { chtSyncProfile, postgresProfile } from '../engine/connections/fixtures'

/**
 * The passwords of `connections.*` per project (SEC-09), through `dispatch` as every face calls
 * it: a password kept in one project is not another's, even on the same server and user, and
 * Settings can forget the open project's passwords or every project's. No server is needed:
 * nothing here tests a connection.
 */
let t: TestContext

async function ok<K extends OpName>(op: K, input: unknown): Promise<OpOutput<K>> {
  const result = await call(op, input, t.ctx)
  if (!result.ok) throw new Error(`${op}: ${result.error.code} ${result.error.message}`)
  return result.value
}

const SAME_SERVER: Intent[] = [
  { type: 'connection.setCouch2pg', profile: postgresProfile('cht') },
  { type: 'connection.setChtSync', profile: chtSyncProfile('cht_sync') },
]

/** Creates a project with the same couch2pg and CHT Sync profiles as every other one here. */
async function project(name: string): Promise<string> {
  const path = join(t.dir, `${name}.chtmig.json`)
  const state = await t.ctx.project.create(name, path)
  await t.ctx.project.update(SAME_SERVER, 'Amina')
  await t.ctx.project.save()
  return state.document.id
}

async function reopen(name: string) {
  await t.ctx.project.close()
  await t.ctx.project.open(join(t.dir, `${name}.chtmig.json`))
}

const withEnv = (env: Record<string, string>) =>
  createTestContext({ secrets: createEnvSessionSecretStore(env) })

beforeEach(async () => {
  t = await withEnv({})
})
afterEach(async () => {
  await t.dispose()
})

describe('passwords per project (SEC-09)', () => {
  it('keeps a password in its own project, even on the same server and user', async () => {
    const first = await project('first')
    await ok('connections.setPassword', { endpoint: 'couch2pg', password: 'one', remember: true })
    await t.ctx.project.close()
    const second = await project('second')
    expect(second).not.toBe(first)
    expect((await ok('connections.passwords', {})).couch2pg).toBe('none')
    await ok('connections.setPassword', { endpoint: 'couch2pg', password: 'two', remember: false })
    expect((await ok('connections.passwords', {})).couch2pg).toBe('session')
    await ok('connections.forgetPassword', { endpoint: 'couch2pg' })
    await reopen('first')
    expect((await ok('connections.passwords', {})).couch2pg).toBe('session')
  })
})

describe('connections.forgetProjectPasswords', () => {
  it('needs an open project and takes no input', async () => {
    const none = await call('connections.forgetProjectPasswords', {}, t.ctx)
    expect(none.ok ? null : none.error.code).toBe('NO_PROJECT')
    await project('first')
    const extra = await call('connections.forgetProjectPasswords', { project: 'x' }, t.ctx)
    expect(extra.ok ? null : extra.error.code).toBe('BAD_REQUEST')
  })

  it('forgets the open project’s passwords and leaves the other projects’', async () => {
    await project('first')
    await ok('connections.setPassword', { endpoint: 'couch2pg', password: 'one', remember: false })
    await ok('connections.setPassword', { endpoint: 'chtSync', password: 'one', remember: false })
    await t.ctx.project.close()
    await project('second')
    await ok('connections.setPassword', { endpoint: 'chtSync', password: 'two', remember: false })

    expect(await ok('connections.forgetProjectPasswords', {})).toEqual({
      couchdb: 'none',
      couch2pg: 'none',
      chtSync: 'none',
      canRemember: false,
    })
    await reopen('first')
    expect(await ok('connections.passwords', {})).toEqual({
      couchdb: 'none',
      couch2pg: 'session',
      chtSync: 'session',
      canRemember: false,
    })
  })

  it('cannot forget an environment variable: its source stays', async () => {
    await t.dispose()
    t = await withEnv({ CHT_MIGRATE_CHTSYNC_PASSWORD: 'from-env' })
    await project('first')
    await ok('connections.setPassword', { endpoint: 'couch2pg', password: 'one', remember: false })
    const after = await ok('connections.forgetProjectPasswords', {})
    expect(after).toMatchObject({ couch2pg: 'none', chtSync: 'environment' })
  })
})

describe('connections.forgetAllPasswords', () => {
  it('forgets every project’s passwords, with or without an open project', async () => {
    await project('first')
    await ok('connections.setPassword', { endpoint: 'couch2pg', password: 'one', remember: false })
    await t.ctx.project.close()
    await project('second')
    await ok('connections.setPassword', { endpoint: 'chtSync', password: 'two', remember: false })

    const open = await ok('connections.forgetAllPasswords', {})
    expect(open.sources).toMatchObject({ couch2pg: 'none', chtSync: 'none' })
    await reopen('first')
    expect((await ok('connections.passwords', {})).couch2pg).toBe('none')

    await ok('connections.setPassword', { endpoint: 'couch2pg', password: 'one', remember: false })
    await t.ctx.project.close()
    expect(await ok('connections.forgetAllPasswords', {})).toEqual({ sources: null })
    await reopen('first')
    expect((await ok('connections.passwords', {})).couch2pg).toBe('none')
  })
})
