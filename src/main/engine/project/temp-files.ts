import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import { join } from 'node:path'

// Temp names: `.<base>.<pid>-<hex>.tmp` for new content, `.<base>.<pid>-<hex>.baktmp` for a
// backup on its way to `<path>.bak`. The pid lets a later save tell a dead writer's leftovers from
// a live writer's file (the CLI may save the same project while the app has it open).
const TEMP_PATTERN = /^\.(.+)\.(\d+)-([0-9a-f]{16})\.(tmp|baktmp)$/
const STALE_AFTER_MS = 60 * 60 * 1000
// Linux reports process start times in clock ticks of USER_HZ, which is 100 on every platform
// Node runs on; `btime` in /proc/stat is whole seconds, hence the slack.
const USER_HZ = 100
const START_TIME_SLACK_MS = 2_000

/** The calls the cleanup needs; a subset of the atomic write's injectable file system. */
export interface TempDirFs {
  readdir(path: string): Promise<string[]>
  mtimeMs(path: string): Promise<number | null>
  unlink(path: string): Promise<void>
}

const inUse = new Set<string>()

/** Returns a fresh temp path beside `base` in `dir`, marked as in use by this process. */
export function claimTempPath(dir: string, base: string, kind: 'tmp' | 'baktmp'): string {
  const path = join(dir, `.${base}.${process.pid}-${randomBytes(8).toString('hex')}.${kind}`)
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
      if (old || pid === process.pid || !(await writerMayRun(pid, mtime))) {
        await fs.unlink(path).catch(() => undefined)
      }
    }
  } catch {
    // The save itself succeeded; leftovers are tried again next time.
  }
}

/**
 * Whether the process that last wrote a temp file at `mtimeMs` may still be running.
 *
 * `kill(pid, 0)` alone is fooled by a pid that was reused, and on Linux by a thread id (a signal
 * to a thread id reaches its process), both common on a busy machine with pids up to 32768. On
 * Linux the start time settles it: a process or thread that started after the file was last
 * written cannot be its writer.
 */
async function writerMayRun(pid: number, mtimeMs: number): Promise<boolean> {
  try {
    process.kill(pid, 0)
  } catch (e) {
    // EPERM: something with that pid exists but belongs to another user.
    if (!(e instanceof Error && 'code' in e && e.code === 'EPERM')) return false
  }
  if (process.platform !== 'linux') return true
  const started = await linuxStartTimeMs(pid)
  return started === null || started <= mtimeMs + START_TIME_SLACK_MS
}

async function linuxStartTimeMs(pid: number): Promise<number | null> {
  try {
    const [stat, system] = await Promise.all([
      fsp.readFile(`/proc/${pid}/stat`, 'utf8'),
      fsp.readFile('/proc/stat', 'utf8'),
    ])
    // The command name (field 2) may hold spaces or parentheses; fields after the last ')' are
    // fixed: the state is field 3, the start time field 22.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19])
    const bootSeconds = Number(/^btime (\d+)$/m.exec(system)?.[1])
    if (!Number.isFinite(ticks) || !Number.isFinite(bootSeconds)) return null
    return bootSeconds * 1000 + (ticks * 1000) / USER_HZ
  } catch {
    return null
  }
}
