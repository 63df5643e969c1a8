import { describe, expect, it } from 'vitest'
import {
  createEnvSessionSecretStore,
  profileIdentity,
  secretKeyOf,
  type SecretKey,
} from '../../../../src/main/engine/connections/secret-store'
import type { EndpointId } from '../../../../src/shared/project-schema'

const couch2pg = {
  host: 'DB.example.org',
  port: 5432,
  database: 'cht',
  user: 'reader',
  ssl: 'disable' as const,
}
const chtSync = { ...couch2pg, database: 'cht_sync', schema: 'v1', table: 'couchdb' }
const idCouch2pg = profileIdentity('couch2pg', couch2pg)
const idChtSync = profileIdentity('chtSync', chtSync)
const key = (endpoint: EndpointId, identity: string, project = 'p1'): SecretKey => ({
  project,
  endpoint,
  identity,
})

describe('profileIdentity', () => {
  it('is where the login goes: endpoint, server, database and user', () => {
    expect(idCouch2pg).toBe('["couch2pg","db.example.org",5432,"cht","reader"]')
    expect(profileIdentity('couch2pg', { ...couch2pg, ssl: 'require' })).toBe(idCouch2pg)
    expect(profileIdentity('couch2pg', { ...couch2pg, user: 'other' })).not.toBe(idCouch2pg)
    // The raw table's schema and name do not change the login.
    expect(profileIdentity('chtSync', { ...chtSync, schema: 'analytics' })).toBe(idChtSync)
    expect(profileIdentity('couchdb', { url: 'https://CHT.example.org/', username: 'admin' })).toBe(
      '["couchdb","https://cht.example.org","admin"]',
    )
  })
})

describe('secretKeyOf', () => {
  it('names the project, the endpoint and the profile’s identity', () => {
    expect(secretKeyOf('p1', 'couch2pg', couch2pg)).toEqual({
      project: 'p1',
      endpoint: 'couch2pg',
      identity: idCouch2pg,
    })
  })
})

describe('createEnvSessionSecretStore (browser mode and CLI, SEC-09)', () => {
  it('reads each endpoint’s variable first, whatever the project and profile', async () => {
    const store = createEnvSessionSecretStore({
      CHT_MIGRATE_COUCH2PG_PASSWORD: 'from-env',
      CHT_MIGRATE_CHTSYNC_PASSWORD: '',
    })
    expect(store.canRemember).toBe(false)
    expect(await store.lookup(key('couch2pg', idCouch2pg))).toEqual({
      password: 'from-env',
      source: 'environment',
    })
    expect(await store.sourceOf(key('couch2pg', '', 'another project'))).toBe('environment')
    // An empty variable counts as unset.
    expect(await store.lookup(key('chtSync', idChtSync))).toBeNull()
    expect(await store.set(key('couch2pg', idCouch2pg), 'typed', true)).toBe('environment')
    expect((await store.lookup(key('couch2pg', idCouch2pg)))?.password).toBe('from-env')
    // The wizard cannot forget a variable: whoever started it set it.
    expect(await store.forget(key('couch2pg', idCouch2pg))).toBe('environment')
    await store.forgetProject('p1')
    await store.forgetAll()
    expect(await store.sourceOf(key('couch2pg', idCouch2pg))).toBe('environment')
  })

  it('keeps typed passwords in memory for the session, per profile, and forgets them', async () => {
    const store = createEnvSessionSecretStore({})
    expect(await store.sourceOf(key('chtSync', idChtSync))).toBe('none')
    expect(await store.set(key('chtSync', idChtSync), 's3cret', true)).toBe('session')
    expect(await store.lookup(key('chtSync', idChtSync))).toEqual({
      password: 's3cret',
      source: 'session',
    })
    // Another server or user never gets it.
    const elsewhere = profileIdentity('chtSync', { ...chtSync, host: 'other.example.org' })
    expect(await store.lookup(key('chtSync', elsewhere))).toBeNull()
    expect(await store.lookup(key('couch2pg', idChtSync))).toBeNull()
    expect(await store.forget(key('chtSync', idChtSync))).toBe('none')
    expect(await store.lookup(key('chtSync', idChtSync))).toBeNull()
  })

  it('keeps each project’s session passwords apart, and forgets one project or all', async () => {
    const store = createEnvSessionSecretStore({})
    await store.set(key('chtSync', idChtSync, 'p1'), 'first', false)
    await store.set(key('couch2pg', idCouch2pg, 'p1'), 'first-pg', false)
    // The same server and user in another project: its own password.
    expect(await store.lookup(key('chtSync', idChtSync, 'p2'))).toBeNull()
    await store.set(key('chtSync', idChtSync, 'p2'), 'second', false)
    expect((await store.lookup(key('chtSync', idChtSync, 'p1')))?.password).toBe('first')
    expect((await store.lookup(key('chtSync', idChtSync, 'p2')))?.password).toBe('second')

    await store.forget(key('chtSync', idChtSync, 'p1'))
    expect(await store.sourceOf(key('chtSync', idChtSync, 'p2'))).toBe('session')

    await store.forgetProject('p1')
    expect(await store.sourceOf(key('couch2pg', idCouch2pg, 'p1'))).toBe('none')
    expect(await store.sourceOf(key('chtSync', idChtSync, 'p2'))).toBe('session')

    await store.set(key('couch2pg', idCouch2pg, 'p3'), 'third', false)
    await store.forgetAll()
    expect(await store.sourceOf(key('chtSync', idChtSync, 'p2'))).toBe('none')
    expect(await store.sourceOf(key('couch2pg', idCouch2pg, 'p3'))).toBe('none')
  })

  it('reads process.env by default', async () => {
    const store = createEnvSessionSecretStore()
    const expected = process.env.CHT_MIGRATE_COUCHDB_PASSWORD ? 'environment' : 'none'
    expect(await store.sourceOf(key('couchdb', 'x'))).toBe(expected)
  })
})
