import { promises as fsp } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { openRegistryDir, readDemoRecords } from './demo-registry'

/** The part of a running demo this module needs: its folder, and whether it is kept. */
export interface DemoFolder {
  dir: string
  kept: boolean
}

export interface TemporaryDemoFolderOptions {
  /** Also look at the demos other wizards run on this machine (their registry records). */
  registry?: boolean
  /** Where the registry lives (tests); default: the OS temp folder. */
  tmpDir?: string
}

/** True when `path` is `dir` or lies somewhere below it. */
export function isInsideDir(path: string, dir: string): boolean {
  const rel = relative(dir, path)
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))
}

/**
 * The real location of `path`: its nearest existing ancestor with symbolic links resolved, and
 * the rest of the path (not there yet) appended. A temp folder reached through a link (macOS's
 * `/var` is `/private/var`) then compares equal to the demo's own path.
 */
export async function realLocation(path: string): Promise<string> {
  let head = resolve(path)
  const rest: string[] = []
  // Bounded: one step per path component, and a path has at most a few hundred.
  for (let step = 0; step < 512; step++) {
    try {
      return join(await fsp.realpath(head), ...rest)
    } catch {
      const parent = dirname(head)
      if (parent === head) break
      rest.unshift(basename(head))
      head = parent
    }
  }
  return resolve(path)
}

/**
 * The folder of a demo deployment that `path` lies in, when that folder is removed as the demo
 * stops (not a `--keep` folder); otherwise null.
 *
 * The demo of this wizard (`current`) counts, and with `registry` also the demos other wizards
 * of this user run on this machine, so a file is treated alike whichever process runs its demo.
 * Paths are compared as written and with links resolved.
 */
export async function temporaryDemoFolderOf(
  path: string,
  current: DemoFolder | null,
  options: TemporaryDemoFolderOptions = {},
): Promise<string | null> {
  const folders: string[] = []
  if (current && !current.kept) folders.push(current.dir)
  if (options.registry) folders.push(...(await registeredTemporaryFolders(options.tmpDir)))
  if (folders.length === 0) return null
  const target = resolve(path)
  for (const dir of folders) if (isInsideDir(target, resolve(dir))) return dir
  const real = await realLocation(target)
  for (const dir of folders) if (isInsideDir(real, await realLocation(dir))) return dir
  return null
}

/** The folders of the running demos in the registry that go when they stop (best effort). */
async function registeredTemporaryFolders(tmpDir?: string): Promise<string[]> {
  const registry = await openRegistryDir(tmpDir, false).catch(() => null)
  if (!registry) return []
  const entries = await readDemoRecords(registry).catch(() => [])
  return entries.flatMap((e) => (e.record && !e.record.kept ? [e.record.dir] : []))
}
