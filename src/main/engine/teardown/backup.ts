import { stat, statfs, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { PostgresProfile } from '../../../shared/project-schema'
import { AppError } from '../../../shared/result'
import type { BackupRecord } from '../../../shared/teardown/teardown-settings'
import { pgChildEnv } from './pg-child-env'
import type { PgTools } from './pg-tools'
import { runTool } from './run-tool'
import { lastLines, verifyBackup, type VerifiedBackup } from './verify-backup'

/** What `makeBackup` needs. */
export interface MakeBackupOptions {
  /** Where the couch2pg server is (host, port, user, TLS); its `database` is not used. */
  profile: PostgresProfile
  /** Given to pg_dump as `PGPASSWORD` only; null to rely on `.pgpass` or trust. */
  password: string | null
  database: string
  /** An existing folder; the file is `<database>-<UTC timestamp>.dump` in it. */
  dir: string
  tools: PgTools
  signal: AbortSignal
  /** The file's size so far, every `PROGRESS_INTERVAL_MS`, and `estimateBytes`. */
  onProgress?: (bytes: number, estimate: number) => void
  /** The database's size (`pg_database_size`): a dump is usually smaller. */
  estimateBytes: number
  /** Called once pg_dump has started (its file may not exist yet). */
  onStarted?: () => void
  /** The clock, for the file name and the record's dates. */
  now?: () => Date
}

/** A backup made and verified, and a warning when free space looked short but was tried. */
export interface MadeBackup {
  record: BackupRecord
  warning: string | null
}

export const PROGRESS_INTERVAL_MS = 500
/**
 * Free space below this share of the database's size is refused (`DISK_FULL`); between it and
 * the full size the dump is tried with a warning, since a compressed custom-format dump is
 * usually much smaller than the database (indexes are not dumped, data is compressed).
 */
export const DISK_REFUSE_SHARE = 0.1

/**
 * Backs up one database with `pg_dump -Fc` into `dir`, then verifies the file (`verifyBackup`).
 *
 * Free space in `dir` (`statfs`) is checked first: less than 10 % of `estimateBytes` is refused
 * with `DISK_FULL`; less than `estimateBytes` gives a `warning` with the record. The password
 * and TLS mode reach pg_dump through its environment only (SEC-09). The growing file's size is
 * reported every 500 ms. On cancel (`CANCELLED`), failure (`IO_ERROR`, `DISK_FULL`), or a file
 * that does not verify, pg_dump is killed and the partial file removed: it is never recorded.
 */
export async function makeBackup(options: MakeBackupOptions): Promise<MadeBackup> {
  const { database, tools, signal } = options
  const now = options.now ?? (() => new Date())
  if (database === '' || database.includes('=') || /^postgres(ql)?:/i.test(database)) {
    // pg_dump reads a `-d` value with `=` or a URI scheme as a connection string.
    throw new AppError('BAD_REQUEST', `“${database}” is not a database name pg_dump can take.`)
  }
  const dir = resolve(options.dir)
  await checkFolder(dir)
  const warning = await checkFreeSpace(dir, options.estimateBytes)
  const createdAt = now()
  const path = join(dir, `${fileStem(database)}-${stamp(createdAt)}.dump`)
  if (
    await stat(path).then(
      () => true,
      () => false,
    )
  ) {
    throw new AppError('CONFLICT', `“${path}” already exists; try again in a second.`)
  }
  if (signal.aborted) throw cancelled()

  const { profile } = options
  const args = [
    '--format=custom',
    '--no-password',
    `--host=${profile.host}`,
    `--port=${profile.port}`,
    `--username=${profile.user}`,
    `--dbname=${database}`,
    `--file=${path}`,
  ]
  let dumping = true
  const progress = setInterval(() => {
    void stat(path).then(
      (info) => dumping && options.onProgress?.(info.size, options.estimateBytes),
      () => undefined,
    )
  }, PROGRESS_INTERVAL_MS)
  let verified: VerifiedBackup
  try {
    const run = await runTool(tools.pgDump.path, args, {
      timeoutMs: 0,
      maxStdoutBytes: 4 * 1024,
      env: pgChildEnv(profile, options.password),
      signal,
      ...(options.onStarted ? { onSpawn: options.onStarted } : {}),
    })
    dumping = false
    clearInterval(progress)
    if (run.aborted || signal.aborted) throw cancelled()
    if (run.spawnError) {
      throw new AppError(
        'UNSUPPORTED',
        `pg_dump (${tools.pgDump.path}) could not be started: ${run.spawnError.code ?? run.spawnError.message}.`,
      )
    }
    if (run.code !== 0) throw dumpFailed(run.stderrTail, database)
    verified = await verifyBackup({ path, tools, signal })
  } catch (e) {
    dumping = false
    clearInterval(progress)
    await rm(path, { force: true })
    throw e
  }
  const size = verified.sizeBytes
  options.onProgress?.(size, options.estimateBytes)
  return {
    record: {
      path,
      format: 'custom',
      database,
      sizeBytes: size,
      sha256: verified.sha256,
      entries: verified.entries,
      serverVersion: verified.serverVersion ?? 'unknown',
      toolVersion: tools.pgDump.version,
      origin: 'made',
      createdAt: createdAt.toISOString(),
      verifiedAt: now().toISOString(),
    },
    warning,
  }
}

/** What `recordExistingBackup` needs besides the file. */
export interface RecordBackupOptions {
  tools: Pick<PgTools, 'pgRestore'>
  /** The database it backs up, when the archive's header does not name it. */
  database?: string
  signal?: AbortSignal
  now?: () => Date
}

/**
 * Records a backup the user made themselves: verified like one the wizard makes (`verifyBackup`),
 * with origin `recorded`; its creation date is the file's modification time.
 */
export async function recordExistingBackup(
  path: string,
  options: RecordBackupOptions,
): Promise<BackupRecord> {
  const now = options.now ?? (() => new Date())
  const absolute = resolve(path)
  const verified = await verifyBackup({
    path: absolute,
    tools: options.tools,
    ...(options.signal ? { signal: options.signal } : {}),
  })
  const modified = await stat(absolute).then((s) => s.mtime)
  return {
    path: absolute,
    format: 'custom',
    database: (verified.database ?? options.database ?? 'unknown').slice(0, 200),
    sizeBytes: verified.sizeBytes,
    sha256: verified.sha256,
    entries: verified.entries,
    serverVersion: verified.serverVersion ?? 'unknown',
    toolVersion: verified.dumpedBy ?? 'unknown',
    origin: 'recorded',
    createdAt: modified.toISOString(),
    verifiedAt: now().toISOString(),
  }
}

const cancelled = () =>
  new AppError('CANCELLED', 'The backup was cancelled; the partial file was removed.')

function dumpFailed(stderrTail: string, database: string): AppError {
  const why = lastLines(stderrTail)
  if (/no space left on device|could not (write|extend)/i.test(stderrTail)) {
    return new AppError('DISK_FULL', `The disk filled up while backing up “${database}”: ${why}`)
  }
  return new AppError('IO_ERROR', `pg_dump could not back up “${database}”: ${why}`)
}

async function checkFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null)
  if (!info?.isDirectory()) {
    throw new AppError('DIR_MISSING', `The backup folder “${dir}” does not exist.`)
  }
}

/** Applies the free-space rule of `makeBackup`; returns the warning, if any. */
export async function checkFreeSpace(dir: string, estimateBytes: number): Promise<string | null> {
  const fs = await statfs(dir).catch((e: Error) => {
    throw new AppError('IO_ERROR', `The free space in “${dir}” could not be read: ${e.message}`)
  })
  const free = Number(fs.bavail) * Number(fs.bsize)
  if (estimateBytes <= 0 || free >= estimateBytes) return null
  const sizes = `${formatBytes(free)} free, the database is ${formatBytes(estimateBytes)}`
  if (free < estimateBytes * DISK_REFUSE_SHARE) {
    throw new AppError(
      'DISK_FULL',
      `Not enough space in “${dir}” for the backup (${sizes}); free some space or choose another folder.`,
      { freeBytes: free, estimateBytes },
    )
  }
  return `The backup folder has less free space than the database's size (${sizes}); a dump is usually smaller, so it is tried, and removed if the disk fills up.`
}

/** `20261202T024724Z`: sortable, and without the colons Windows refuses in file names. */
function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')
}

/** The database name as a safe file name piece. */
function fileStem(database: string): string {
  return database
    .replace(/[^A-Za-z0-9_.-]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 100)
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}
