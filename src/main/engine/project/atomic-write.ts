import { constants as fsConstants, promises as fsp } from 'node:fs'
import { basename, dirname } from 'node:path'
import { AppError } from '../../../shared/result'
import { entryKind, notAFileMessage, type EntryStats } from '../fs/entry-kind'
import { claimTempPath, releaseTempPath, removeStaleTemps } from './temp-files'

/**
 * The file-system calls the atomic write makes, as promise functions, so that a test can make any
 * single step fail (a full disk at the write, a read-only folder at the rename) without a real
 * full disk.
 */
export interface AtomicFs {
  /** Follows symlinks to the real file, so a linked project is updated, not replaced by a copy. */
  resolve(path: string): Promise<string>
  /** Returns the entry at `path` (not following a final symlink), or null when there is none. */
  lstat(path: string): Promise<(EntryStats & { mode: number }) | null>
  /** Creates `path`, which must not exist, writes `data`, sets `mode` and fsyncs it. */
  writeNew(path: string, data: string | Uint8Array, mode?: number): Promise<void>
  /** Creates `dest` as a second name for `src` (a hard link). */
  link(src: string, dest: string): Promise<void>
  /** Copies `src` to `dest`, which must not exist, and fsyncs the copy. */
  copyNew(src: string, dest: string): Promise<void>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
  readdir(path: string): Promise<string[]>
  /** Makes the directory's entries (the renames) durable. */
  fsyncDir(path: string): Promise<void>
  /** Modification time in ms, or null when the entry is gone. */
  mtimeMs(path: string): Promise<number | null>
}

const errnoOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined

/** The real file system. */
export const nodeAtomicFs: AtomicFs = {
  async resolve(path) {
    try {
      return await fsp.realpath(path)
    } catch {
      return path
    }
  },
  async lstat(path) {
    try {
      return await fsp.lstat(path)
    } catch (e) {
      if (errnoOf(e) === 'ENOENT') return null
      throw e
    }
  },
  async writeNew(path, data, mode) {
    const handle = await fsp.open(path, 'wx', 0o666)
    try {
      await handle.writeFile(data)
      if (mode !== undefined) await handle.chmod(mode & 0o7777)
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  link: (src, dest) => fsp.link(src, dest),
  async copyNew(src, dest) {
    await fsp.copyFile(src, dest, fsConstants.COPYFILE_EXCL)
    const handle = await fsp.open(dest, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  readdir: (path) => fsp.readdir(path),
  async fsyncDir(path) {
    // Windows cannot open a directory for fsync; NTFS journals the rename itself.
    if (process.platform === 'win32') return
    const handle = await fsp.open(path, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  async mtimeMs(path) {
    try {
      return (await fsp.stat(path)).mtimeMs
    } catch {
      return null
    }
  },
}

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<path>.bak` (default true). */
  backup?: boolean
  /**
   * Where the replaced file is kept, as a suffix of `path` (default `.bak`). A project recovered
   * from its backup keeps the damaged file under another name, so the good `.bak` survives.
   */
  backupSuffix?: string
  /**
   * Follow a symlink at `path` to the file it names (default true: a linked project is updated in
   * place). With false, an existing symlink at `path` is refused, neither written through nor
   * replaced: exports, whose target must not be steered onto the project or any other file.
   */
  followLinks?: boolean
  fs?: AtomicFs
}

/**
 * Replaces `path` with `data` so that a crash or a kill at any moment leaves a whole file.
 *
 * The data goes to a temp file in the same folder and is fsynced; the current file (if any) gets a
 * second name through a hard link (or a fsynced copy where links are not supported) that is then
 * renamed over `<path>.bak`; the temp file is renamed over `path` and the folder is fsynced. Every
 * name that a reader may open (`path`, `<path>.bak`) only ever changes by rename, so each is always
 * either absent or complete. On failure the temp files are removed, the old file is untouched,
 * and the errno becomes an `AppError` that tells the person what to do. Temp files left by writers
 * that were killed are removed after the next successful write. Only a regular file is ever
 * replaced: a folder, a named pipe, a socket or a device at `path` is refused (`BAD_REQUEST`), and
 * so is a symlink when `followLinks` is false.
 */
export async function atomicWriteFile(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<{ path: string; bytes: number }> {
  const fs = options.fs ?? nodeAtomicFs
  const followLinks = options.followLinks !== false
  const target = followLinks ? await fs.resolve(path) : path
  const dir = dirname(target)
  const base = basename(target)
  const temps: string[] = []
  let replaced = false
  const newTemp = (kind: 'tmp' | 'baktmp') => {
    const temp = claimTempPath(dir, base, kind)
    temps.push(temp)
    return temp
  }
  try {
    const existing = await fs.lstat(target)
    const kind = existing ? entryKind(existing) : null
    // Renaming over a pipe, a socket or a device would take it away from whatever uses it. A
    // symlink still there after resolving is dangling, and is replaced when links are followed.
    if (kind !== null && kind !== 'file' && !(kind === 'symlink' && followLinks)) {
      throw new AppError('BAD_REQUEST', notAFileMessage(path, kind, 'write'), { path })
    }
    const temp = newTemp('tmp')
    await fs.writeNew(temp, data, existing?.isFile() ? existing.mode : undefined)
    if (existing?.isFile() && options.backup !== false) {
      const backupTemp = newTemp('baktmp')
      // Filesystems without hard links (FAT, some network shares) get a fsynced copy instead.
      await fs.link(target, backupTemp).catch(() => fs.copyNew(target, backupTemp))
      await fs.rename(backupTemp, `${target}${options.backupSuffix ?? '.bak'}`)
      // rename() between two names of one inode succeeds and does nothing: a writer killed after
      // its backup rename but before its temp rename leaves the file and .bak as one inode, and
      // the backup temp would stay. The .bak holds the right content either way.
      await fs.unlink(backupTemp).catch(() => undefined)
    }
    await fs.rename(temp, target)
    replaced = true
    await fs.fsyncDir(dir)
    await removeStaleTemps(fs, dir, base)
    return { path, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength }
  } catch (e) {
    await Promise.all(temps.map((t) => fs.unlink(t).catch(() => undefined)))
    if (e instanceof AppError) throw e
    if (replaced) {
      // Only the folder sync failed: the new file is in place but may not survive a power cut.
      throw new AppError(
        'IO_ERROR',
        `“${path}” was written, but the system could not confirm it is safely on disk (${errnoOf(e) ?? 'unknown error'}). Save again to be sure.`,
        { path, errno: errnoOf(e) },
      )
    }
    throw await writeError(fs, e, path, dir)
  } finally {
    for (const t of temps) releaseTempPath(t)
  }
}

async function writeError(fs: AtomicFs, e: unknown, path: string, dir: string): Promise<AppError> {
  const errno = errnoOf(e) ?? 'UNKNOWN'
  const details = { path, errno }
  if (errno === 'ENOENT' || errno === 'ENOTDIR') {
    const dirEntry = await fs.lstat(dir).catch(() => null)
    if (!dirEntry?.isDirectory()) {
      return new AppError(
        'DIR_MISSING',
        `The folder “${dir}” does not exist (it may be on a drive that is not connected). Reconnect it, or use Save As to choose another folder.`,
        details,
      )
    }
  }
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') {
    return new AppError(
      'FILE_READ_ONLY',
      `“${path}” cannot be written: the file or its folder is read-only, or you do not have permission. Use Save As to choose another folder, or change the permissions.`,
      details,
    )
  }
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    return new AppError(
      'DISK_FULL',
      `The disk is full; the previous version of the file is untouched. Free some space (or use Save As to choose another drive) and save again.`,
      details,
    )
  }
  const reason = e instanceof Error ? e.message : String(e)
  return new AppError(
    'IO_ERROR',
    `“${path}” could not be written (${errno}: ${reason}). The previous version of the file is untouched; try saving again, or use Save As to choose another place.`,
    details,
  )
}
