import { createHash } from 'node:crypto'
import { open, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** What a recorded backup file turned out to be. */
export type DumpKind =
  'custom' | 'directory' | 'plain' | 'compressed' | 'not_a_dump' | 'missing' | 'unreadable'

/** One recorded backup file, as examined. */
export interface DumpFile {
  path: string
  kind: DumpKind
  bytes: number | null
  modified: Date | null
  /** SHA-256 of the file (hex), or null when it was not computed. */
  sha256: string | null
  /** Why the hash is missing, or what was wrong, in words. */
  note: string
}

/** How much of a plain dump's head is read to find pg_dump's banner. */
const HEAD_BYTES = 4096
/** A file larger than this is not hashed (its size and kind are still reported). */
export const MAX_HASH_BYTES = 20 * 1024 ** 3
const CHUNK = 1024 * 1024

/** What the first bytes of a file say it is (pg_dump's formats: custom `PGDMP`, plain SQL). */
export function dumpKindOf(head: Buffer): DumpKind {
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'custom'
  const text = head.toString('utf8')
  if (text.startsWith('--') && text.includes('PostgreSQL database dump')) return 'plain'
  if (head[0] === 0x1f && head[1] === 0x8b) return 'compressed'
  return 'not_a_dump'
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(HEAD_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * SHA-256 of a file, read in 1 MB chunks; null when `deadline` passes or `signal` aborts first
 * (a hash that cannot finish in the check's time is left out, not waited for).
 */
async function hashFile(
  path: string,
  deadline: number,
  signal: AbortSignal,
): Promise<string | null> {
  const hash = createHash('sha256')
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(CHUNK)
    for (;;) {
      if (signal.aborted || Date.now() > deadline) return null
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null)
      if (bytesRead === 0) return hash.digest('hex')
      hash.update(buffer.subarray(0, bytesRead))
    }
  } finally {
    await handle.close()
  }
}

const codeOf = (e: unknown) => {
  const code = (e as { code?: unknown }).code
  return typeof code === 'string' ? code : 'error'
}

/**
 * Examines a recorded backup: `stat` only (no directory walk), its first bytes, and its SHA-256
 * when it can be read by `deadline`. A folder is pg_dump's directory format when its `toc.dat`
 * starts with `PGDMP`; the folder's size is then that of `toc.dat` (the tables' files are not
 * summed). Never throws for a file problem: `missing`, `unreadable` say it.
 */
export async function examineDump(
  path: string,
  deadline: number,
  signal: AbortSignal,
): Promise<DumpFile> {
  const none = { bytes: null, modified: null, sha256: null }
  let info
  try {
    info = await stat(path)
  } catch (e) {
    const code = codeOf(e)
    return code === 'ENOENT'
      ? { path, kind: 'missing', ...none, note: 'no such file' }
      : { path, kind: 'unreadable', ...none, note: `cannot be read (${code})` }
  }
  const target = info.isDirectory() ? join(path, 'toc.dat') : path
  try {
    const fileInfo = info.isDirectory() ? await stat(target) : info
    if (!fileInfo.isFile()) {
      return { path, kind: 'not_a_dump', ...none, note: 'not a regular file' }
    }
    const head = await readHead(target)
    const found = dumpKindOf(head)
    const kind: DumpKind = info.isDirectory()
      ? found === 'custom'
        ? 'directory'
        : 'not_a_dump'
      : found
    const base = { path, kind, bytes: fileInfo.size, modified: info.mtime }
    if (kind === 'not_a_dump') return { ...base, sha256: null, note: 'not a pg_dump file' }
    if (fileInfo.size > MAX_HASH_BYTES) {
      return { ...base, sha256: null, note: 'larger than 20 GB: the hash was not computed' }
    }
    const sha256 = await hashFile(target, deadline, signal)
    return {
      ...base,
      sha256,
      note: sha256 === null ? 'the hash was not computed within the check’s time' : '',
    }
  } catch (e) {
    const code = codeOf(e)
    return code === 'ENOENT' && info.isDirectory()
      ? { path, kind: 'not_a_dump', ...none, note: 'a folder without toc.dat' }
      : { path, kind: 'unreadable', ...none, note: `cannot be read (${code})` }
  }
}
