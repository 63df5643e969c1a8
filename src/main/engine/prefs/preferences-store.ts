import { promises as fsp } from 'node:fs'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { recentEntrySchema, type Preferences } from '../../../shared/contract'
import { atomicWriteFile } from '../project/atomic-write'
import type { PreferencesStore } from './types'
import { stderrLog } from '../log/log'

export const PREFERENCES_FILE = 'preferences.json'
const MAX_RECENT = 10
const MAX_TEXT = 200

/**
 * The file as written by this version and read from any: `userRole` and `identityConfirmed` came
 * later, so a file without them (or with a value of the wrong type) reads as “not confirmed”, and
 * its name is kept as the suggestion only.
 */
const preferencesFileSchema = z.object({
  userName: z.string().max(MAX_TEXT),
  userRole: z.string().optional().catch(undefined),
  identityConfirmed: z.boolean().optional().catch(undefined),
  recent: z.array(recentEntrySchema).max(20),
})

/** What is kept and written: the name (confirmed or not), the role, the flag, the recent list. */
export interface StoredPreferences {
  userName: string
  userRole: string
  identityConfirmed: boolean
  recent: Preferences['recent']
}

const bounded = (text: string | undefined) => (text ?? '').trim().slice(0, MAX_TEXT)

/**
 * The preferences as the faces see them: while the person has not confirmed who they are, the
 * name and role are empty (so nothing is stamped with them) and the name is only a suggestion.
 */
export function preferencesView(stored: StoredPreferences, loginName: string): Preferences {
  const confirmed = stored.identityConfirmed && stored.userName !== ''
  return {
    userName: confirmed ? stored.userName : '',
    userRole: confirmed ? stored.userRole : '',
    identityConfirmed: confirmed,
    suggestedUserName: stored.userName || bounded(loginName),
    recent: stored.recent,
  }
}

export interface PreferencesStoreOptions {
  now?: () => Date
  /** Where a failed write of the recent list is reported (it does not fail the caller). */
  warn?: (message: string, error: unknown) => void
  /**
   * Files never to list as recent: the engine passes "inside a demo's temporary folder", which
   * is removed when the demo stops. Consulted on every `addRecent`; a failure counts as false.
   */
  excludeFromRecent?: (path: string) => Promise<boolean>
}

const errnoOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined

/**
 * Loads the per-user preferences from `<configDir>/preferences.json` and returns the store.
 * `defaults.userName` (the login name) is only ever a suggestion: the name stamped on changes is
 * empty until the person confirms one with `setIdentity`.
 *
 * Preferences are not precious (a name, a role and a list of recent files), so a damaged file is
 * moved aside as `preferences.json.corrupt-<timestamp>` and the defaults are used rather than
 * stopping the wizard; the folder is created on the first write. Writes are atomic and happen one
 * at a time. A failed write of the user's name is reported to the caller; a failed write of the
 * recent list is only logged, because it is a side effect of opening or saving a project, which
 * must not fail because of it.
 */
export async function createPreferencesStore(
  configDir: string,
  defaults: { userName: string },
  options: PreferencesStoreOptions = {},
): Promise<PreferencesStore> {
  const file = join(configDir, PREFERENCES_FILE)
  const now = options.now ?? (() => new Date())
  const warn = options.warn ?? ((message: string, error: unknown) => stderrLog.warn(message, error))
  let prefs = await load(file, now, warn)
  // The same object while nothing changed, as callers may compare.
  let seen: { from: StoredPreferences; view: Preferences } | null = null
  const view = () => {
    if (seen?.from !== prefs)
      seen = { from: prefs, view: preferencesView(prefs, defaults.userName) }
    return seen.view
  }
  let queue: Promise<unknown> = Promise.resolve()

  // Each write stores the preferences as they are when it runs, so the last one wins.
  const persist = (): Promise<Preferences> => {
    const run = async () => {
      await fsp.mkdir(configDir, { recursive: true, mode: 0o700 })
      await atomicWriteFile(file, JSON.stringify(prefs, null, 2) + '\n', { backup: false })
      return view()
    }
    const result = queue.then(run, run)
    queue = result.catch(() => undefined)
    return result
  }
  const persistQuietly = async () => {
    await persist().catch((e: unknown) => warn(`could not save ${file}`, e))
    return view()
  }
  const samePath = (a: string, b: string) => resolve(a) === resolve(b)
  const excluded = async (path: string) => {
    if (!options.excludeFromRecent) return false
    try {
      return await options.excludeFromRecent(path)
    } catch (e) {
      warn(`could not tell whether ${path} belongs in the recent list`, e)
      return false
    }
  }

  return {
    get: view,
    async setIdentity({ userName, userRole }) {
      const name = bounded(userName)
      if (name === '') throw new Error('A name is needed to confirm who is using the wizard.')
      const role = userRole === undefined ? prefs.userRole : bounded(userRole)
      prefs = { ...prefs, userName: name, userRole: role, identityConfirmed: true }
      return persist()
    },
    async addRecent(path, name) {
      if (await excluded(path)) {
        // An entry written before the rule (or by another version) goes too: never listed.
        if (!prefs.recent.some((r) => samePath(r.path, path))) return view()
        prefs = { ...prefs, recent: prefs.recent.filter((r) => !samePath(r.path, path)) }
        return persistQuietly()
      }
      const entry = { path: resolve(path), name, openedAt: now().toISOString() }
      const rest = prefs.recent.filter((r) => !samePath(r.path, path))
      prefs = { ...prefs, recent: [entry, ...rest].slice(0, MAX_RECENT) }
      return persistQuietly()
    },
    async removeRecent(path) {
      if (!prefs.recent.some((r) => samePath(r.path, path))) return view()
      prefs = { ...prefs, recent: prefs.recent.filter((r) => !samePath(r.path, path)) }
      return persist()
    },
    isRecent: (path) => prefs.recent.some((r) => samePath(r.path, path)),
  }
}

async function load(
  file: string,
  now: () => Date,
  warn: (message: string, error: unknown) => void,
): Promise<StoredPreferences> {
  const fresh: StoredPreferences = {
    userName: '',
    userRole: '',
    identityConfirmed: false,
    recent: [],
  }
  let text: string
  try {
    text = await fsp.readFile(file, 'utf8')
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT') warn(`could not read ${file}; using the defaults`, e)
    return fresh
  }
  let parsed: ReturnType<typeof preferencesFileSchema.safeParse> | null
  try {
    parsed = preferencesFileSchema.safeParse(JSON.parse(text))
  } catch {
    parsed = null
  }
  if (parsed?.success) {
    const userName = bounded(parsed.data.userName)
    return {
      userName,
      userRole: bounded(parsed.data.userRole),
      identityConfirmed: parsed.data.identityConfirmed === true && userName !== '',
      recent: parsed.data.recent.slice(0, MAX_RECENT),
    }
  }
  const aside = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`
  try {
    await fsp.rename(file, aside)
    warn(`${file} was damaged; it was moved to ${aside} and the defaults are used`, null)
  } catch (e) {
    warn(`${file} was damaged and could not be moved aside; the defaults are used`, e)
  }
  return fresh
}
