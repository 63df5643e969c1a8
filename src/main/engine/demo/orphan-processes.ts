import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { processStartTicks } from '../project/temp-files'

/** A process named for good: its pid and its start time (Linux clock ticks), or null if unknown. */
export interface ProcessId {
  pid: number
  start: string | null
}

/**
 * What became of a process named by pid and start time: `gone` (no such process, or a zombie,
 * which no longer runs anything), `same`, `other` (the pid now belongs to another process), or
 * `unknown` (something runs under that pid and its start time cannot be compared).
 */
export type ProcessState = 'gone' | 'same' | 'other' | 'unknown'

const errno = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code

/** The `State:` letter and `PPid:` of `/proc/<pid>/status` (Linux), or null. */
function procStatus(pid: number): { state: string; ppid: number } | null {
  if (process.platform !== 'linux') return null
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8')
    const state = /^State:\s+(\S)/m.exec(text)?.[1]
    const ppid = /^PPid:\s+(\d+)/m.exec(text)?.[1]
    return state && ppid ? { state, ppid: Number(ppid) } : null
  } catch {
    return null
  }
}

/**
 * Tells whether `id` still runs.
 *
 * `kill(pid, 0)` alone is fooled by a reused pid, and by a zombie: an orphan's exit is reaped by
 * whatever adopted it, which on some machines (containers whose init does not reap) takes a while.
 */
export function processState(id: ProcessId): ProcessState {
  try {
    process.kill(id.pid, 0)
  } catch (e) {
    // EPERM: a process with that pid exists, owned by another user.
    if (errno(e) !== 'EPERM') return 'gone'
  }
  const status = procStatus(id.pid)
  if (status && (status.state === 'Z' || status.state === 'X')) return 'gone'
  if (id.start === null) return 'unknown'
  const now = processStartTicks(id.pid)
  if (now === null) return 'unknown'
  return now === id.start ? 'same' : 'other'
}

/**
 * Whether `pid` is the PostgreSQL server of `dataDir`. On Linux its working folder says so (the
 * postmaster and its children work in their data folder); elsewhere, PostgreSQL's own lock file
 * `postmaster.pid`, which names the running postmaster, must name it.
 */
export function isPostmasterOf(pid: number, dataDir: string): boolean {
  try {
    if (process.platform === 'linux') {
      return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(dataDir)
    }
    return postmasterPidIn(dataDir) === pid
  } catch {
    return false
  }
}

/** The pid on the first line of `<dataDir>/postmaster.pid`, or null. */
export function postmasterPidIn(dataDir: string): number | null {
  try {
    const first = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? ''
    return /^\d{1,10}$/.test(first.trim()) ? Number(first.trim()) : null
  } catch {
    return null
  }
}

/** The processes whose parent is `pid` (Linux; elsewhere none are found). */
export function childProcesses(pid: number): ProcessId[] {
  if (process.platform !== 'linux') return []
  let names: string[]
  try {
    names = readdirSync('/proc')
  } catch {
    return []
  }
  const children: ProcessId[] = []
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue
    const child = Number(name)
    if (procStatus(child)?.ppid !== pid) continue
    children.push({ pid: child, start: processStartTicks(child) })
  }
  return children
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitGone(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() >= end) return false
    await sleep(100)
  }
  return true
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // Gone in the meantime, or not ours to signal: either way there is nothing more to do.
  }
}

/**
 * Stops an orphaned postmaster the way PostgreSQL likes best: SIGINT (fast shutdown: it ends its
 * sessions, writes a checkpoint and exits), and SIGKILL if it has not exited after `timeoutMs`.
 * Children it leaves behind (a killed postmaster's backends exit on their own, but may take a
 * moment) are killed too, each only while it is still the same process.
 *
 * `isStill` must say whether `postmaster` is still that server; it is asked again before the
 * SIGKILL, so a pid reused in the meantime is never signalled.
 */
export async function stopPostmaster(
  postmaster: ProcessId,
  isStill: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const children = childProcesses(postmaster.pid)
  const gone = () => !isStill()
  signal(postmaster.pid, 'SIGINT')
  if (!(await waitGone(gone, timeoutMs)) && isStill()) {
    signal(postmaster.pid, 'SIGKILL')
    await waitGone(gone, 2_000)
  }
  const left = () => children.filter((child) => processState(child) === 'same')
  if (await waitGone(() => left().length === 0, 1_000)) return
  for (const child of left()) signal(child.pid, 'SIGKILL')
}
