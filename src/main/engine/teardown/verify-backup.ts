import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../../shared/result'
import { offlineEnv } from './pg-child-env'
import type { PgTools } from './pg-tools'
import { runTool } from './run-tool'

/** What reading a backup back proved about it. */
export interface VerifiedBackup {
  /** Entries of its table of contents (tables, views, functions, data…), comments left out. */
  entries: number
  sizeBytes: number
  /** Of the whole file, lowercase hex. */
  sha256: string
  /** From the archive's header (`dbname`, `Dumped from database version`); null when absent. */
  database: string | null
  serverVersion: string | null
  /** The pg_dump that made it (`Dumped by pg_dump version`). */
  dumpedBy: string | null
}

/** What `verifyBackup` needs. */
export interface VerifyBackupOptions {
  path: string
  tools: Pick<PgTools, 'pgRestore'>
  signal?: AbortSignal
}

/** A custom-format archive (`pg_dump -Fc`) starts with these bytes. */
const CUSTOM_MAGIC = 'PGDMP'
/** Reading a table of contents takes seconds even for a large dump; this is a backstop. */
export const LIST_TIMEOUT_MS = 120_000
/** The start of the listing kept, for its header; the entries are counted as they stream. */
const LIST_HEAD_BYTES = 16 * 1024

/**
 * Proves a file is a readable custom-format backup: `pg_restore --list` must read its table of
 * contents (the entries are counted: TOC lines that are not `;` comments), and its SHA-256 is
 * computed by streaming the file (never held in memory).
 *
 * Throws `FILE_NOT_FOUND` for a missing file, `BAD_REQUEST` for one that is not a custom-format
 * dump (a plain SQL dump is named as such), `UNSUPPORTED` when the archive is newer than this
 * pg_restore, `CANCELLED` when `signal` aborts.
 */
export async function verifyBackup(options: VerifyBackupOptions): Promise<VerifiedBackup> {
  const path = resolve(options.path)
  const sizeBytes = await regularFileSize(path)
  await checkMagic(path)

  let entries = 0
  const run = await runTool(options.tools.pgRestore.path, ['--list', path], {
    timeoutMs: LIST_TIMEOUT_MS,
    maxStdoutBytes: LIST_HEAD_BYTES,
    env: offlineEnv(),
    ...(options.signal ? { signal: options.signal } : {}),
    onLine: (line) => {
      if (line.trim() !== '' && !line.startsWith(';')) entries += 1
    },
  })
  if (run.aborted) throw new AppError('CANCELLED', 'The backup check was cancelled.')
  if (run.spawnError) {
    throw new AppError(
      'UNSUPPORTED',
      `pg_restore (${options.tools.pgRestore.path}) could not be started: ${run.spawnError.code ?? run.spawnError.message}.`,
    )
  }
  if (run.timedOut) {
    throw new AppError('IO_ERROR', `pg_restore did not finish reading “${path}” within 2 minutes.`)
  }
  if (run.code !== 0) {
    const why = lastLines(run.stderrTail)
    if (/unsupported version/i.test(why)) {
      throw new AppError(
        'UNSUPPORTED',
        `“${path}” was made by a newer pg_dump than pg_restore ${options.tools.pgRestore.version} can read: ${why}`,
      )
    }
    throw new AppError('BAD_REQUEST', `pg_restore could not read “${path}”: ${why}`)
  }
  const header = (name: string) => {
    const match = new RegExp(`^;\\s+${name}:\\s*(.+)$`, 'm').exec(run.stdout)
    return match?.[1]?.trim() ?? null
  }
  const sha256 = await fileSha256(path, options.signal)
  return {
    entries,
    sizeBytes,
    sha256,
    database: header('dbname'),
    serverVersion: header('Dumped from database version'),
    dumpedBy: header('Dumped by pg_dump version'),
  }
}

/** The SHA-256 of a file, streamed. */
export async function fileSha256(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  try {
    await pipeline(createReadStream(path), hash, signal ? { signal } : {})
  } catch (e) {
    if (signal?.aborted) throw new AppError('CANCELLED', 'The backup check was cancelled.')
    throw new AppError('IO_ERROR', `“${path}” could not be read: ${(e as Error).message}`)
  }
  return hash.digest('hex')
}

async function regularFileSize(path: string): Promise<number> {
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new AppError('BAD_REQUEST', `“${path}” is not a regular file.`)
    return info.size
  } catch (e) {
    if (e instanceof AppError) throw e
    if ((e as { code?: unknown }).code === 'ENOENT') {
      throw new AppError('FILE_NOT_FOUND', `There is no file “${path}”.`)
    }
    throw new AppError('IO_ERROR', `“${path}” could not be read: ${(e as Error).message}`)
  }
}

/** Refuses early, with a clear sentence, a file that is not a custom-format archive. */
async function checkMagic(path: string): Promise<void> {
  const handle = await open(path, 'r').catch((e: Error) => {
    throw new AppError('IO_ERROR', `“${path}” could not be opened: ${e.message}`)
  })
  let start: string
  try {
    const buffer = Buffer.alloc(64)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    start = buffer.subarray(0, bytesRead).toString('latin1')
  } finally {
    await handle.close()
  }
  if (start.startsWith(CUSTOM_MAGIC)) return
  const plainSql = /^(--|SET |\\connect|CREATE |BEGIN)/.test(start)
  throw new AppError(
    'BAD_REQUEST',
    `“${path}” is not a custom-format PostgreSQL backup (made with pg_dump -Fc)` +
      (plainSql
        ? '; it looks like a plain SQL dump, which cannot be checked with pg_restore.'
        : '.') +
      ' Record a file made with pg_dump -Fc, or let the wizard make one.',
  )
}

/** The last few lines of a tool's error output, as one line. */
export function lastLines(text: string): string {
  const lines = text.trim().split(/\r?\n/).filter(Boolean).slice(-3)
  return lines.length > 0 ? lines.join(' ') : 'it failed without saying why.'
}
