import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { atomicWriteFile } from '../project/atomic-write'
import { processStartTicks } from '../project/temp-files'

/**
 * The registry of running demo deployments: one small JSON record per demo, in a folder under the
 * OS temp folder, so that a later wizard (whatever its config folder) can find the PostgreSQL
 * server and the folder of a demo whose wizard was killed, and clean them up (see `orphans.ts`).
 */

const REGISTRY_NAME = 'cht-migrate-demos'
/** Record files: `<owner pid>-<owner start ticks>-<random>.json`. */
const RECORD_PATTERN = /^(\d+)-(\d+)-([0-9a-f]{8})\.json$/

/** One running demo, as its record file holds it (version 1). */
export const demoRecordSchema = z.object({
  version: z.literal(1),
  /** The wizard process that started the demo, and its start time (Linux clock ticks), or null. */
  ownerPid: z.number().int().positive(),
  ownerStart: z.string().nullable(),
  /** The demo's PostgreSQL postmaster, once it has started. */
  postgresPid: z.number().int().positive().nullable(),
  postgresStart: z.string().nullable(),
  /** The demo's folder, and its PostgreSQL data folder (`<dir>/postgres/pgdata`). */
  dir: z.string(),
  dataDir: z.string(),
  /** A `--keep` folder: its server is stopped, the folder stays. */
  kept: z.boolean(),
  startedAt: z.string(),
})
/** A demo's record: who owns it, its PostgreSQL server, its folder. */
export type DemoRecord = z.infer<typeof demoRecordSchema>

/** The registry of the demo it was made for: tell it the postmaster, forget the demo. */
export interface DemoRegistration {
  /** Records the postmaster's process id (and start time) once PostgreSQL runs. */
  postgresStarted(pid: number | null): Promise<void>
  /** Removes the record: the demo stopped normally. Idempotent. */
  remove(): Promise<void>
}

/**
 * The registry folder: per user (`cht-migrate-demos-<uid>`), because it decides which processes
 * a sweep may signal and which folders it may remove, so nobody else may write into it.
 */
export function demoRegistryDir(tmpDir: string = tmpdir()): string {
  const uid = process.getuid?.()
  return join(tmpDir, uid === undefined ? REGISTRY_NAME : `${REGISTRY_NAME}-${uid}`)
}

/**
 * Creates the registry folder (mode 0700) if needed and checks it is ours: a real folder, not a
 * symlink, owned by this user, writable by nobody else. Returns its path, or null when it is not
 * safe to use (then nothing is registered, and nothing read from it is trusted).
 */
export async function openRegistryDir(tmpDir?: string, create = true): Promise<string | null> {
  const dir = demoRegistryDir(tmpDir)
  if (create) await fsp.mkdir(dir, { mode: 0o700 }).catch(() => undefined)
  const stat = await fsp.lstat(dir).catch(() => null)
  if (!stat || !stat.isDirectory()) return null
  const uid = process.getuid?.()
  if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return null
  return dir
}

const NO_REGISTRATION: DemoRegistration = {
  postgresStarted: async () => undefined,
  remove: async () => undefined,
}

/**
 * Registers a demo that is starting, before its servers run, so that a wizard killed at any
 * point after this leaves a record behind (`postgresStarted` completes it once PostgreSQL runs).
 *
 * Best effort: the demo works without its record (only a kill would then leave it behind), so a
 * registry that cannot be written returns a registration that does nothing.
 */
export async function registerDemo(
  demo: { dir: string; dataDir: string; kept: boolean },
  options: { tmpDir?: string } = {},
): Promise<DemoRegistration> {
  const registry = await openRegistryDir(options.tmpDir).catch(() => null)
  if (!registry) return NO_REGISTRATION
  const ownerStart = processStartTicks(process.pid)
  const name = `${process.pid}-${ownerStart ?? '0'}-${randomBytes(4).toString('hex')}.json`
  const path = join(registry, name)
  let record: DemoRecord = {
    version: 1,
    ownerPid: process.pid,
    ownerStart,
    postgresPid: null,
    postgresStart: null,
    ...demo,
    startedAt: new Date().toISOString(),
  }
  let removed = false
  // The registry folder goes when its last record does (a stopped demo leaves nothing behind),
  // so another wizard may remove it between our check and our write: then it is made again.
  const write = async () => {
    try {
      await writeDemoRecord(path, record)
    } catch {
      if (!(await openRegistryDir(options.tmpDir).catch(() => null))) return
      await writeDemoRecord(path, record)
    }
  }
  // Writes are chained, so a late update cannot bring back a record that was just removed.
  let chain: Promise<unknown> = write()
  const queue = (work: () => Promise<unknown>) => {
    chain = chain.catch(() => undefined).then(work)
    return chain.then(
      () => undefined,
      () => undefined,
    )
  }
  await queue(async () => undefined)
  return {
    postgresStarted: (pid) =>
      queue(async () => {
        if (removed) return
        record = { ...record, postgresPid: pid, postgresStart: pid ? processStartTicks(pid) : null }
        await write()
      }),
    remove: () =>
      queue(async () => {
        removed = true
        await fsp.rm(path, { force: true })
        await removeIfEmpty(registry)
      }),
  }
}

/** Removes the registry folder if no record (nor a record being written) is left in it. */
export async function removeIfEmpty(registry: string): Promise<void> {
  await fsp.rmdir(registry).catch(() => undefined)
}

/** Writes one record atomically (a reader sees the old record or the new, never half of one). */
export async function writeDemoRecord(path: string, record: DemoRecord): Promise<void> {
  await atomicWriteFile(path, JSON.stringify(record) + '\n', { backup: false })
}

/** One file of the registry: its record, or null when it is damaged (not JSON, not a record). */
export interface RegistryEntry {
  path: string
  record: DemoRecord | null
  mtimeMs: number
}

/** Reads every record file of the registry folder; temp files of the atomic write are skipped. */
export async function readDemoRecords(registry: string): Promise<RegistryEntry[]> {
  const names = await fsp.readdir(registry).catch(() => [] as string[])
  const entries: RegistryEntry[] = []
  for (const name of names) {
    if (!RECORD_PATTERN.test(name)) continue
    const path = join(registry, name)
    const stat = await fsp.lstat(path).catch(() => null)
    if (!stat?.isFile()) continue
    const json = parseJson(await fsp.readFile(path, 'utf8').catch(() => null))
    // A record of another version of the wizard is that version's business.
    if (isRecord(json) && typeof json.version === 'number' && json.version !== 1) continue
    const parsed = demoRecordSchema.safeParse(json)
    entries.push({ path, record: parsed.success ? parsed.data : null, mtimeMs: stat.mtimeMs })
  }
  return entries
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function parseJson(text: string | null): unknown {
  if (text === null || text.length > 64 * 1024) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
