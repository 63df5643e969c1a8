import { createHash, randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import { dirname, join } from 'node:path'
import { safeStorage } from 'electron'
import { z } from 'zod'
import type { PasswordSource } from '../../shared/connections'
import type { EndpointId } from '../../shared/project-schema'
import { createSessionPasswords, type SecretStore } from '../engine/connections/secret-store'
import { stderrLog } from '../engine/log/log'

/** The file beside the preferences that holds the encrypted passwords. */
export const SECRETS_FILE = 'secrets.json'

const fileSchema = z.object({
  format: z.literal('cht-migrate-secrets'),
  version: z.literal(1),
  entries: z.record(z.string().regex(/^[0-9a-f]{64}$/), z.string().max(20_000)),
})
type SecretsFile = z.infer<typeof fileSchema>
const emptyFile = (): SecretsFile => ({ format: 'cht-migrate-secrets', version: 1, entries: {} })

/**
 * True when `safeStorage` really protects data with the OS keychain. On Linux, Chromium falls
 * back to `basic_text` (a hard-coded key) when no secret service is running: that is not
 * protection, so nothing is stored then (SEC-09). `unknown` (asked before the app is ready) is
 * refused too.
 */
export function keychainUsable(platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false
  if (platform !== 'linux') return true
  const backend = safeStorage.getSelectedStorageBackend()
  return backend !== 'basic_text' && backend !== 'unknown'
}

export interface KeychainSecretStoreOptions {
  /** The folder of `secrets.json` (the app's userData or `CHT_MIGRATE_CONFIG_DIR`). */
  dir: string
  platform?: NodeJS.Platform
  log?: (message: string, error?: unknown) => void
}

/**
 * The Electron secret store (SEC-09): passwords encrypted with `safeStorage` (the OS keychain:
 * Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux) in `secrets.json`,
 * keyed by a SHA-256 of the endpoint and profile identity, so the file names no server.
 *
 * Where the keychain is not usable (`keychainUsable`), nothing is written and `canRemember` is
 * false: passwords are kept for this run only and the person is asked again next time. An entry
 * that no longer decrypts (the keychain was reset) is treated as absent.
 */
export function createKeychainSecretStore(options: KeychainSecretStoreOptions): SecretStore {
  const path = join(options.dir, SECRETS_FILE)
  const canRemember = keychainUsable(options.platform)
  const log = options.log ?? ((m: string, e?: unknown) => stderrLog.error(m, e))
  const session = createSessionPasswords()
  const entryKey = (endpoint: EndpointId, identity: string) =>
    createHash('sha256').update(`${endpoint}\u0000${identity}`).digest('hex')

  const load = async (): Promise<SecretsFile> => {
    let text: string
    try {
      text = await fsp.readFile(path, 'utf8')
    } catch {
      return emptyFile()
    }
    try {
      return fileSchema.parse(JSON.parse(text))
    } catch (e) {
      log(`${path} is not a valid secrets file; it will be replaced`, e)
      return emptyFile()
    }
  }

  const store = async (file: SecretsFile) => {
    await fsp.mkdir(dirname(path), { recursive: true })
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
    await fsp.writeFile(temp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 })
    await fsp.rename(temp, path)
  }

  const fromKeychain = async (endpoint: EndpointId, identity: string): Promise<string | null> => {
    if (!canRemember) return null
    const blob = (await load()).entries[entryKey(endpoint, identity)]
    if (blob === undefined) return null
    try {
      return safeStorage.decryptString(Buffer.from(blob, 'base64'))
    } catch (e) {
      log('a remembered password could not be decrypted; it is ignored', e)
      return null
    }
  }

  const removeFromKeychain = async (endpoint: EndpointId, identity: string) => {
    if (!canRemember) return
    const file = await load()
    const key = entryKey(endpoint, identity)
    if (!(key in file.entries)) return
    delete file.entries[key]
    await store(file)
  }

  const sourceOf = async (endpoint: EndpointId, identity: string): Promise<PasswordSource> => {
    if (session.get(endpoint, identity) !== undefined) return 'session'
    return (await fromKeychain(endpoint, identity)) !== null ? 'keychain' : 'none'
  }

  return {
    canRemember,
    async lookup(endpoint, identity) {
      const typed = session.get(endpoint, identity)
      if (typed !== undefined) return { password: typed, source: 'session' }
      const remembered = await fromKeychain(endpoint, identity)
      return remembered === null ? null : { password: remembered, source: 'keychain' }
    },
    sourceOf,
    async set(endpoint, identity, password, remember) {
      if (remember && canRemember) {
        const file = await load()
        file.entries[entryKey(endpoint, identity)] = safeStorage
          .encryptString(password)
          .toString('base64')
        await store(file)
        session.delete(endpoint, identity)
        return 'keychain'
      }
      // Not remembering: a password kept earlier for this profile must not come back next run.
      await removeFromKeychain(endpoint, identity)
      session.set(endpoint, identity, password)
      return 'session'
    },
    async forget(endpoint, identity) {
      session.delete(endpoint, identity)
      await removeFromKeychain(endpoint, identity)
      return 'none'
    },
  }
}
