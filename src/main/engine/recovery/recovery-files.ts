import { createHash } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { RecoveryDisk, RecoveryEntry } from '../../../shared/contract-recovery'
import type { ProjectDocument } from '../../../shared/project-schema'
import { excerpt } from '../../../shared/redact'
import { AppError } from '../../../shared/result'
import { readBoundedRegularFile } from '../fs/bounded-read'
import { readProjectFile } from '../project/project-file'
import type { IsAlive, ProcessOwner } from './process-owner'

/** The folder of the autosaved copies, in the config folder. */
export const RECOVERY_DIR = 'recovery'
export const RECOVERY_FORMAT = 'cht-migrate-autosave'
const MAX_MANIFEST_BYTES = 64 * 1024
/** At most this many copies are read and listed; a folder holding more is not normal use. */
export const MAX_RECOVERY_ENTRIES = 50
const FILE_PATTERN = /^([A-Za-z0-9_-]{1,64}-[0-9a-f]{16})\.(chtmig|manifest)\.json$/

/** The small description written beside each autosaved document. */
export const recoveryManifestSchema = z.object({
  format: z.literal(RECOVERY_FORMAT),
  version: z.literal(1),
  projectId: z.string().max(200),
  name: z.string().max(200),
  originalPath: z.string().max(4096).nullable(),
  autosavedAt: z.iso.datetime(),
  appVersion: z.string().max(100),
  owner: z.object({ pid: z.number().int(), startTicks: z.string().max(30).nullable() }),
})
export type RecoveryManifest = z.infer<typeof recoveryManifestSchema>

/** The two files of one autosaved copy. */
export function recoveryPaths(dir: string, key: string) {
  return {
    document: join(dir, `${key}.chtmig.json`),
    manifest: join(dir, `${key}.manifest.json`),
  }
}

/**
 * The key of a project's copy for one wizard run: the id when it is file-safe (the wizard's own
 * ids are UUIDs), else a hash of it, then the run's token. One copy per project and run, so a
 * run never writes over the copy another run left behind.
 */
export function recoveryKey(projectId: string, runToken: string): string {
  const safe = /^[A-Za-z0-9_-]{1,64}$/.test(projectId)
    ? projectId
    : createHash('sha256').update(projectId).digest('hex').slice(0, 32)
  return `${safe}-${runToken}`
}

/** Reads a copy's description; null when it is missing, too large or not one of ours. */
export async function readManifest(path: string): Promise<RecoveryManifest | null> {
  try {
    const bytes = await readBoundedRegularFile(path, MAX_MANIFEST_BYTES)
    const parsed = recoveryManifestSchema.safeParse(JSON.parse(bytes.toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The keys of the copies in `dir` (each from either of its files), at most the listing limit. */
export async function recoveryKeys(dir: string): Promise<string[]> {
  const names = await fsp.readdir(dir).catch(() => [] as string[])
  const keys = new Set<string>()
  for (const name of names) {
    const match = FILE_PATTERN.exec(name)
    if (match?.[1]) keys.add(match[1])
  }
  return [...keys].sort().slice(0, MAX_RECOVERY_ENTRIES)
}

/** A copy as read from disk: its entry for the list, and its document when it loads. */
export interface LoadedCopy {
  entry: RecoveryEntry
  manifest: RecoveryManifest | null
  document: ProjectDocument | null
}

/**
 * Reads one copy as untrusted input (SEC-13): the document goes through the project file's own
 * checks (size, encoding, depth, schema), the description through its schema, and the two must
 * name the same project. Anything wrong becomes the entry's `problem`; nothing here throws.
 */
export async function loadCopy(dir: string, key: string): Promise<LoadedCopy> {
  const paths = recoveryPaths(dir, key)
  const manifest = await readManifest(paths.manifest)
  let document: ProjectDocument | null = null
  let problem: string | null = null
  try {
    document = await readProjectFile(paths.document, { offerBackup: false })
  } catch (e) {
    problem = e instanceof AppError ? e.message : 'The autosaved copy could not be read.'
  }
  if (!manifest) {
    problem ??= 'The description of this autosaved copy is missing or damaged.'
  } else if (document && document.id !== manifest.projectId) {
    problem = 'The autosaved copy and its description name different projects.'
  }
  const entry: RecoveryEntry = {
    key,
    name: excerpt(document?.name ?? manifest?.name ?? 'Unknown project', 200),
    originalPath: manifest?.originalPath ?? null,
    autosavedAt: manifest?.autosavedAt ?? null,
    disk: manifest ? await diskState(manifest) : null,
    problem: problem === null ? null : excerpt(problem, 1000),
  }
  return { entry, manifest, document: problem === null ? document : null }
}

async function diskState(manifest: RecoveryManifest): Promise<RecoveryDisk | null> {
  if (manifest.originalPath === null) return null
  try {
    const stat = await fsp.stat(manifest.originalPath)
    return stat.mtimeMs > Date.parse(manifest.autosavedAt) ? 'newer' : 'older'
  } catch {
    return 'missing'
  }
}

/** Whether a copy belongs to a wizard that still runs (this one included). */
export function ownedByLiveProcess(manifest: RecoveryManifest | null, isAlive: IsAlive): boolean {
  return manifest !== null && isAlive(manifest.owner as ProcessOwner)
}

/**
 * Deletes a copy: the document first, then its description, which (naming a running owner) keeps
 * the listing of another wizard from offering a half-deleted copy.
 */
export async function removeCopy(dir: string, key: string): Promise<void> {
  const paths = recoveryPaths(dir, key)
  await fsp.rm(paths.document, { force: true })
  await fsp.rm(paths.manifest, { force: true })
}
