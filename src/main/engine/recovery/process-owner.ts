import { processStartTicks } from '../project/temp-files'

/**
 * One running process for good: its pid and, on Linux, its start time in clock ticks since boot
 * (null elsewhere). A pid alone may be reused by an unrelated process after a crash or a reboot.
 */
export interface ProcessOwner {
  pid: number
  startTicks: string | null
}

/** Tells whether the process that wrote a marker or an autosave still runs. */
export type IsAlive = (owner: ProcessOwner) => boolean

/** This process, as it writes itself into session markers and autosave manifests. */
export function currentOwner(): ProcessOwner {
  return { pid: process.pid, startTicks: processStartTicks(process.pid) }
}

/**
 * Whether `owner` still runs: a signal 0 reaches its pid, and where start times are known, the
 * process at that pid started when the owner did. Where they are not known (macOS, Windows), a
 * pid reused after a reboot counts as alive: its autosaves are then offered once that process
 * ends, which is late but never loses them; the other mistake would show another running
 * wizard's work as abandoned.
 */
export const isProcessAlive: IsAlive = (owner) => {
  if (!Number.isSafeInteger(owner.pid) || owner.pid <= 0) return false
  try {
    process.kill(owner.pid, 0)
  } catch {
    // ESRCH: gone. EPERM: the pid belongs to another user, so it is not a wizard of ours.
    return false
  }
  if (owner.startTicks === null) return true
  const ticks = processStartTicks(owner.pid)
  return ticks === null || ticks === owner.startTicks
}
