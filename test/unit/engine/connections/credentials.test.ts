import { describe, expect, it } from 'vitest'
import { passwordFor } from '../../../../src/main/engine/connections/credentials'
import {
  createEnvSessionSecretStore,
  profileIdentity,
} from '../../../../src/main/engine/connections/secret-store'

/** Where a test's password comes from: typed, else the secret store for this profile, else none. */
const profile = {
  host: 'db.example.org',
  port: 5432,
  database: 'cht',
  user: 'reader',
  ssl: 'disable' as const,
}

describe('passwordFor', () => {
  it('prefers the typed password, then the store’s for this profile, then none', async () => {
    const secrets = createEnvSessionSecretStore({})
    expect(await passwordFor('couch2pg', profile, {})).toBeNull()
    expect(await passwordFor('couch2pg', profile, { secrets })).toBeNull()
    await secrets.set('couch2pg', profileIdentity('couch2pg', profile), 'kept', false)
    expect(await passwordFor('couch2pg', profile, { secrets })).toBe('kept')
    expect(await passwordFor('couch2pg', profile, { secrets, typed: 'typed' })).toBe('typed')
    // An empty typed password is no password: the store's is used.
    expect(await passwordFor('couch2pg', profile, { secrets, typed: '' })).toBe('kept')
  })

  it('never hands a password kept for one server to another', async () => {
    const secrets = createEnvSessionSecretStore({})
    await secrets.set('couch2pg', profileIdentity('couch2pg', profile), 'kept', false)
    const elsewhere = { ...profile, host: 'other.example.org' }
    expect(await passwordFor('couch2pg', elsewhere, { secrets })).toBeNull()
    expect(
      await passwordFor('chtSync', { ...profile, schema: 'v1', table: 'couchdb' }, { secrets }),
    ).toBeNull()
  })

  it('reads the environment through the store', async () => {
    const secrets = createEnvSessionSecretStore({ CHT_MIGRATE_COUCH2PG_PASSWORD: 'from-env' })
    expect(await passwordFor('couch2pg', profile, { secrets })).toBe('from-env')
  })
})
