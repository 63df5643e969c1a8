import { describe, expect, it } from 'vitest'
import { passwordFor, projectSecrets } from '../../../../src/main/engine/connections/credentials'
import {
  createEnvSessionSecretStore,
  secretKeyOf,
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
  it('prefers the typed password, then the store’s for this project and profile, then none', async () => {
    const store = createEnvSessionSecretStore({})
    const secrets = { store, project: 'project-a' }
    expect(await passwordFor('couch2pg', profile, {})).toBeNull()
    expect(await passwordFor('couch2pg', profile, { secrets })).toBeNull()
    await store.set(secretKeyOf('project-a', 'couch2pg', profile), 'kept', false)
    expect(await passwordFor('couch2pg', profile, { secrets })).toBe('kept')
    expect(await passwordFor('couch2pg', profile, { secrets, typed: 'typed' })).toBe('typed')
    // An empty typed password is no password: the store's is used.
    expect(await passwordFor('couch2pg', profile, { secrets, typed: '' })).toBe('kept')
    // Without a project nothing kept is read.
    expect(await passwordFor('couch2pg', profile, { secrets: null })).toBeNull()
  })

  it('never hands a password kept for one server, or one project, to another', async () => {
    const store = createEnvSessionSecretStore({})
    const secrets = { store, project: 'project-a' }
    await store.set(secretKeyOf('project-a', 'couch2pg', profile), 'kept', false)
    const elsewhere = { ...profile, host: 'other.example.org' }
    expect(await passwordFor('couch2pg', elsewhere, { secrets })).toBeNull()
    expect(
      await passwordFor('chtSync', { ...profile, schema: 'v1', table: 'couchdb' }, { secrets }),
    ).toBeNull()
    const otherProject = { store, project: 'project-b' }
    expect(await passwordFor('couch2pg', profile, { secrets: otherProject })).toBeNull()
  })

  it('reads the environment through the store', async () => {
    const store = createEnvSessionSecretStore({ CHT_MIGRATE_COUCH2PG_PASSWORD: 'from-env' })
    const secrets = { store, project: 'project-a' }
    expect(await passwordFor('couch2pg', profile, { secrets })).toBe('from-env')
  })
})

describe('projectSecrets', () => {
  it('pairs the store with the open project’s id, and is null without a project', () => {
    const secrets = createEnvSessionSecretStore({})
    const open = { state: { document: { id: 'project-a' } } }
    expect(projectSecrets({ secrets, project: open })).toEqual({
      store: secrets,
      project: 'project-a',
    })
    expect(projectSecrets({ secrets, project: { state: null } })).toBeNull()
  })
})
