import { existsSync } from 'node:fs'
import { homedir, userInfo } from 'node:os'
import { posix, win32 } from 'node:path'
import { version } from '../../../package.json'

export const APP_NAME = 'cht-migrate'
/** The version from package.json; the bundler inlines the JSON, so nothing is read at run time. */
export const APP_VERSION: string = version

/**
 * Where the defaults below look; every field is injectable so the per-platform rules can be
 * tested on any machine.
 */
export interface PlatformEnv {
  env: Record<string, string | undefined>
  platform: NodeJS.Platform
  home: string
  exists: (path: string) => boolean
}

const realPlatform = (): PlatformEnv => ({
  env: process.env,
  platform: process.platform,
  home: homedir(),
  exists: existsSync,
})

// Windows paths are joined with win32 rules even when the function runs elsewhere (tests).
const pathFor = (platform: NodeJS.Platform) => (platform === 'win32' ? win32 : posix)

const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value : undefined

/**
 * Returns the per-user configuration folder of the wizard.
 *
 * `CHT_MIGRATE_CONFIG_DIR` wins (tests, portable installs); otherwise the platform's convention:
 * `$XDG_CONFIG_HOME` or `~/.config` on Linux, `~/Library/Application Support` on macOS and
 * `%APPDATA%` on Windows.
 */
export function defaultConfigDir(where: Partial<PlatformEnv> = {}): string {
  const { env, platform, home } = { ...realPlatform(), ...where }
  const override = nonEmpty(env.CHT_MIGRATE_CONFIG_DIR)
  if (override) return override
  const path = pathFor(platform)
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME)
  if (platform === 'win32') {
    return path.join(nonEmpty(env.APPDATA) ?? path.join(home, 'AppData', 'Roaming'), APP_NAME)
  }
  return path.join(nonEmpty(env.XDG_CONFIG_HOME) ?? path.join(home, '.config'), APP_NAME)
}

/**
 * Returns the folder offered for new project files.
 *
 * `CHT_MIGRATE_PROJECT_DIR` wins; otherwise `~/Documents/CHT migrations` where a Documents folder
 * exists (desktops), else `~/cht-migrations` (servers and jump hosts, where there is none).
 */
export function defaultProjectDir(where: Partial<PlatformEnv> = {}): string {
  const { env, platform, home, exists } = { ...realPlatform(), ...where }
  const override = nonEmpty(env.CHT_MIGRATE_PROJECT_DIR)
  if (override) return override
  const path = pathFor(platform)
  const documents = path.join(home, 'Documents')
  return exists(documents)
    ? path.join(documents, 'CHT migrations')
    : path.join(home, 'cht-migrations')
}

/**
 * Returns the login name, used as "who" until the user sets a display name.
 *
 * `os.userInfo()` throws where the user has no passwd entry (some containers), hence the fallback.
 */
export function defaultUserName(lookup: () => string = () => userInfo().username): string {
  try {
    const name = lookup().trim()
    return name === '' ? 'me' : name.slice(0, 200)
  } catch {
    return 'me'
  }
}
