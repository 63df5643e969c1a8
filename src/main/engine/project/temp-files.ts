import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

// Temp names: `.<base>.<pid>-<start>-<hex>.tmp` for new content, `.<base>.<pid>-<start>-<hex>.baktmp`
// for a backup on its way to `<path>.bak`. The pid and the writer's start time (Linux clock ticks
// since boot; 0 where unknown) let a later save tell a dead writer's leftovers from a live
// writer's file (the CLI may save the same project while the app has it open). Timestamps of the
// files cannot tell: a `.baktmp` is a hard link and carries the old file's times.
const TEMP_PATTERN = /^\.(.+)\.(\d+)-(\d+)-([0-9a-f]{16})\.(tmp|baktmp)$/
const STALE_AFTER_MS = 60 * 60 * 1000

/** The calls the cleanup needs; a subset of the atomic write's injectable file system. */
export interface TempDirFs {
  readdir(path: string): Promise<string[]>
  mtimeMs(path: string): Promise<number | null>
  unlink(path: string): Promise<void>
}

const inUse = new Set<string>()
let ownStart: string | null = null

/**
 * The start time of process `pid` in clock ticks since boot, from `/proc/<pid>/stat` (Linux), or
 * null where it cannot be read. Together with the pid it names one process for good: a reused pid
 * or a thread id has another start time.
 */
export function processStartTicks(pid: number): string | null {
  if (process.platform !== 'linux') return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces or parentheses; the fields after the last ')'
    // are fixed: the state is field 3, the start time field 22.
    const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
    return ticks !== undefined && /^\d+$/.test(ticks) ? ticks : null
  } catch {
    return null
  }
}

/** Returns a fresh temp path beside `base` in `dir`, marked as in use by this process. */
export function claimTempPath(dir: string, base: string, kind: 'tmp' | 'baktmp'): string {
  ownStart ??= processStartTicks(process.pid) ?? '0'
  const name = `.${base}.${process.pid}-${ownStart}-${randomBytes(8).toString('hex')}.${kind}`
  const path = join(dir, name)
  inUse.add(path)
  return path
}

export function releaseTempPath(path: string): void {
  inUse.delete(path)
}

/**
 * Removes temp files of `base` left by writers that no longer run (killed, crashed, power cut):
 * those of a dead process, those of this process not in use, and any older than an hour. Best
 * effort: a failure here never fails the save that called it.
 */
export async function removeStaleTemps(fs: TempDirFs, dir: string, base: string): Promise<void> {
  try {
    for (const name of await fs.readdir(dir)) {
      const match = TEMP_PATTERN.exec(name)
      if (!match || match[1] !== base) continue
      const path = join(dir, name)
      if (inUse.has(path)) continue
      const pid = Number(match[2])
      const mtime = await fs.mtimeMs(path)
      if (mtime === null) continue
      const old = Date.now() - mtime > STALE_AFTER_MS
      if (old || pid === process.pid || !writerMayRun(pid, match[3] ?? '0')) {
        await fs.unlink(path).catch(() => undefined)
      }
    }
  } catch {
    // The save itself succeeded; leftovers are tried again next time.
  }
}

/**
 * Whether the writer named by `pid` and its start time `start` may still be running.
 *
 * `kill(pid, 0)` alone is fooled by a pid that was reused, and on Linux by a thread id (a signal
 * to a thread id reaches its process), both common on a busy machine with pids up to 32768; the
 * start time settles it where it is known.
 */
function writerMayRun(pid: number, start: string): boolean {
  try {
    process.kill(pid, 0)
  } catch (e) {
    // EPERM: something with that pid exists but belongs to another user.
    if (!(e instanceof Error && 'code' in e && e.code === 'EPERM')) return false
  }
  if (start === '0') return true
  const current = processStartTicks(pid)
  return current === null || current === start
}
