import { describe, expect, it } from 'vitest'
import {
  createEnvSessionSecretStore,
  profileIdentity,
} from '../../../../src/main/engine/connections/secret-store'

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

describe('createEnvSessionSecretStore (browser mode and CLI, SEC-09)', () => {
  it('reads each endpoint’s variable first, whatever the profile', async () => {
    const store = createEnvSessionSecretStore({
      CHT_MIGRATE_COUCH2PG_PASSWORD: 'from-env',
      CHT_MIGRATE_CHTSYNC_PASSWORD: '',
    })
    expect(store.canRemember).toBe(false)
    expect(await store.lookup('couch2pg', idCouch2pg)).toEqual({
      password: 'from-env',
      source: 'environment',
    })
    expect(await store.sourceOf('couch2pg', '')).toBe('environment')
    // An empty variable counts as unset.
    expect(await store.lookup('chtSync', idChtSync)).toBeNull()
    expect(await store.set('couch2pg', idCouch2pg, 'typed', true)).toBe('environment')
    expect((await store.lookup('couch2pg', idCouch2pg))?.password).toBe('from-env')
    expect(await store.forget('couch2pg', idCouch2pg)).toBe('environment')
  })

  it('keeps typed passwords in memory for the session, per profile, and forgets them', async () => {
    const store = createEnvSessionSecretStore({})
    expect(await store.sourceOf('chtSync', idChtSync)).toBe('none')
    expect(await store.set('chtSync', idChtSync, 's3cret', true)).toBe('session')
    expect(await store.lookup('chtSync', idChtSync)).toEqual({
      password: 's3cret',
      source: 'session',
    })
    // Another server or user never gets it.
    const elsewhere = profileIdentity('chtSync', { ...chtSync, host: 'other.example.org' })
    expect(await store.lookup('chtSync', elsewhere)).toBeNull()
    expect(await store.lookup('couch2pg', idChtSync)).toBeNull()
    expect(await store.forget('chtSync', idChtSync)).toBe('none')
    expect(await store.lookup('chtSync', idChtSync)).toBeNull()
  })

  it('reads process.env by default', async () => {
    const store = createEnvSessionSecretStore()
    const expected = process.env.CHT_MIGRATE_COUCHDB_PASSWORD ? 'environment' : 'none'
    expect(await store.sourceOf('couchdb', 'x')).toBe(expected)
  })
})
