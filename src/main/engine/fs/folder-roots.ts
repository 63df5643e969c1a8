import { promises as fsp } from 'node:fs'
import { posix, win32 } from 'node:path'
import type { FileRoot } from '../../../shared/contract-files'

/**
 * Where the file browser of browser mode may look: the roots (home, the projects folder, the
 * open project's folder, the folders of recent projects), the names it never shows (dot names,
 * system folders), and the test of whether a folder lies inside a root. Plain functions over
 * paths, so the rules run the same in every test; the listing itself is in `folder-listing.ts`.
 */

/** The part of `fs.promises` the browser reads through (tests pass a slow or failing one). */
export interface ListingFs {
  realpath(path: string): Promise<string>
  stat(path: string): Promise<{ isDirectory(): boolean; size: number; mtime: Date }>
  readdir(
    path: string,
    options: { withFileTypes: true },
  ): Promise<
    Array<{ name: string; isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean }>
  >
}

/** The real file system. */
export const nodeListingFs: ListingFs = {
  realpath: (path) => fsp.realpath(path),
  stat: (path) => fsp.stat(path),
  readdir: (path, options) => fsp.readdir(path, options),
}

/** The platform's path rules: Windows paths are handled with win32 rules even in tests. */
export const pathRules = (platform: NodeJS.Platform) => (platform === 'win32' ? win32 : posix)

const foldsCase = (platform: NodeJS.Platform) => platform === 'darwin' || platform === 'win32'

// Folders of the system or of other programs' settings, hidden wherever they appear.
const SYSTEM_NAMES = new Set([
  'appdata',
  'application data',
  'local settings',
  'system volume information',
  '$recycle.bin',
  'lost+found',
])

// Trees a root may not lie in (a project once opened from /etc does not open /etc to browsing).
const POSIX_SYSTEM_TREES = [
  '/proc',
  '/sys',
  '/dev',
  '/etc',
  '/boot',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/usr',
  '/run',
  '/var/lib',
  '/var/run',
  '/private/etc',
  '/private/var/db',
  '/System',
  '/Library',
]
const WINDOWS_SYSTEM_TREES = ['windows', 'program files', 'program files (x86)', 'programdata']

/**
 * True for a name the browser never shows or enters: a dot name (`.ssh`, `.config`), a system
 * folder (`AppData`, `$RECYCLE.BIN`, `lost+found`…), and macOS's `Library` in the home folder.
 */
export function isHiddenName(
  name: string,
  options: { inHome: boolean; platform: NodeJS.Platform },
) {
  const lower = name.toLowerCase()
  if (name.startsWith('.') || name.startsWith('$') || SYSTEM_NAMES.has(lower)) return true
  if (/^ntuser\./.test(lower)) return true
  return options.inHome && options.platform === 'darwin' && name === 'Library'
}

/** True when `path` is `dir` itself or lies inside it (both absolute, links resolved). */
export function isInsideFolder(path: string, dir: string, platform: NodeJS.Platform): boolean {
  const { sep } = pathRules(platform)
  const fold = (p: string) => (foldsCase(platform) ? p.toLowerCase() : p)
  const [child, parent] = [fold(path), fold(dir)]
  if (child === parent) return true
  return child.startsWith(parent.endsWith(sep) ? parent : parent + sep)
}

/** True for a folder that is no root of the browser: a file system's top, or a system tree. */
export function isSystemFolder(path: string, platform: NodeJS.Platform): boolean {
  const rules = pathRules(platform)
  if (rules.dirname(path) === path) return true
  if (platform === 'win32') {
    const first = path.slice(rules.parse(path).root.length).split(/[\\/]/)[0] ?? ''
    return WINDOWS_SYSTEM_TREES.includes(first.toLowerCase())
  }
  return POSIX_SYSTEM_TREES.some((tree) => isInsideFolder(path, tree, platform))
}

/** The names between `root` and `path` (none when they are the same folder). */
export function segmentsBelow(path: string, root: string, platform: NodeJS.Platform): string[] {
  const rel = pathRules(platform).relative(root, path)
  return rel === '' ? [] : rel.split(/[\\/]/)
}

/**
 * The roots the browser offers, from the candidates in order: each folder's links resolved,
 * with the ones that are gone, not folders, system folders or already offered left out.
 * Never throws; a candidate that cannot be read is only left out.
 */
export async function resolveRoots(
  candidates: readonly FileRoot[],
  fs: ListingFs,
  platform: NodeJS.Platform,
): Promise<FileRoot[]> {
  const resolved = await Promise.all(
    candidates.map(async (root) => {
      try {
        const real = await fs.realpath(root.path)
        if (!(await fs.stat(real)).isDirectory() || isSystemFolder(real, platform)) return null
        return { ...root, path: real }
      } catch {
        return null
      }
    }),
  )
  const roots: FileRoot[] = []
  for (const root of resolved) {
    if (!root) continue
    const same = (r: FileRoot) =>
      isInsideFolder(root.path, r.path, platform) && isInsideFolder(r.path, root.path, platform)
    if (roots.some(same)) continue
    roots.push(root)
  }
  return roots
}

/**
 * The outermost root `path` lies in with no hidden name on the way down to it, or null when it
 * lies in none (the breadcrumbs and Parent folder then reach up to that root).
 */
export function containingRoot(
  path: string,
  roots: readonly FileRoot[],
  home: string | null,
  platform: NodeJS.Platform,
): FileRoot | null {
  let best: FileRoot | null = null
  for (const root of roots) {
    if (!isInsideFolder(path, root.path, platform)) continue
    const names = segmentsBelow(path, root.path, platform)
    const rules = pathRules(platform)
    let at = root.path
    const hidden = names.some((name) => {
      const inHome = home !== null && at === home
      at = rules.join(at, name)
      return isHiddenName(name, { inHome, platform })
    })
    if (hidden) continue
    if (!best || root.path.length < best.path.length) best = root
  }
  return best
}
