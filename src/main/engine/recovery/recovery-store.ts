import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import { join } from 'node:path'
import type { RecoveryList } from '../../../shared/contract-recovery'
import { MAX_PROJECT_BYTES, type ProjectDocument } from '../../../shared/project-schema'
import { AppError } from '../../../shared/result'
import type { Log } from '../log/log'
import { atomicWriteFile } from '../project/atomic-write'
import { serializeProject } from '../project/project-file'
import type { ProjectService } from '../project/types'
import { currentOwner, isProcessAlive, type IsAlive } from './process-owner'
import {
  loadCopy,
  ownedByLiveProcess,
  readManifest,
  RECOVERY_DIR,
  RECOVERY_FORMAT,
  recoveryKey,
  recoveryKeys,
  recoveryPaths,
  removeCopy,
  type RecoveryManifest,
} from './recovery-files'

export interface RecoveryStoreOptions {
  configDir: string
  project: ProjectService
  appVersion: string
  /** What the session marker found: the wizard before this one ended uncleanly. */
  uncleanEnd: boolean
  /** The most often a copy is written while changes keep coming (default 1000 ms). */
  intervalMs?: number
  now?: () => Date
  isAlive?: IsAlive
  log?: Log
}

/**
 * The autosaved copies of unsaved work, so that a crash, a kill or a power cut loses at most the
 * last second of it, also for a project that was never saved.
 */
export interface RecoveryStore {
  readonly uncleanEnd: boolean
  /** The copies left by wizards that no longer run, newest first, damaged ones included. */
  list(): Promise<RecoveryList>
  /**
   * Reads a copy to restore it: `NOT_FOUND` when it is gone, `CONFLICT` when a running wizard
   * owns it, `PROJECT_INVALID` when it is damaged.
   */
  load(key: string): Promise<{ document: ProjectDocument; originalPath: string | null }>
  /** After a restore: writes this run's copy of the open project now, then deletes `key`'s. */
  adopt(key: string): Promise<void>
  /** Deletes a copy for good (`CONFLICT` when a running wizard owns it); answers the new list. */
  discard(key: string): Promise<RecoveryList>
  /** Writes a pending copy now and waits for every write and removal to finish. */
  flush(): Promise<void>
  /**
   * The clean shutdown: the open project's copy is written if it has unsaved changes (the work
   * is then offered on the welcome screen next time) and kept; otherwise nothing is left.
   */
  dispose(): Promise<void>
}

/**
 * Creates the recovery store and attaches it to the project store.
 *
 * While the open project has unsaved changes its document is written (throttled to one write a
 * second, atomically, with the project file's own serializer, so only the schema's fields and
 * never a password can reach it: SEC-09) to `<configDir>/recovery/<key>.chtmig.json`, with a
 * description beside it (`<key>.manifest.json`: name, original file, time, version, and the
 * process that wrote it). The copy is deleted when the project is saved, or closed or replaced
 * (after Don't Save, or without changes). Copies are read back as untrusted input (SEC-13).
 */
export function createRecoveryStore(options: RecoveryStoreOptions): RecoveryStore {
  const dir = join(options.configDir, RECOVERY_DIR)
  const intervalMs = options.intervalMs ?? 1000
  const now = options.now ?? (() => new Date())
  const isAlive = options.isAlive ?? isProcessAlive
  const { project, log } = options
  // One token per run: this run's copies never replace ones left by another run.
  const runToken = randomBytes(8).toString('hex')
  const owner = currentOwner()
  const written = new Set<string>()
  let trackedId: string | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let queue: Promise<unknown> = Promise.resolve()

  const enqueue = (work: () => Promise<void>) => {
    const next = queue.then(work).catch((e) => log?.error('keeping the autosaved copy', e))
    queue = next
    return next
  }

  const writeNow = () =>
    enqueue(async () => {
      const state = project.state
      if (!state?.dirty) return
      const text = serializeProject(state.document)
      if (Buffer.byteLength(text) > MAX_PROJECT_BYTES) {
        log?.warn('the project is too large for an autosaved copy; none was written')
        return
      }
      const key = recoveryKey(state.document.id, runToken)
      const paths = recoveryPaths(dir, key)
      const manifest: RecoveryManifest = {
        format: RECOVERY_FORMAT,
        version: 1,
        projectId: state.document.id,
        name: state.document.name,
        originalPath: state.path,
        autosavedAt: now().toISOString(),
        appVersion: options.appVersion,
        owner,
      }
      await fsp.mkdir(dir, { recursive: true })
      // The description first: it names this running process, so no other wizard offers the
      // copy while it is being written.
      await atomicWriteFile(paths.manifest, JSON.stringify(manifest, null, 2) + '\n', {
        backup: false,
        followLinks: false,
      })
      written.add(key)
      await atomicWriteFile(paths.document, text, { backup: false, followLinks: false })
    })

  const removeOwn = (projectId: string) =>
    enqueue(async () => {
      const key = recoveryKey(projectId, runToken)
      if (!written.has(key)) return
      await removeCopy(dir, key)
      written.delete(key)
    })

  const cancel = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }

  project.onChange(({ state }) => {
    const id = state?.document.id ?? null
    if (trackedId !== null && trackedId !== id) {
      cancel()
      void removeOwn(trackedId)
    }
    trackedId = id
    if (!state) return
    if (!state.dirty) {
      cancel()
      void removeOwn(state.document.id)
      return
    }
    // Throttled, not debounced: a stream of changes (a long run recording results) still gets
    // its copy written every `intervalMs`.
    timer ??= setTimeout(() => {
      timer = null
      void writeNow()
    }, intervalMs)
  })

  const list = async (): Promise<RecoveryList> => {
    const entries = []
    for (const key of await recoveryKeys(dir)) {
      const copy = await loadCopy(dir, key)
      if (!ownedByLiveProcess(copy.manifest, isAlive)) entries.push(copy.entry)
    }
    entries.sort((a, b) => (b.autosavedAt ?? '').localeCompare(a.autosavedAt ?? ''))
    return { uncleanEnd: options.uncleanEnd, entries }
  }

  const refuseLive = (manifest: RecoveryManifest | null) => {
    if (ownedByLiveProcess(manifest, isAlive)) {
      throw new AppError(
        'CONFLICT',
        'This autosaved copy belongs to a wizard that is still running; use that window.',
      )
    }
  }

  const flush = async () => {
    if (timer) {
      cancel()
      await writeNow()
    }
    await queue
  }

  return {
    uncleanEnd: options.uncleanEnd,
    list,
    async load(key) {
      const paths = recoveryPaths(dir, key)
      const present = await Promise.all(
        [paths.document, paths.manifest].map((p) =>
          fsp.lstat(p).then(
            () => true,
            () => false,
          ),
        ),
      )
      if (!present.includes(true)) {
        throw new AppError('NOT_FOUND', 'This autosaved copy is gone (it may have been discarded).')
      }
      const copy = await loadCopy(dir, key)
      refuseLive(copy.manifest)
      if (!copy.document || !copy.manifest) {
        throw new AppError('PROJECT_INVALID', copy.entry.problem ?? 'The copy cannot be read.')
      }
      return { document: copy.document, originalPath: copy.manifest.originalPath }
    },
    async adopt(key) {
      cancel()
      await writeNow()
      if (!written.has(key)) await enqueue(() => removeCopy(dir, key))
    },
    async discard(key) {
      refuseLive(await readManifest(recoveryPaths(dir, key).manifest))
      await enqueue(() => removeCopy(dir, key))
      return list()
    },
    flush,
    async dispose() {
      await flush()
    },
  }
}
