import { constants } from 'node:fs'
import { access, readdir, stat } from 'node:fs/promises'
import { posix, win32 } from 'node:path'
import { AppError } from '../../../shared/result'
import { pgInstallHint } from './pg-install-hint'
import { parseToolVersion } from './pg-version'
import { runTool } from './run-tool'

/** One PostgreSQL client program and the version it reports. */
export interface PgTool {
  path: string
  /** As printed by `--version`: `15.10`, `16beta2`. */
  version: string
  major: number
}

/** The pair a backup needs, always from the same folder (never mixed between installations). */
export interface PgTools {
  pgDump: PgTool
  pgRestore: PgTool
}

/** What `findPgTools` looks at; everything but `serverMajor` can be replaced in tests. */
export interface FindPgToolsOptions {
  /** The major release of the server to back up: the tools must be of it or newer. */
  serverMajor: number
  /** Where `PATH` (`Path` on Windows) and `ProgramFiles` are read; `process.env` by default. */
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
  /** True when `path` is a program that can be run. */
  exists?: (path: string) => Promise<boolean>
  /** The names in a folder; empty when it cannot be read. */
  list?: (dir: string) => Promise<string[]>
  /** The output of `<path> --version`; null when it could not be run. */
  probe?: (path: string) => Promise<string | null>
}

/** How long `--version` may take, and how much of its output is read. */
export const VERSION_TIMEOUT_MS = 5_000
export const VERSION_MAX_BYTES = 4 * 1024
/** Most entries of one wildcard folder looked at (`/usr/lib/postgresql/*`). */
const MAX_FOLDER_ENTRIES = 200

/** The usual installation folders per platform; `*` stands for one folder name (a version). */
const KNOWN_FOLDERS: Partial<Record<NodeJS.Platform, (env: NodeJS.ProcessEnv) => string[]>> = {
  linux: () => ['/usr/lib/postgresql/*/bin', '/usr/pgsql-*/bin', '/usr/local/pgsql/bin'],
  darwin: () => [
    '/opt/homebrew/opt/postgresql@*/bin',
    '/usr/local/opt/postgresql@*/bin',
    '/Applications/Postgres.app/Contents/Versions/*/bin',
  ],
  win32: (env) => [`${envValue(env, 'ProgramFiles') ?? 'C:\\Program Files'}\\PostgreSQL\\*\\bin`],
}

/**
 * Finds `pg_dump` and `pg_restore` able to back up a server of major release `serverMajor`:
 * the folders of `PATH` first, then the usual installation folders of the platform. A folder
 * counts only when it holds both programs; each reports its version (`--version`, bounded to 5 s
 * and 4 KB). Of the folders whose tools are of `serverMajor` or newer (pg_dump cannot dump a newer
 * server), the highest major wins; on a tie, the first found.
 *
 * Throws `UNSUPPORTED` when none fits, naming the server's major, what was found, and what to
 * install on this platform.
 */
export async function findPgTools(options: FindPgToolsOptions): Promise<PgTools> {
  const platform = options.platform ?? process.platform
  const env = options.env ?? process.env
  const exists = options.exists ?? isProgram
  const list = options.list ?? listFolder
  const probe = options.probe ?? ((path: string) => probeVersion(path, env))
  const path = platform === 'win32' ? win32 : posix
  const suffix = platform === 'win32' ? '.exe' : ''

  const folders = await candidateFolders(platform, env, list)
  const found = await Promise.all(
    folders.map(async (folder) => {
      const dumpPath = path.join(folder, `pg_dump${suffix}`)
      const restorePath = path.join(folder, `pg_restore${suffix}`)
      const [hasDump, hasRestore] = await Promise.all([exists(dumpPath), exists(restorePath)])
      if (!hasDump && !hasRestore) return null
      const [pgDump, pgRestore] = await Promise.all([
        hasDump ? toolAt(dumpPath, probe) : null,
        hasRestore ? toolAt(restorePath, probe) : null,
      ])
      return { folder, pgDump, pgRestore }
    }),
  )
  const pairs = found.flatMap((f) =>
    f?.pgDump && f.pgRestore ? [{ pgDump: f.pgDump, pgRestore: f.pgRestore }] : [],
  )
  const fitting = pairs.filter(
    (p) => p.pgDump.major >= options.serverMajor && p.pgRestore.major >= options.serverMajor,
  )
  // Stable sort: among equal majors the earlier folder (PATH before the usual folders) stays first.
  const best = fitting.sort((a, b) => b.pgDump.major - a.pgDump.major)[0]
  if (best) return best

  const seen = found.flatMap((f) => (f ? [describeFolder(f)] : []))
  throw new AppError(
    'UNSUPPORTED',
    `The couch2pg server runs PostgreSQL ${options.serverMajor}, and a backup needs pg_dump and ` +
      `pg_restore of version ${options.serverMajor} or newer, side by side in one folder. ` +
      (seen.length > 0
        ? `Found: ${seen.join('; ')}.`
        : 'None were found on PATH or in the usual folders.') +
      ` ${pgInstallHint(platform, options.serverMajor)} Then try again.`,
    { serverMajor: options.serverMajor, found: seen },
  )
}

async function toolAt(
  path: string,
  probe: (path: string) => Promise<string | null>,
): Promise<PgTool | null> {
  const output = await probe(path)
  const parsed = output === null ? null : parseToolVersion(output)
  return parsed ? { path, ...parsed } : null
}

function describeFolder(f: { folder: string; pgDump: PgTool | null; pgRestore: PgTool | null }) {
  const one = (name: string, tool: PgTool | null) =>
    tool ? `${name} ${tool.version}` : `${name} (missing or no version)`
  return `${one('pg_dump', f.pgDump)} and ${one('pg_restore', f.pgRestore)} in ${f.folder}`
}

/** The folders of `PATH`, then the platform's usual folders with their wildcards expanded. */
async function candidateFolders(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  list: (dir: string) => Promise<string[]>,
): Promise<string[]> {
  const path = platform === 'win32' ? win32 : posix
  const fromPath = (envValue(env, 'PATH') ?? '')
    .split(platform === 'win32' ? ';' : ':')
    .map((dir) => dir.trim().replace(/^"(.*)"$/, '$1'))
    // A relative PATH entry would depend on the current folder: never trusted.
    .filter((dir) => dir !== '' && path.isAbsolute(dir))
  const known = await Promise.all(
    (KNOWN_FOLDERS[platform]?.(env) ?? []).map((pattern) => expand(pattern, path, list)),
  )
  const all = [...fromPath, ...known.flat()].map((dir) => path.normalize(dir))
  const key = (dir: string) => (platform === 'win32' ? dir.toLowerCase() : dir)
  return all.filter((dir, i) => all.findIndex((d) => key(d) === key(dir)) === i)
}

/** Expands the one `*` of a pattern into the matching folder names, newest-looking first. */
async function expand(
  pattern: string,
  path: typeof posix,
  list: (dir: string) => Promise<string[]>,
): Promise<string[]> {
  const star = pattern.indexOf('*')
  if (star < 0) return [pattern]
  const sep = path.sep
  const parentEnd = pattern.lastIndexOf(sep, star)
  const parent = pattern.slice(0, parentEnd)
  const restStart = pattern.indexOf(sep, star)
  const segment = pattern.slice(parentEnd + 1, restStart < 0 ? undefined : restStart)
  const rest = restStart < 0 ? '' : pattern.slice(restStart + 1)
  const [prefix = '', suffix = ''] = segment.split('*')
  const names = (await list(parent)).slice(0, MAX_FOLDER_ENTRIES)
  return names
    .filter((n) => n.length > prefix.length + suffix.length)
    .filter((n) => n.startsWith(prefix) && n.endsWith(suffix))
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
    .map((n) => (rest ? path.join(parent, n, rest) : path.join(parent, n)))
}

/** Windows names environment variables without regard to case (`Path`, `PATH`). */
function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase())
  return key === undefined ? undefined : env[key]
}

async function isProgram(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false
    await access(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK)
    return true
  } catch {
    return false
  }
}

async function listFolder(dir: string): Promise<string[]> {
  try {
    return await readdir(dir)
  } catch {
    return []
  }
}

/** Runs `<path> --version` with a bounded time and output; null when it did not end well. */
async function probeVersion(path: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const run = await runTool(path, ['--version'], {
    timeoutMs: VERSION_TIMEOUT_MS,
    maxStdoutBytes: VERSION_MAX_BYTES,
    env,
  })
  return run.code === 0 ? run.stdout : null
}
