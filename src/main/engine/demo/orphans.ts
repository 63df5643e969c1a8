import { promises as fsp } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, isAbsolute, join } from 'node:path'
import {
  isPostmasterOf,
  postmasterPidIn,
  processState,
  stopPostmaster,
  type ProcessId,
} from './orphan-processes'
import { openRegistryDir, readDemoRecords, removeIfEmpty, type DemoRecord } from './demo-registry'

/** The folders `createDemoDir` makes under the temp folder (`mkdtemp` adds six characters). */
const DEMO_DIR_NAME = /^cht-migrate-demo-[A-Za-z0-9]{6}$/

/** Where to sweep and how patiently; the defaults are the product's. */
export interface SweepOptions {
  /** The temp folder whose registry and demo folders are swept (default: the OS temp folder). */
  tmpDir?: string
  /** How long a postmaster gets for its fast shutdown before SIGKILL (default 10 s). */
  stopTimeoutMs?: number
  /** A folder without a record is left alone while younger than this (default one minute). */
  minAgeMs?: number
  log?: { info(message: string): void; warn(message: string, error?: unknown): void }
}

/** What a sweep did, for the log and the tests. */
export interface SweepReport {
  /** Postmasters stopped. */
  stopped: number[]
  /** Demo folders removed. */
  removed: string[]
  /** Folders of kept demos (`--keep`) whose server was stopped and which were left in place. */
  kept: string[]
  /** Records removed. */
  records: number
}

const sweeps = new Map<string, Promise<SweepReport>>()

/**
 * Cleans up after demo deployments whose wizard was killed (SIGKILL, a crash, a power cut):
 * stops their PostgreSQL server, removes their folder (unless it was kept) and their record.
 *
 * A record is an orphan when its owner process is gone, or its pid now belongs to another
 * process (the start times differ). Its postmaster is signalled only while it is provably that
 * server: the same pid and start time as recorded, or (record written before it started) a
 * process working in the demo's data folder. A demo folder under the temp folder with no record
 * is removed when its `postmaster.pid` names a process that is gone or is not its server, and
 * it is older than `minAgeMs`. Nothing is done to a live owner's demo, nothing is followed
 * through a symlink, and only this user's registry and folders are considered.
 *
 * Call it once when the engine starts, in the background (`void sweepOrphanedDemos({ log })`);
 * `startDemo` awaits it before making a new demo. Never throws; concurrent calls share one run.
 */
export function sweepOrphanedDemos(options: SweepOptions = {}): Promise<SweepReport> {
  const tmpDir = options.tmpDir ?? tmpdir()
  const running = sweeps.get(tmpDir)
  if (running) return running
  const sweep = runSweep(tmpDir, options)
    .catch((e: unknown) => {
      options.log?.warn('cleaning up demos left by a killed wizard failed', e)
      return emptyReport()
    })
    .finally(() => sweeps.delete(tmpDir))
  sweeps.set(tmpDir, sweep)
  return sweep
}

const emptyReport = (): SweepReport => ({ stopped: [], removed: [], kept: [], records: 0 })

async function runSweep(tmpDir: string, options: SweepOptions): Promise<SweepReport> {
  const report = emptyReport()
  const minAgeMs = options.minAgeMs ?? 60_000
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000
  const registered = new Set<string>()
  const registry = await openRegistryDir(tmpDir, false)
  const entries = registry ? await readDemoRecords(registry) : []
  const orphans: { path: string; record: DemoRecord }[] = []
  for (const { path, record, mtimeMs } of entries) {
    if (!record) {
      // Damaged (the atomic write makes that unlikely); old enough not to be in the writing.
      if (Date.now() - mtimeMs > minAgeMs) await fsp.rm(path, { force: true })
      continue
    }
    registered.add(record.dir)
    const owner = processState({ pid: record.ownerPid, start: record.ownerStart })
    if (owner === 'same' || owner === 'unknown') continue
    orphans.push({ path, record })
  }
  await Promise.all(
    orphans.map(async ({ path, record }) => {
      const postmaster = findPostmaster(record)
      if (postmaster) {
        await stopPostmaster(postmaster, () => isStill(postmaster, record.dataDir), stopTimeoutMs)
        report.stopped.push(postmaster.pid)
      }
      if (record.kept) report.kept.push(record.dir)
      else if (await removeDemoDir(record.dir)) report.removed.push(record.dir)
      await fsp.rm(path, { force: true })
      report.records++
    }),
  )
  if (registry && report.records > 0) await removeIfEmpty(registry)
  for (const dir of await unregisteredDemoDirs(tmpDir, registered, minAgeMs)) {
    if (await removeDemoDir(dir)) report.removed.push(dir)
  }
  if (report.stopped.length + report.removed.length + report.records > 0) {
    options.log?.info(
      `Cleaned up demos left by a killed wizard: stopped PostgreSQL ${report.stopped.join(', ') || '(none)'}; removed ${report.removed.join(', ') || 'no folder'}${report.kept.length ? `; kept ${report.kept.join(', ')}` : ''}.`,
    )
  }
  return report
}

/** Still that postmaster: by start time where known, else by what it works on. */
function isStill(postmaster: ProcessId, dataDir: string): boolean {
  const state = processState(postmaster)
  return state === 'same' || (state === 'unknown' && isPostmasterOf(postmaster.pid, dataDir))
}

/**
 * The orphan's postmaster, if it still runs: the recorded one (same pid and start time), or,
 * when the wizard died before recording it, the one its data folder's `postmaster.pid` names,
 * provided that process really works in that data folder.
 */
function findPostmaster(record: DemoRecord): ProcessId | null {
  if (record.postgresPid !== null) {
    const recorded = { pid: record.postgresPid, start: record.postgresStart }
    if (isStill(recorded, record.dataDir)) return recorded
  }
  const named = postmasterPidIn(record.dataDir)
  if (named === null || named === record.postgresPid) return null
  const candidate = { pid: named, start: null }
  return isStill(candidate, record.dataDir) ? candidate : null
}

/**
 * Removes a demo folder, only if it is one: named like the folders `createDemoDir` makes, a real
 * folder (a symlink is never followed), and owned by this user. `rm` removes links inside
 * without following them.
 */
async function removeDemoDir(dir: string): Promise<boolean> {
  if (!isAbsolute(dir) || !DEMO_DIR_NAME.test(basename(dir))) return false
  const stat = await fsp.lstat(dir).catch(() => null)
  if (!stat?.isDirectory()) return false
  const uid = process.getuid?.()
  if (uid !== undefined && stat.uid !== uid) return false
  await fsp.rm(dir, { recursive: true, force: true })
  return true
}

/**
 * Demo folders directly under `tmpDir` that no record names, whose PostgreSQL is gone (or whose
 * `postmaster.pid` names a process that is not their server), untouched for `minAgeMs`.
 * A folder without `postmaster.pid` is left alone: nothing tells whose it is.
 */
async function unregisteredDemoDirs(
  tmpDir: string,
  registered: Set<string>,
  minAgeMs: number,
): Promise<string[]> {
  const names = await fsp.readdir(tmpDir).catch(() => [] as string[])
  const found: string[] = []
  for (const name of names) {
    const dir = join(tmpDir, name)
    if (!DEMO_DIR_NAME.test(name) || registered.has(dir)) continue
    const dataDir = join(dir, 'postgres', 'pgdata')
    const pidFile = join(dataDir, 'postmaster.pid')
    // Each step must be a real folder or file: no symlink leads the sweep elsewhere.
    const stats = await Promise.all(
      [dir, join(dir, 'postgres'), dataDir, pidFile].map((p) => fsp.lstat(p).catch(() => null)),
    )
    const [top, postgres, data, file] = stats
    if (!top?.isDirectory() || !postgres?.isDirectory() || !data?.isDirectory()) continue
    if (!file?.isFile()) continue
    if (Date.now() - Math.max(top.mtimeMs, file.mtimeMs) < minAgeMs) continue
    const pid = postmasterPidIn(dataDir)
    if (pid === null) continue
    if (processState({ pid, start: null }) !== 'gone' && isPostmasterOf(pid, dataDir)) continue
    found.push(dir)
  }
  return found
}
