import { promises as fsp, type Stats } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { AppError } from '../../../shared/result'
import { atomicWriteFile, type AtomicFs } from '../project/atomic-write'
import { entryKind, notAFileMessage } from './entry-kind'

/** What an export must not overwrite. */
export interface ExportTargetOptions {
  /** The open project's file, or null when it has none yet: neither it nor its `.bak` is a target. */
  projectPath: string | null
}

interface Protected {
  role: 'project' | 'backup'
  /** The path with its folder's links resolved (the last name is kept as it is). */
  canonical: string
  /** The entry at the path (links followed), or null when there is none. */
  stats: Stats | null
}

// macOS and Windows file systems usually ignore case: `Kenya.md` and `kenya.md` are one file.
const foldsCase = process.platform === 'darwin' || process.platform === 'win32'
const samePath = (a: string, b: string) =>
  foldsCase ? a.toLowerCase() === b.toLowerCase() : a === b

/**
 * Checks that an export (Markdown, PDF, …) may be written at `path` before anything is written:
 * only a new file or an existing regular file that is neither the project file nor its backup.
 *
 * A symlink at `path` is refused whatever it points at (an export is never written through a
 * link, which could lead onto the project), and so are a folder, a named pipe, a socket and a
 * device. The project and its `.bak` are recognised by path (after resolving links in the
 * folders and in the project's own path, so `./x/../kenya.chtmig.json` is caught) and, for an
 * existing file, by device and inode (so another hard link to the project is caught). Throws
 * `BAD_REQUEST` with `details.path`; resolves when the target is fine. Reads only.
 */
export async function checkExportTarget(path: string, options: ExportTargetOptions): Promise<void> {
  // Other errors (a missing folder, no permission) are left to the write, which classifies them.
  const entry = await fsp.lstat(path).catch(() => null)
  if (entry) {
    const kind = entryKind(entry)
    if (kind !== 'file') throw refuse(path, notAFileMessage(path, kind, 'write'))
  }
  if (!options.projectPath) return
  const target = await canonical(path)
  for (const guarded of await protectedFiles(options.projectPath)) {
    const sameFile =
      entry !== null &&
      guarded.stats !== null &&
      entry.dev === guarded.stats.dev &&
      entry.ino === guarded.stats.ino
    if (sameFile || samePath(target, guarded.canonical)) {
      throw refuse(
        path,
        guarded.role === 'project'
          ? `“${path}” is the project file itself (or another name for it); choose another name for the export.`
          : `“${path}” is the project's backup, which keeps its previous version; choose another name for the export.`,
      )
    }
  }
}

/**
 * Writes an export: `checkExportTarget` first, then an atomic write that neither follows a link
 * at `path` nor keeps a `.bak` of the export it replaces. `fs` is the atomic write's injectable
 * file system (tests).
 */
export async function writeExportFile(
  path: string,
  data: string | Uint8Array,
  options: ExportTargetOptions & { fs?: AtomicFs },
): Promise<{ path: string; bytes: number }> {
  await checkExportTarget(path, options)
  return atomicWriteFile(path, data, {
    backup: false,
    followLinks: false,
    ...(options.fs ? { fs: options.fs } : {}),
  })
}

async function canonical(path: string): Promise<string> {
  const absolute = resolve(path)
  const folder = await fsp.realpath(dirname(absolute)).catch(() => dirname(absolute))
  return join(folder, basename(absolute))
}

/** The project as named and as its link resolves (saves follow links), and the `.bak` of each. */
async function protectedFiles(projectPath: string): Promise<Protected[]> {
  const named = resolve(projectPath)
  const real = await fsp.realpath(named).catch(() => named)
  const candidates: Array<[Protected['role'], string]> = [
    ['project', named],
    ['project', real],
    ['backup', `${named}.bak`],
    ['backup', `${real}.bak`],
  ]
  return Promise.all(
    candidates.map(async ([role, path]) => ({
      role,
      canonical: await canonical(path),
      stats: await fsp.stat(path).catch(() => null),
    })),
  )
}

function refuse(path: string, message: string): AppError {
  return new AppError('BAD_REQUEST', message, { path, field: 'path' })
}
