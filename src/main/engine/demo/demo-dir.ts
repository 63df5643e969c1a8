import { promises as fsp } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { AppError } from '../../../shared/result'

/** The folder holding a demo: its PostgreSQL and CouchDB data, manifest and project. */
export interface DemoDir {
  path: string
  /** True for `--keep`: the folder stays when the demo stops. */
  kept: boolean
  /** Removes what the demo put there (the folder itself unless it existed, empty, before). */
  remove(): Promise<void>
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code

/**
 * Checks a `--keep` folder without touching it: it must not exist yet, or be an empty folder.
 * Throws `BAD_REQUEST` naming the problem otherwise.
 */
export async function checkKeepDir(keepDir: string): Promise<void> {
  const path = resolve(keepDir)
  let entries: string[]
  try {
    entries = await fsp.readdir(path)
  } catch (e) {
    if (errno(e) === 'ENOENT') return
    if (errno(e) === 'ENOTDIR') {
      throw new AppError('BAD_REQUEST', `--keep “${path}” is a file; give a new or empty folder.`)
    }
    throw new AppError('BAD_REQUEST', `--keep “${path}” cannot be read (${errno(e) ?? e}).`)
  }
  if (entries.length > 0) {
    throw new AppError(
      'BAD_REQUEST',
      `--keep “${path}” exists and is not empty (${entries.length} entries); give a new or empty folder, so nothing of yours is overwritten.`,
      { path },
    )
  }
}

/**
 * Creates the demo's folder: the `--keep` folder (checked first) or a new one under the OS temp
 * folder (or `baseDir`).
 *
 * Run as root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder:
 * it is made traversable, and a `--keep` folder under a parent the `postgres` user cannot enter
 * is refused with a message, rather than failing later inside `initdb`.
 */
export async function createDemoDir(options: {
  keepDir?: string
  baseDir?: string
}): Promise<DemoDir> {
  if (options.keepDir !== undefined) {
    const path = resolve(options.keepDir)
    await checkKeepDir(path)
    const existed = await fsp
      .stat(path)
      .then(() => true)
      .catch(() => false)
    await checkTraversable(dirname(path))
    await fsp.mkdir(path, { recursive: true })
    await fsp.chmod(path, 0o755)
    return {
      path,
      kept: true,
      remove: async () => {
        if (!existed) return fsp.rm(path, { recursive: true, force: true })
        for (const entry of await fsp.readdir(path).catch(() => [] as string[])) {
          await fsp.rm(join(path, entry), { recursive: true, force: true })
        }
      },
    }
  }
  const base = options.baseDir ?? tmpdir()
  await checkTraversable(base)
  await fsp.mkdir(base, { recursive: true })
  const path = await fsp.mkdtemp(join(base, 'cht-migrate-demo-'))
  await fsp.chmod(path, 0o755)
  return { path, kept: false, remove: () => fsp.rm(path, { recursive: true, force: true }) }
}

/** As root, every existing parent must let others in (`o+x`) for the `postgres` user. */
async function checkTraversable(parent: string): Promise<void> {
  if (process.getuid?.() !== 0) return
  for (let dir = parent; ; dir = dirname(dir)) {
    const stat = await fsp.stat(dir).catch(() => null)
    if (stat && (stat.mode & 0o001) === 0) {
      throw new AppError(
        'BAD_REQUEST',
        `PostgreSQL runs as the “postgres” user here (the wizard runs as root) and cannot enter ${dir}; choose a folder it can reach, e.g. under ${tmpdir()}.`,
        { path: dir },
      )
    }
    if (dirname(dir) === dir) return
  }
}
