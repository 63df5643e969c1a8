import { promises as fsp } from 'node:fs'
import type { RecentEntry, RecentListEntry } from '../../../shared/contract'

/** How long one file's check may take before it counts as "not known to be missing". */
export const RECENT_CHECK_TIMEOUT_MS = 1_000

export interface RecentCheckOptions {
  timeoutMs?: number
  /** Stands in for `fs.promises.stat` (tests). */
  stat?: (path: string) => Promise<unknown>
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code

/**
 * Marks the recent entries whose file is gone (`missing`), so the welcome screen can say so and
 * offer to take them off the list.
 *
 * Bounded: the files are checked at once, each for at most `timeoutMs` (a network share that
 * hangs must not hold up the welcome screen). Only a definite answer (`ENOENT`, `ENOTDIR`) marks
 * an entry missing; a slow or unreadable one is listed as usual and opening it says why.
 */
export async function withFileStatus(
  entries: readonly RecentEntry[],
  options: RecentCheckOptions = {},
): Promise<RecentListEntry[]> {
  const timeoutMs = options.timeoutMs ?? RECENT_CHECK_TIMEOUT_MS
  const stat = options.stat ?? ((path: string) => fsp.stat(path))
  return Promise.all(
    entries.map(async (entry) => ({ ...entry, missing: await isMissing(entry.path) })),
  )

  async function isMissing(path: string): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const slow = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs)
    })
    const checked = stat(path).then(
      () => false,
      (e: unknown) => errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR',
    )
    try {
      return await Promise.race([checked, slow])
    } finally {
      clearTimeout(timer)
    }
  }
}
