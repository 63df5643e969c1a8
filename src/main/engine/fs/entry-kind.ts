import type { Stats } from 'node:fs'

/** What a directory entry is, in the terms a message to a person uses. */
export type EntryKind = 'file' | 'folder' | 'symlink' | 'fifo' | 'socket' | 'device' | 'other'

/** The part of `fs.Stats` (from `lstat`, `stat` or `fstat`) that `entryKind` reads. */
export type EntryStats = Pick<
  Stats,
  | 'isFile'
  | 'isDirectory'
  | 'isSymbolicLink'
  | 'isFIFO'
  | 'isSocket'
  | 'isCharacterDevice'
  | 'isBlockDevice'
>

/** Classifies an entry; a symlink only shows up in the stats of `lstat`. */
export function entryKind(stats: EntryStats): EntryKind {
  if (stats.isFile()) return 'file'
  if (stats.isDirectory()) return 'folder'
  if (stats.isSymbolicLink()) return 'symlink'
  if (stats.isFIFO()) return 'fifo'
  if (stats.isSocket()) return 'socket'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device'
  return 'other'
}

const WHY: Record<Exclude<EntryKind, 'file'>, { read: string; write: string }> = {
  folder: {
    read: 'is a folder, not a file',
    write: 'is a folder. Choose a file name instead',
  },
  symlink: {
    read: 'is a symbolic link',
    write:
      'is a symbolic link; the wizard does not write through links, which could point at the project or any other file. Choose another name, or remove the link first',
  },
  fifo: {
    read: 'is a named pipe (FIFO), not a regular file: reading it could wait forever',
    write:
      'is a named pipe (FIFO), not a regular file: writing to it could wait forever. Choose a file name instead',
  },
  socket: {
    read: 'is a socket, not a regular file',
    write: 'is a socket, not a regular file. Choose a file name instead',
  },
  device: {
    read: 'is a device, not a regular file',
    write:
      'is a device, not a regular file; the wizard writes only regular files. Choose a file name instead',
  },
  other: {
    read: 'is not a regular file',
    write: 'is not a regular file. Choose a file name instead',
  },
}

/** Why an entry that is not a regular file cannot be read or written, as a sentence. */
export function notAFileMessage(
  path: string,
  kind: Exclude<EntryKind, 'file'>,
  action: 'read' | 'write',
): string {
  return `“${path}” ${WHY[kind][action]}.`
}
