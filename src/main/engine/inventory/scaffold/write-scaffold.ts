import { promises as fsp } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppError } from '../../../../shared/result'
import { entryKind } from '../../fs/entry-kind'
import { checkExportTarget, writeExportFile } from '../../fs/export-target'
import type { ScaffoldFile } from './build-scaffold'

/** How a scaffold is written. */
export interface WriteScaffoldOptions {
  /** Write into a folder that is not empty (only the scaffold's own files are replaced). */
  overwrite: boolean
  /** The open project's file, which no scaffold file may replace (nor its `.bak`). */
  projectPath?: string | null
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/
const errnoOf = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code

/** A scaffold path as segments; a path that could leave the folder is a bug, refused loudly. */
function segmentsOf(path: string): string[] {
  const segments = path.split('/')
  if (!segments.every((s) => SEGMENT.test(s) && s !== '..' && s !== '.')) {
    throw new AppError('INTERNAL', `The scaffold file “${path}” has a name that is not allowed.`)
  }
  return segments
}

/** The entries of the folder, creating it (and its parents) when it does not exist. */
async function prepareFolder(dir: string): Promise<string[]> {
  const entry = await fsp
    .lstat(dir)
    .catch((e) => (errnoOf(e) === 'ENOENT' ? null : Promise.reject(e)))
  if (entry === null) {
    await fsp.mkdir(dir, { recursive: true })
    return []
  }
  // The chosen folder may itself be reached through a link (the person chose it); links inside
  // it are never followed.
  const stats = entry.isSymbolicLink() ? await fsp.stat(dir) : entry
  if (!stats.isDirectory()) {
    throw new AppError(
      'BAD_REQUEST',
      `“${dir}” is not a folder; choose a folder for the dbt project.`,
      {
        path: dir,
        field: 'dir',
      },
    )
  }
  return fsp.readdir(dir)
}

/** Checks every folder on the way to a file is a real folder inside `root` (or not there yet). */
async function checkFolders(
  root: string,
  segments: readonly string[],
  path: string,
): Promise<void> {
  let at = root
  for (const segment of segments.slice(0, -1)) {
    at = join(at, segment)
    const entry = await fsp.lstat(at).catch(() => null)
    if (entry === null) return
    const kind = entryKind(entry)
    if (kind !== 'folder') {
      throw new AppError(
        'BAD_REQUEST',
        kind === 'symlink'
          ? `“${at}” is a symbolic link; the wizard does not write through links, which could lead out of the folder. Nothing was written.`
          : `“${at}” is not a folder, but “${path}” needs a folder there. Nothing was written.`,
        { path: at },
      )
    }
  }
}

async function makeFolders(root: string, segments: readonly string[]): Promise<void> {
  let at = root
  for (const segment of segments.slice(0, -1)) {
    at = join(at, segment)
    await fsp.mkdir(at).catch((e) => (errnoOf(e) === 'EEXIST' ? undefined : Promise.reject(e)))
    const entry = await fsp.lstat(at)
    if (!entry.isDirectory()) {
      throw new AppError('BAD_REQUEST', `“${at}” changed while the scaffold was written.`, {
        path: at,
      })
    }
  }
}

/**
 * Writes a scaffold's files into `dir` (created when missing) and returns the relative paths it
 * wrote, in order.
 *
 * A folder that is not empty is refused unless `overwrite` is set: `CONFLICT` with
 * `details.reason: 'not-empty'`, and nothing is written (the faces ask, then retry). With `overwrite`, only the scaffold's
 * own files are replaced; other files stay. Nothing is written through a symbolic link: every
 * folder on the way and every file is checked first (a link, a non-folder or the project file
 * refuses the whole scaffold before anything is written), then each file is written atomically
 * without following a link at its path (`writeExportFile`).
 */
export async function writeDbtScaffold(
  dir: string,
  files: readonly ScaffoldFile[],
  options: WriteScaffoldOptions,
): Promise<{ written: string[] }> {
  const root = resolve(dir)
  const planned = files.map((f) => ({ file: f, segments: segmentsOf(f.path) }))
  const entries = await prepareFolder(root)
  if (entries.length > 0 && !options.overwrite) {
    throw new AppError(
      'CONFLICT',
      `“${root}” is not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}), so nothing was written. Choose an empty folder, or allow overwriting the scaffold's files there.`,
      { path: root, field: 'dir', reason: 'not-empty', entries: entries.length },
    )
  }
  const projectPath = options.projectPath ?? null
  for (const { file, segments } of planned) {
    await checkFolders(root, segments, file.path)
    await checkExportTarget(join(root, ...segments), { projectPath })
  }
  const written: string[] = []
  for (const { file, segments } of planned) {
    await makeFolders(root, segments)
    await writeExportFile(join(root, ...segments), file.content, { projectPath })
    written.push(file.path)
  }
  return { written }
}
