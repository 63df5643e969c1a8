import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// A stand-in for Electron's safeStorage: "encryption" that visibly changes the text, so a test can
// tell that only ciphertext reaches the file.
const safeStorage = vi.hoisted(() => ({
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  encryptString: vi.fn((plain: string) => Buffer.from(`enc:${[...plain].reverse().join('')}`)),
  decryptString: vi.fn((blob: Buffer) => {
    const text = blob.toString()
    if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext')
    return [...text.slice(4)].reverse().join('')
  }),
}))
vi.mock('electron', () => ({ safeStorage }))

import {
  createKeychainSecretStore,
  keychainUsable,
  SECRETS_FILE,
} from '../../../src/main/electron/keychain-secret-store'
import { profileIdentity } from '../../../src/main/engine/connections/secret-store'
import { makeTempDir } from '../../support/project-fixtures'

const PASSWORD = 'Keychain-Pa55word'
const profile = { url: 'https://cht.example.org', username: 'admin' }
const identity = profileIdentity('couchdb', profile)
const pgIdentity = profileIdentity('couch2pg', {
  host: 'db.example.org',
  port: 5432,
  database: 'cht',
  user: 'reader',
  ssl: 'disable',
})
const PROJECT_A = '3f1c0d6e-0000-4000-8000-00000000000a'
const PROJECT_B = '3f1c0d6e-0000-4000-8000-00000000000b'
const keyA = { project: PROJECT_A, endpoint: 'couchdb' as const, identity }
const keyB = { ...keyA, project: PROJECT_B }
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
/** The hash of an entry: the endpoint and identity, as version 1 keyed it too. */
const HASH = sha256(`couchdb\u0000${identity}`)
let dir: string
let cleanup: () => void
const log = vi.fn()

beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('keychain'))
  safeStorage.isEncryptionAvailable.mockReturnValue(true)
  safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret')
  log.mockClear()
  safeStorage.encryptString.mockClear()
})
afterEach(() => cleanup())

const fileText = () => readFileSync(join(dir, SECRETS_FILE), 'utf8')
const encrypted = (plain: string) => safeStorage.encryptString(plain).toString('base64')
/** A secrets file as version 1 wrote it: entries keyed without the project. */
const writeLegacy = (entries: Record<string, string>) =>
  writeFileSync(
    join(dir, SECRETS_FILE),
    JSON.stringify({ format: 'cht-migrate-secrets', version: 1, entries }),
  )

describe('keychainUsable (SEC-09)', () => {
  it('refuses Linux’s basic_text and unknown backends, and unavailable encryption', () => {
    expect(keychainUsable('linux')).toBe(true)
    safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text')
    expect(keychainUsable('linux')).toBe(false)
    expect(keychainUsable('darwin')).toBe(true)
    safeStorage.getSelectedStorageBackend.mockReturnValue('unknown')
    expect(keychainUsable('linux')).toBe(false)
    safeStorage.isEncryptionAvailable.mockReturnValue(false)
    expect(keychainUsable('darwin')).toBe(false)
  })
})

describe('createKeychainSecretStore (SEC-09)', () => {
  it('remembers an encrypted password per project, keyed by hashes, across runs', async () => {
    const store = createKeychainSecretStore({ dir, platform: 'linux', log })
    expect(store.canRemember).toBe(true)
    expect(await store.set(keyA, PASSWORD, true)).toBe('keychain')
    const text = fileText()
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain('cht.example.org')
    expect(text).not.toContain(PROJECT_A)
    const file = JSON.parse(text)
    expect(file).toMatchObject({ format: 'cht-migrate-secrets', version: 2, legacy: {} })
    expect(Object.keys(file.projects)).toEqual([sha256(PROJECT_A)])
    expect(Object.keys(file.projects[sha256(PROJECT_A)])).toEqual([HASH])

    const nextRun = createKeychainSecretStore({ dir, platform: 'linux', log })
    expect(await nextRun.lookup(keyA)).toEqual({ password: PASSWORD, source: 'keychain' })
    expect(await nextRun.sourceOf(keyA)).toBe('keychain')
    const otherUser = profileIdentity('couchdb', { ...profile, username: 'x' })
    expect(await nextRun.lookup({ ...keyA, identity: otherUser })).toBeNull()
    expect(await nextRun.forget(keyA)).toBe('none')
    expect(JSON.parse(fileText()).projects).toEqual({})
  })

  it('keeps two projects on the same server apart: forgetting in one leaves the other', async () => {
    const store = createKeychainSecretStore({ dir, platform: 'darwin', log })
    await store.set(keyA, PASSWORD, true)
    expect(await store.lookup(keyB)).toBeNull()
    await store.set(keyB, 'Other-Pa55word', true)
    await store.set({ ...keyA, endpoint: 'couch2pg', identity: pgIdentity }, 'pg-one', true)
    expect((await store.lookup(keyA))?.password).toBe(PASSWORD)
    expect((await store.lookup(keyB))?.password).toBe('Other-Pa55word')

    await store.forget(keyA)
    expect(await store.sourceOf(keyB)).toBe('keychain')
    await store.set(keyA, PASSWORD, true)
    // An identity the project no longer uses goes with the project too.
    await store.set(
      { ...keyA, identity: profileIdentity('couchdb', { ...profile, username: 'old' }) },
      'x',
      true,
    )
    await store.forgetProject(PROJECT_A)
    const nextRun = createKeychainSecretStore({ dir, platform: 'darwin', log })
    expect(await nextRun.sourceOf(keyA)).toBe('none')
    expect(await nextRun.sourceOf({ ...keyA, endpoint: 'couch2pg', identity: pgIdentity })).toBe(
      'none',
    )
    expect((await nextRun.lookup(keyB))?.password).toBe('Other-Pa55word')
    expect(Object.keys(JSON.parse(fileText()).projects)).toEqual([sha256(PROJECT_B)])
  })

  it('forgets the session passwords of a project and of all projects too', async () => {
    const store = createKeychainSecretStore({ dir, platform: 'darwin', log })
    await store.set(keyA, 'typed-a', false)
    await store.set(keyB, 'typed-b', false)
    await store.forgetProject(PROJECT_A)
    expect(await store.sourceOf(keyA)).toBe('none')
    expect(await store.sourceOf(keyB)).toBe('session')
    await store.forgetAll()
    expect(await store.sourceOf(keyB)).toBe('none')
  })

  it('forgets every project’s passwords at once: the whole file goes', async () => {
    const store = createKeychainSecretStore({ dir, platform: 'darwin', log })
    await store.set(keyA, PASSWORD, true)
    await store.set(keyB, 'Other-Pa55word', true)
    writeLegacy({ [HASH]: encrypted('legacy') })
    await store.forgetAll()
    expect(existsSync(join(dir, SECRETS_FILE))).toBe(false)
    expect(await store.lookup(keyA)).toBeNull()
    expect(await store.lookup(keyB)).toBeNull()
    // Nothing to forget is no error.
    await store.forgetAll()
  })

  it('moves a version 1 entry under the first project that uses it, and only that one', async () => {
    const untouched = 'f'.repeat(64)
    writeLegacy({ [HASH]: encrypted(PASSWORD), [untouched]: encrypted('someone else') })
    const store = createKeychainSecretStore({ dir, platform: 'darwin', log })
    expect(await store.sourceOf(keyA)).toBe('keychain')
    const file = JSON.parse(fileText())
    expect(file.version).toBe(2)
    expect(Object.keys(file.legacy)).toEqual([untouched])
    expect(Object.keys(file.projects[sha256(PROJECT_A)])).toEqual([HASH])
    expect(await store.lookup(keyA)).toEqual({ password: PASSWORD, source: 'keychain' })
    // Another project on the same server and user is asked again.
    expect(await store.lookup(keyB)).toBeNull()
    // Forgetting in the first project leaves no copy behind for the second.
    await store.forget(keyA)
    expect(await store.lookup(keyB)).toBeNull()
    expect(await store.lookup(keyA)).toBeNull()
  })

  it('drops an unclaimed version 1 entry when its profile’s password is forgotten or replaced', async () => {
    writeLegacy({ [HASH]: encrypted(PASSWORD) })
    const store = createKeychainSecretStore({ dir, platform: 'darwin', log })
    expect(await store.forget(keyB)).toBe('none')
    expect(JSON.parse(fileText()).legacy).toEqual({})
    expect(await store.lookup(keyA)).toBeNull()

    writeLegacy({ [HASH]: encrypted('old-one') })
    await store.set(keyB, 'new-one', true)
    expect(await store.lookup(keyA)).toBeNull()
    expect((await store.lookup(keyB))?.password).toBe('new-one')
  })

  it('loses no entry when lookups and a set run at once', async () => {
    writeLegacy({ [HASH]: encrypted(PASSWORD) })
    const store = createKeychainSecretStore({ dir, platform: 'darwin', log })
    const pgKey = { ...keyB, endpoint: 'couch2pg' as const, identity: pgIdentity }
    await Promise.all([store.lookup(keyA), store.set(pgKey, 'pg', true), store.sourceOf(keyB)])
    const nextRun = createKeychainSecretStore({ dir, platform: 'darwin', log })
    expect((await nextRun.lookup(keyA))?.password).toBe(PASSWORD)
    expect((await nextRun.lookup(pgKey))?.password).toBe('pg')
  })

  it('keeps a password for the session only when asked not to remember, dropping an older one', async () => {
    const store = createKeychainSecretStore({ dir, platform: 'darwin', log })
    await store.set(keyA, 'old-password', true)
    expect(await store.set(keyA, PASSWORD, false)).toBe('session')
    expect(await store.lookup(keyA)).toEqual({ password: PASSWORD, source: 'session' })
    expect(JSON.parse(fileText()).projects).toEqual({})
    const nextRun = createKeychainSecretStore({ dir, platform: 'darwin', log })
    expect(await nextRun.lookup(keyA)).toBeNull()
  })

  it('stores nothing on Linux’s basic_text backend: session only, asked again next run', async () => {
    safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text')
    const store = createKeychainSecretStore({ dir, platform: 'linux', log })
    expect(store.canRemember).toBe(false)
    expect(await store.set(keyA, PASSWORD, true)).toBe('session')
    expect(await store.lookup(keyA)).toEqual({ password: PASSWORD, source: 'session' })
    await store.forget(keyB)
    await store.forgetProject(PROJECT_B)
    expect(existsSync(join(dir, SECRETS_FILE))).toBe(false)
    expect(safeStorage.encryptString).not.toHaveBeenCalledWith(PASSWORD)
  })

  it('ignores an entry that no longer decrypts and a damaged file', async () => {
    const store = createKeychainSecretStore({ dir, platform: 'darwin', log })
    await store.set(keyA, PASSWORD, true)
    const file = JSON.parse(fileText())
    file.projects[sha256(PROJECT_A)][HASH] = Buffer.from('garbage').toString('base64')
    writeFileSync(join(dir, SECRETS_FILE), JSON.stringify(file))
    expect(await store.lookup(keyA)).toBeNull()
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(/could not be decrypted/),
      expect.anything(),
    )

    writeFileSync(join(dir, SECRETS_FILE), '{ not json')
    expect(await store.sourceOf(keyA)).toBe('none')
    expect(await store.set(keyA, PASSWORD, true)).toBe('keychain')
    expect((await store.lookup(keyA))?.password).toBe(PASSWORD)
  })
})
