import {
  FOLDER_LISTING_LIMIT,
  type FileCrumb,
  type FileEntry,
  type FileRoot,
  type FolderListing,
} from '../../../shared/contract-files'
import { AppError } from '../../../shared/result'
import {
  containingRoot,
  isHiddenName,
  nodeListingFs,
  pathRules,
  resolveRoots,
  segmentsBelow,
  type ListingFs,
} from './folder-roots'

/** What a listing is asked for, and where it may look. */
export interface ListFolderRequest {
  /** The folder to list (absolute); none: the open project's folder, else projects, else home. */
  dir?: string | undefined
  /** The roots in the order they are offered (not resolved yet). */
  candidates: readonly FileRoot[]
  /** True for a file the purpose shows (`*.chtmig.json` for Open, say); folders are always shown. */
  matches: (name: string) => boolean
}

export interface ListFolderOptions {
  fs?: ListingFs
  platform?: NodeJS.Platform
  /** The whole answer's time limit (default 5 s): a hung network disk ends in `TIMEOUT`. */
  timeoutMs?: number
  /** Entries in one answer (default `FOLDER_LISTING_LIMIT`). */
  limit?: number
}

interface Candidate {
  name: string
  path: string
  kind: FileEntry['kind']
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })
const STAT_BATCH = 64

/**
 * Lists a folder for the file browser of browser mode, confined to its roots (never trusting the
 * renderer's path).
 *
 * The folder's links are resolved first, and it must lie inside a root with no hidden name (a
 * dot name or a system folder) on the way down; else `FORBIDDEN`. Hidden entries are left out,
 * and so are links that lead outside the roots or into a hidden folder, and files the purpose
 * does not show. Folders come first, then files, each by name; past `limit` entries the rest are
 * only counted (`more`). A missing folder is `FILE_NOT_FOUND`, one not readable `FORBIDDEN`, a
 * file `BAD_REQUEST`, and a listing past its time limit `TIMEOUT`: each with a message a person
 * can act on.
 */
export async function listFolder(
  request: ListFolderRequest,
  options: ListFolderOptions = {},
): Promise<FolderListing> {
  const timeoutMs = options.timeoutMs ?? 5_000
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const where = request.dir ? `“${request.dir}”` : 'the folder'
      reject(
        new AppError(
          'TIMEOUT',
          `Reading ${where} took longer than ${Math.round(timeoutMs / 1000)} seconds (a slow or disconnected disk?). Try again, or choose another folder.`,
          { path: request.dir ?? null },
        ),
      )
    }, timeoutMs)
  })
  try {
    return await Promise.race([listing(request, options), timeout])
  } finally {
    clearTimeout(timer)
  }
}

async function listing(request: ListFolderRequest, options: ListFolderOptions) {
  const fs = options.fs ?? nodeListingFs
  const platform = options.platform ?? process.platform
  const rules = pathRules(platform)
  const limit = options.limit ?? FOLDER_LISTING_LIMIT
  const roots = await resolveRoots(request.candidates, fs, platform)
  const home = roots.find((r) => r.kind === 'home')?.path ?? null
  const start =
    roots.find((r) => r.kind === 'project') ??
    roots.find((r) => r.kind === 'projects') ??
    roots.find((r) => r.kind === 'home') ??
    roots[0]
  if (request.dir === undefined && !start) {
    return { roots, dir: null, parent: null, crumbs: [], entries: [], more: 0 }
  }
  const asked = request.dir ?? start!.path
  if (!rules.isAbsolute(asked)) {
    throw new AppError(
      'BAD_REQUEST',
      `“${asked}” is not a full path; choose a folder in the list.`,
      {
        path: asked,
      },
    )
  }
  const dir = await realFolder(fs, rules.resolve(asked))
  const root = containingRoot(dir, roots, home, platform)
  if (!root) {
    throw new AppError(
      'FORBIDDEN',
      `“${asked}” is outside the folders the wizard shows (your home folder, the projects folder and the folders of recent projects), or hidden. Choose one of those, or type the path.`,
      { path: asked },
    )
  }
  const inHome = home !== null && dir === home
  const found: Candidate[] = []
  for (const entry of await readFolder(fs, dir)) {
    if (isHiddenName(entry.name, { inHome, platform })) continue
    const path = rules.join(dir, entry.name)
    let kind: FileEntry['kind'] | null = entry.isDirectory()
      ? 'folder'
      : entry.isFile()
        ? 'file'
        : null
    // A link is shown as what it leads to, only when that lies inside a root, not hidden.
    if (entry.isSymbolicLink()) kind = await linkKind(fs, path, roots, home, platform)
    if (kind === 'folder' || (kind === 'file' && request.matches(entry.name))) {
      found.push({ name: entry.name, path, kind })
    }
  }
  found.sort((a, b) =>
    a.kind !== b.kind ? (a.kind === 'folder' ? -1 : 1) : collator.compare(a.name, b.name),
  )
  const kept = found.slice(0, limit)
  return {
    roots,
    dir,
    parent: dir === root.path ? null : rules.dirname(dir),
    crumbs: crumbsOf(dir, root, platform),
    entries: await withStats(fs, kept),
    more: found.length - kept.length,
  }
}

async function realFolder(fs: ListingFs, path: string): Promise<string> {
  try {
    const real = await fs.realpath(path)
    if (!(await fs.stat(real)).isDirectory()) {
      throw new AppError('BAD_REQUEST', `“${path}” is a file, not a folder.`, { path })
    }
    return real
  } catch (error) {
    throw fsError(error, path)
  }
}

async function readFolder(fs: ListingFs, dir: string) {
  try {
    return await fs.readdir(dir, { withFileTypes: true })
  } catch (error) {
    throw fsError(error, dir)
  }
}

async function linkKind(
  fs: ListingFs,
  path: string,
  roots: readonly FileRoot[],
  home: string | null,
  platform: NodeJS.Platform,
): Promise<FileEntry['kind'] | null> {
  try {
    const target = await fs.realpath(path)
    if (!containingRoot(target, roots, home, platform)) return null
    return (await fs.stat(target)).isDirectory() ? 'folder' : 'file'
  } catch {
    return null
  }
}

function crumbsOf(dir: string, root: FileRoot, platform: NodeJS.Platform): FileCrumb[] {
  const rules = pathRules(platform)
  const crumbs: FileCrumb[] = [{ name: root.label, path: root.path }]
  let at = root.path
  for (const name of segmentsBelow(dir, root.path, platform)) {
    at = rules.join(at, name)
    crumbs.push({ name, path: at })
  }
  return crumbs
}

/** Each entry with its size (files) and time of last change, read in batches. */
async function withStats(fs: ListingFs, kept: Candidate[]): Promise<FileEntry[]> {
  const entries: FileEntry[] = []
  for (let i = 0; i < kept.length; i += STAT_BATCH) {
    const batch = kept.slice(i, i + STAT_BATCH)
    const stats = await Promise.all(batch.map((c) => fs.stat(c.path).catch(() => null)))
    batch.forEach((c, j) => {
      const stat = stats[j]
      entries.push({
        ...c,
        size: c.kind === 'file' && stat ? stat.size : null,
        modified: stat ? stat.mtime.toISOString() : null,
      })
    })
  }
  return entries
}

/** A file system error as a message a person can act on. */
function fsError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code === 'ENOENT') {
    return new AppError(
      'FILE_NOT_FOUND',
      `“${path}” is gone: it was moved or deleted. Choose another folder.`,
      { path },
    )
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new AppError(
      'FORBIDDEN',
      `The wizard has no permission to read “${path}”. Choose another folder, or ask for read access to it.`,
      { path },
    )
  }
  if (code === 'ENOTDIR') {
    return new AppError('BAD_REQUEST', `“${path}” is not a folder.`, { path })
  }
  return new AppError('IO_ERROR', `“${path}” could not be read (${code ?? 'unknown error'}).`, {
    path,
  })
}
