import { createHash, randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import { dirname, join } from 'node:path'
import { safeStorage } from 'electron'
import { z } from 'zod'
import type { PasswordSource } from '../../shared/connections'
import {
  createSessionPasswords,
  type SecretKey,
  type SecretStore,
} from '../engine/connections/secret-store'
import { stderrLog } from '../engine/log/log'

/** The file beside the preferences that holds the encrypted passwords. */
export const SECRETS_FILE = 'secrets.json'

const hash = z.string().regex(/^[0-9a-f]{64}$/)
const entries = z.record(hash, z.string().max(20_000))
const format = z.literal('cht-migrate-secrets')
/** Version 1 kept passwords per endpoint and identity, for every project alike. */
const version1 = z.object({ format, version: z.literal(1), entries })
/**
 * Version 2 keeps them per project (`projects`: the hash of a project's id, then the hash of the
 * endpoint and identity); `legacy` holds version 1's entries that no project has claimed yet.
 */
const version2 = z.object({
  format,
  version: z.literal(2),
  projects: z.record(hash, entries),
  legacy: entries,
})
const fileSchema = z.union([version1, version2])
type SecretsFile = z.infer<typeof version2>
const emptyFile = (): SecretsFile => ({
  format: 'cht-migrate-secrets',
  version: 2,
  projects: {},
  legacy: {},
})
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const projectHash = (key: SecretKey) => sha256(key.project)
const entryHash = (key: SecretKey) => sha256(`${key.endpoint}\u0000${key.identity}`)

/**
 * Moves a version 1 entry of this endpoint and identity under the key's project, the first time
 * a project asks for it; returns whether the file changed. Version 1 could not say which project
 * a password was typed for: the first project that uses that server and user adopts it, and from
 * then on it is that project's alone (another project is asked again), so forgetting in one
 * project never leaves a copy that another could still use.
 */
function claimLegacy(file: SecretsFile, key: SecretKey): boolean {
  const entry = entryHash(key)
  const blob = file.legacy[entry]
  if (blob === undefined) return false
  delete file.legacy[entry]
  const kept = file.projects[projectHash(key)] ?? {}
  kept[entry] ??= blob
  file.projects[projectHash(key)] = kept
  return true
}

/** Removes the key's entry and any unclaimed version 1 entry of its endpoint and identity. */
function removeEntry(file: SecretsFile, key: SecretKey): boolean {
  const entry = entryHash(key)
  const kept = file.projects[projectHash(key)]
  const had = kept?.[entry] !== undefined || file.legacy[entry] !== undefined
  if (kept) delete kept[entry]
  if (kept && Object.keys(kept).length === 0) delete file.projects[projectHash(key)]
  delete file.legacy[entry]
  return had
}

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
 * per project, endpoint and profile identity, each keyed by a SHA-256, so the file names no server
 * and no project.
 *
 * Where the keychain is not usable (`keychainUsable`), nothing is written and `canRemember` is
 * false: passwords are kept for this run only and the person is asked again next time. An entry
 * that no longer decrypts (the keychain was reset) is treated as absent. Forgetting needs no
 * keychain: it only removes entries. Changes to the file are made one at a time, so two lookups
 * or a lookup and a `set` at once never lose an entry.
 */
export function createKeychainSecretStore(options: KeychainSecretStoreOptions): SecretStore {
  const path = join(options.dir, SECRETS_FILE)
  const canRemember = keychainUsable(options.platform)
  const log = options.log ?? ((m: string, e?: unknown) => stderrLog.error(m, e))
  const session = createSessionPasswords()
  let queue: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work)
    queue = run.catch(() => undefined)
    return run
  }

  const load = async (): Promise<SecretsFile> => {
    let text: string
    try {
      text = await fsp.readFile(path, 'utf8')
    } catch {
      return emptyFile()
    }
    try {
      const file = fileSchema.parse(JSON.parse(text))
      return file.version === 2 ? file : { ...emptyFile(), legacy: file.entries }
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

  /** Loads, lets `change` edit the file, and writes it back only when it says it changed. */
  const update = <T>(change: (file: SecretsFile) => { changed: boolean; value: T }) =>
    exclusive(async () => {
      const file = await load()
      const { changed, value } = change(file)
      if (changed) await store(file)
      return value
    })

  /** The encrypted entry of the key, after claiming a version 1 entry (see `claimLegacy`). */
  const blobOf = (key: SecretKey): Promise<string | undefined> =>
    update((file) => ({
      changed: claimLegacy(file, key),
      value: file.projects[projectHash(key)]?.[entryHash(key)],
    }))

  const fromKeychain = async (key: SecretKey): Promise<string | null> => {
    if (!canRemember) return null
    const blob = await blobOf(key)
    if (blob === undefined) return null
    try {
      return safeStorage.decryptString(Buffer.from(blob, 'base64'))
    } catch (e) {
      log('a remembered password could not be decrypted; it is ignored', e)
      return null
    }
  }

  const removeFromKeychain = (key: SecretKey) =>
    update((file) => ({ changed: removeEntry(file, key), value: undefined }))

  const sourceOf = async (key: SecretKey): Promise<PasswordSource> => {
    if (session.get(key) !== undefined) return 'session'
    return (await fromKeychain(key)) !== null ? 'keychain' : 'none'
  }

  return {
    canRemember,
    async lookup(key) {
      const typed = session.get(key)
      if (typed !== undefined) return { password: typed, source: 'session' }
      const remembered = await fromKeychain(key)
      return remembered === null ? null : { password: remembered, source: 'keychain' }
    },
    sourceOf,
    async set(key, password, remember) {
      if (remember && canRemember) {
        const blob = safeStorage.encryptString(password).toString('base64')
        await update((file) => {
          removeEntry(file, key)
          file.projects[projectHash(key)] = {
            ...file.projects[projectHash(key)],
            [entryHash(key)]: blob,
          }
          return { changed: true, value: undefined }
        })
        session.delete(key)
        return 'keychain'
      }
      // Not remembering: a password kept earlier for this profile must not come back next run.
      await removeFromKeychain(key)
      session.set(key, password)
      return 'session'
    },
    async forget(key) {
      session.delete(key)
      await removeFromKeychain(key)
      return 'none'
    },
    async forgetProject(project) {
      session.deleteProject(project)
      const hashed = sha256(project)
      await update((file) => {
        const had = file.projects[hashed] !== undefined
        delete file.projects[hashed]
        return { changed: had, value: undefined }
      })
    },
    async forgetAll() {
      session.clear()
      await exclusive(() => fsp.rm(path, { force: true }))
    },
  }
}
