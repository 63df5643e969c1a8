import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { redactSecrets } from '../../../shared/redact'

/**
 * The wizard's one log: what went wrong inside it, for whoever has to find out why.
 *
 * Messages that say "the details are in the log" point at `path`. Stacks, error codes and
 * connection targets go here and never into a reply; secrets are masked before a line is written
 * (SEC-09).
 */
export interface Log {
  /** The file lines go to (the current one; older ones are `<path>.1`, `<path>.2`, …). */
  readonly path: string
  error(message: string, error?: unknown): void
  warn(message: string, error?: unknown): void
  info(message: string): void
}

export interface FileLogOptions {
  /** Rotate when the file would grow past this (default 1 MB). */
  maxBytes?: number
  /** Rotated files kept besides the current one (default 3). */
  keep?: number
  /** Also write each line here (tests pass a collector; the faces pass nothing). */
  echo?: (line: string) => void
  now?: () => Date
}

/** The log file's place under the wizard's configuration folder. */
export const logPathIn = (configDir: string): string => join(configDir, 'logs', 'cht-migrate.log')

/** Longest line written; a hostile error message must not fill the disk. */
const MAX_LINE = 16_000

function describe(error: unknown): string {
  if (error === undefined) return ''
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    const head = `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`
    const stack = error.stack?.split('\n').slice(1, 12).join('\n') ?? ''
    const cause = error.cause === undefined ? '' : `\n  caused by ${describe(error.cause)}`
    return `${head}${stack ? `\n${stack}` : ''}${cause}`
  }
  try {
    return JSON.stringify(error)
  } catch {
    return String(error)
  }
}

/**
 * A size-capped, rotated log file. Writing is synchronous and rare (failures, not traffic), so a
 * line is on disk even when the process dies right after; a log that cannot be written (a
 * read-only folder) never breaks the wizard: it falls back to stderr.
 */
export function createFileLog(path: string, options: FileLogOptions = {}): Log {
  const maxBytes = options.maxBytes ?? 1024 * 1024
  const keep = options.keep ?? 3
  const now = options.now ?? (() => new Date())
  let broken = false

  const rotate = () => {
    for (let i = keep; i >= 1; i--) {
      const from = i === 1 ? path : `${path}.${i - 1}`
      try {
        if (i === keep) rmSync(`${path}.${keep}`, { force: true })
        renameSync(from, `${path}.${i}`)
      } catch {
        // A missing older file is normal.
      }
    }
  }

  const write = (level: string, message: string, error?: unknown) => {
    const detail = describe(error)
    const text = redactSecrets(`${message}${detail ? ` — ${detail}` : ''}`).slice(0, MAX_LINE)
    const line = `${now().toISOString()} ${level} ${text.replace(/\r?\n/g, '\n    ')}\n`
    options.echo?.(line)
    if (broken) {
      process.stderr.write(`[cht-migrate] ${line}`)
      return
    }
    try {
      mkdirSync(dirname(path), { recursive: true })
      let size = 0
      try {
        size = statSync(path).size
      } catch {
        size = 0
      }
      if (size + Buffer.byteLength(line) > maxBytes) rotate()
      appendFileSync(path, line, { mode: 0o600 })
    } catch (e) {
      broken = true
      process.stderr.write(`[cht-migrate] the log ${path} cannot be written (${describe(e)})\n`)
      process.stderr.write(`[cht-migrate] ${line}`)
    }
  }

  return {
    path,
    error: (message, error) => write('ERROR', message, error),
    warn: (message, error) => write('WARN', message, error),
    info: (message) => write('INFO', message),
  }
}

/** A log that only collects lines in memory (tests). */
export function createMemoryLog(path = '(memory)'): Log & { lines: string[] } {
  const lines: string[] = []
  const push = (level: string) => (message: string, error?: unknown) => {
    lines.push(
      `${level} ${redactSecrets(message)}${error === undefined ? '' : ` — ${describe(error)}`}`,
    )
  }
  return { path, lines, error: push('ERROR'), warn: push('WARN'), info: push('INFO') }
}

/**
 * Where a service reports when no log was handed to it (a unit under test, a tool): standard
 * error, masked like the file. The engine always hands its services the file log.
 */
export const stderrLog: Log = {
  path: '(standard error)',
  error: (message, error) => writeStderr('ERROR', message, error),
  warn: (message, error) => writeStderr('WARN', message, error),
  info: (message) => writeStderr('INFO', message),
}

function writeStderr(level: string, message: string, error?: unknown): void {
  const detail = describe(error)
  process.stderr.write(
    `[cht-migrate] ${level} ${redactSecrets(`${message}${detail ? ` — ${detail}` : ''}`).slice(0, MAX_LINE)}\n`,
  )
}
