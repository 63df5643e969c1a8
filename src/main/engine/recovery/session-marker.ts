import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { readBoundedRegularFile } from '../fs/bounded-read'
import { atomicWriteFile } from '../project/atomic-write'
import { currentOwner, isProcessAlive, type IsAlive } from './process-owner'

/** The folder of the running-session markers, in the config folder. */
export const SESSIONS_DIR = 'sessions'
const MARKER_PATTERN = /^(\d{1,10})-([0-9a-f]{16})\.json$/
const MAX_MARKER_BYTES = 4096
// A config folder full of markers (a loop that crashed on start) is read only this far.
const MAX_MARKERS = 200

const markerSchema = z.object({
  pid: z.number().int().positive(),
  startTicks: z.string().max(30).nullable(),
  startedAt: z.string().max(40),
  appVersion: z.string().max(100),
})

/** What the start of a session learned about the ones before it. */
export interface SessionStart {
  /**
   * True when a marker of a process that no longer runs was found: that wizard ended without
   * its shutdown (a crash, a kill, a power cut, a reboot). Cleared markers are not counted twice.
   */
  uncleanEnd: boolean
  /** Removes this session's marker: the last step of a clean shutdown. Idempotent. */
  end(): Promise<void>
}

export interface SessionMarkerOptions {
  appVersion: string
  now?: () => Date
  isAlive?: IsAlive
  warn?: (message: string, error: unknown) => void
}

/**
 * Marks this process as a running wizard, and tells whether an earlier one ended uncleanly.
 *
 * Each process writes its own marker, `<configDir>/sessions/<pid>-<random>.json` (pid, start
 * time, version), and removes it when it shuts down cleanly. A single shared lock file could not
 * tell a crash from a second wizard running at the same time (browser mode beside the desktop
 * app, a CLI command), so at start every other marker is checked: one whose process still runs
 * is left alone; one whose process is gone is the trace of an unclean end, and is removed once
 * counted. A marker that cannot be read counts as gone. Failures to read or write markers only
 * cost the crash notice, never the start.
 */
export async function startSession(
  configDir: string,
  options: SessionMarkerOptions,
): Promise<SessionStart> {
  const dir = join(configDir, SESSIONS_DIR)
  const isAlive = options.isAlive ?? isProcessAlive
  const warn = options.warn ?? (() => undefined)
  let uncleanEnd = false
  const names = await fsp.readdir(dir).catch(() => [] as string[])
  for (const name of names.filter((n) => MARKER_PATTERN.test(n)).slice(0, MAX_MARKERS)) {
    const path = join(dir, name)
    const marker = await readMarker(path)
    if (marker && isAlive(marker)) continue
    uncleanEnd = true
    await fsp.unlink(path).catch((e) => warn(`removing the stale session marker ${path}`, e))
  }
  const owner = currentOwner()
  const own = join(dir, `${owner.pid}-${randomBytes(8).toString('hex')}.json`)
  let written = false
  try {
    await fsp.mkdir(dir, { recursive: true })
    const marker = {
      ...owner,
      startedAt: (options.now ?? (() => new Date()))().toISOString(),
      appVersion: options.appVersion,
    }
    await atomicWriteFile(own, JSON.stringify(marker) + '\n', { backup: false })
    written = true
  } catch (e) {
    warn('writing the session marker (a crash of this run will not be noticed)', e)
  }
  let ended = false
  return {
    uncleanEnd,
    async end() {
      if (ended || !written) return
      ended = true
      await fsp.unlink(own).catch((e) => warn(`removing the session marker ${own}`, e))
    },
  }
}

async function readMarker(path: string) {
  try {
    const bytes = await readBoundedRegularFile(path, MAX_MARKER_BYTES)
    const parsed = markerSchema.safeParse(JSON.parse(bytes.toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
