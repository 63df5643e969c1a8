import { spawn } from 'node:child_process'

/** What a PostgreSQL client tool left behind when it ended. */
export interface ToolRun {
  /** The exit code; null when it was ended by a signal or could not start. */
  code: number | null
  /** The start of its standard output, at most `maxStdoutBytes`. */
  stdout: string
  /** True when more output came than was kept. */
  stdoutTruncated: boolean
  /** The end of its standard error, at most `STDERR_TAIL_BYTES` (the last lines say why it failed). */
  stderrTail: string
  /** True when it ran past `timeoutMs` and was killed. */
  timedOut: boolean
  /** True when `signal` aborted and it was killed. */
  aborted: boolean
  /** The error that prevented it from starting (`ENOENT`, `EACCES`…), if any. */
  spawnError: NodeJS.ErrnoException | null
}

/** How a tool is run: always without a shell, with bounded time and output. */
export interface RunToolOptions {
  /** Killed after this long; 0 for no limit (then `signal` is the only way to stop it). */
  timeoutMs: number
  /** Standard output kept (the rest is read and dropped, or given to `onLine`). */
  maxStdoutBytes: number
  /** The child's whole environment; the parent's is not inherited beyond what is given here. */
  env?: NodeJS.ProcessEnv
  signal?: AbortSignal
  /** Each complete line of standard output, as it comes (for output too long to keep). */
  onLine?: (line: string) => void
  /** Called once the child has started. */
  onSpawn?: () => void
}

/** The tail of standard error kept for an error message. */
export const STDERR_TAIL_BYTES = 4 * 1024
/** How long a killed tool has to exit after SIGTERM before it gets SIGKILL. */
const KILL_GRACE_MS = 3_000

/**
 * Runs a program with an argument array (never a shell), bounded in time and output, and resolves
 * when it has exited, whatever the outcome: the caller turns the `ToolRun` into a result or an
 * `AppError`. A timeout or an aborted `signal` kills it (SIGTERM, then SIGKILL) and still waits
 * for the exit, so a caller may safely remove the files it was writing.
 */
export function runTool(
  command: string,
  args: readonly string[],
  options: RunToolOptions,
): Promise<ToolRun> {
  const { timeoutMs, maxStdoutBytes, signal, onLine } = options
  return new Promise((resolve) => {
    const stdout: Buffer[] = []
    let kept = 0
    let seen = 0
    let stderr = Buffer.alloc(0)
    let stderrCut = false
    let pending = ''
    let timedOut = false
    let aborted = false
    let spawnError: NodeJS.ErrnoException | null = null
    let killTimer: NodeJS.Timeout | undefined
    const child = spawn(command, [...args], {
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    })
    const kill = () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS)
      killTimer.unref()
    }
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true
            kill()
          }, timeoutMs)
        : undefined
    const onAbort = () => {
      aborted = true
      kill()
    }
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
    child.once('spawn', () => options.onSpawn?.())
    child.stdout.on('data', (chunk: Buffer) => {
      if (kept < maxStdoutBytes) {
        const part = chunk.subarray(0, maxStdoutBytes - kept)
        stdout.push(part)
        kept += part.length
      }
      seen += chunk.length
      if (onLine) {
        const lines = (pending + chunk.toString('utf8')).split('\n')
        pending = lines.pop() ?? ''
        // A line without an end is bounded too: a binary stream must not grow `pending` forever.
        if (pending.length > 64 * 1024) pending = pending.slice(-64 * 1024)
        for (const line of lines) onLine(line.replace(/\r$/, ''))
      }
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk])
      if (stderr.length > STDERR_TAIL_BYTES) {
        stderr = stderr.subarray(-STDERR_TAIL_BYTES)
        stderrCut = true
      }
    })
    let settled = false
    const finish = (code: number | null) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearTimeout(killTimer)
      signal?.removeEventListener('abort', onAbort)
      if (onLine && pending !== '') onLine(pending.replace(/\r$/, ''))
      const out = Buffer.concat(stdout)
      resolve({
        code: spawnError ? null : code,
        stdout: out.toString('utf8'),
        stdoutTruncated: seen > kept,
        // A cut tail starts mid-line (maybe mid-character): that first piece is dropped.
        stderrTail: stderrCut
          ? stderr.toString('utf8').replace(/^[^\n]*\n/, '')
          : stderr.toString(),
        timedOut,
        aborted,
        spawnError,
      })
    }
    // A program that cannot start may emit 'error' without 'close'; one that ran emits 'close'.
    child.once('error', (e: NodeJS.ErrnoException) => {
      spawnError = e
      if (child.pid === undefined) finish(null)
    })
    child.once('close', (code) => finish(code))
  })
}
