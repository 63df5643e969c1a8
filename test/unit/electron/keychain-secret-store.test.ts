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
  it('remembers an encrypted password, keyed by a hash, across runs', async () => {
    const store = createKeychainSecretStore({ dir, platform: 'linux', log })
    expect(store.canRemember).toBe(true)
    expect(await store.set('couchdb', identity, PASSWORD, true)).toBe('keychain')
    const text = fileText()
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain('cht.example.org')
    const file = JSON.parse(text)
    expect(Object.keys(file.entries)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)])

    const nextRun = createKeychainSecretStore({ dir, platform: 'linux', log })
    expect(await nextRun.lookup('couchdb', identity)).toEqual({
      password: PASSWORD,
      source: 'keychain',
    })
    expect(await nextRun.sourceOf('couchdb', identity)).toBe('keychain')
    expect(
      await nextRun.lookup('couchdb', profileIdentity('couchdb', { ...profile, username: 'x' })),
    ).toBeNull()
    expect(await nextRun.forget('couchdb', identity)).toBe('none')
    expect(JSON.parse(fileText()).entries).toEqual({})
  })

  it('keeps a password for the session only when asked not to remember, dropping an older one', async () => {
    const store = createKeychainSecretStore({ dir, platform: 'darwin', log })
    await store.set('couchdb', identity, 'old-password', true)
    expect(await store.set('couchdb', identity, PASSWORD, false)).toBe('session')
    expect(await store.lookup('couchdb', identity)).toEqual({
      password: PASSWORD,
      source: 'session',
    })
    expect(JSON.parse(fileText()).entries).toEqual({})
    const nextRun = createKeychainSecretStore({ dir, platform: 'darwin', log })
    expect(await nextRun.lookup('couchdb', identity)).toBeNull()
  })

  it('stores nothing on Linux’s basic_text backend: session only, asked again next run', async () => {
    safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text')
    const store = createKeychainSecretStore({ dir, platform: 'linux', log })
    expect(store.canRemember).toBe(false)
    expect(await store.set('couchdb', identity, PASSWORD, true)).toBe('session')
    expect(await store.lookup('couchdb', identity)).toEqual({
      password: PASSWORD,
      source: 'session',
    })
    expect(existsSync(join(dir, SECRETS_FILE))).toBe(false)
    expect(safeStorage.encryptString).not.toHaveBeenCalledWith(PASSWORD)
  })

  it('ignores an entry that no longer decrypts and a damaged file', async () => {
    const store = createKeychainSecretStore({ dir, platform: 'darwin', log })
    await store.set('couchdb', identity, PASSWORD, true)
    const file = JSON.parse(fileText())
    const key = Object.keys(file.entries)[0] as string
    file.entries[key] = Buffer.from('garbage').toString('base64')
    writeFileSync(join(dir, SECRETS_FILE), JSON.stringify(file))
    expect(await store.lookup('couchdb', identity)).toBeNull()
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(/could not be decrypted/),
      expect.anything(),
    )

    writeFileSync(join(dir, SECRETS_FILE), '{ not json')
    expect(await store.sourceOf('couchdb', identity)).toBe('none')
    expect(await store.set('couchdb', identity, PASSWORD, true)).toBe('keychain')
    expect((await store.lookup('couchdb', identity))?.password).toBe(PASSWORD)
  })
})
