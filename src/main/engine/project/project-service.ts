import { emptyCheckSettings } from '../../../shared/checks/check-settings'
import { emptyInventorySettings } from '../../../shared/inventory/decisions'
import {
  emptyTeardownSettings,
  teardownSettingsSchema,
} from '../../../shared/teardown/teardown-settings'
import { emptyParity } from '../../../shared/parity-definitions'
import { randomUUID } from 'node:crypto'
import type { Intent } from '../../../shared/intents'
import { diffProject, type ProjectPatch } from '../../../shared/project-patch'
import {
  CURRENT_SCHEMA_VERSION,
  emptyConnections,
  DEFAULT_STALE_AFTER_DAYS,
  PROJECT_FORMAT,
  type ProjectDocument,
  type ProjectState,
} from '../../../shared/project-schema'
import { redactSecrets } from '../../../shared/redact'
import { withHistory } from '../../../shared/results/history'
import {
  storedResultSchema,
  type NewResult,
  type StoredResult,
} from '../../../shared/results/result-schema'
import { AppError } from '../../../shared/result'
import type { Log } from '../log/log'
import { findItem } from '../../../shared/steps-catalog'
import { applyIntents } from './apply-intents'
import { atomicWriteFile, nodeAtomicFs, type AtomicFs } from './atomic-write'
import { readProjectFile, serializeProject } from './project-file'
import { markEntriesValidated } from './validated-entries'
import type { ProjectChange, ProjectService } from './types'

export interface ProjectServiceOptions {
  /** Written into new documents as the version that made them. */
  appVersion: string
  /** Quiet time after the last change before the autosave writes (default 1500 ms). */
  autosaveMs?: number
  now?: () => Date
  /** File-system calls of the atomic write; tests replace them to simulate a full disk. */
  fs?: AtomicFs
  /** Whether an item id belongs to the checklist (default: the step catalog). */
  isKnownItem?: (itemId: string) => boolean
  log?: Log
}

/**
 * Creates the engine's project store: the one open project, its debounced autosave and its
 * serialised, atomic saves.
 *
 * Saves run one at a time; each writes the document as it is when the save starts, so a save
 * asked for during another waits and then writes the latest state. A change made while a save is
 * in flight keeps the project dirty. Save errors (an autosave's included) are kept on the state as
 * `lastSaveError` and the project stays dirty until a save succeeds. A project recovered from its
 * `.bak` is never autosaved: the user decides, by saving, that it replaces the damaged file; nor
 * is one restored from an autosaved copy after a crash, whose file on disk may hold other work.
 */
export function createProjectService(options: ProjectServiceOptions): ProjectService {
  const autosaveMs = options.autosaveMs ?? 1500
  const now = options.now ?? (() => new Date())
  const fs = options.fs ?? nodeAtomicFs
  const isKnownItem = options.isKnownItem ?? ((itemId: string) => findItem(itemId) !== undefined)
  const listeners = new Set<(change: ProjectChange) => void>()

  let state: ProjectState | null = null
  // `session` changes whenever another project replaces the open one; `edits` on every edit.
  // A save that finishes compares them to decide whether what it wrote is still the latest.
  // `revision` numbers every state the store emits, across sessions, so copies can follow.
  let session = 0
  let edits = 0
  let revision = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  let queue: Promise<unknown> = Promise.resolve()

  /** Makes `next` the state (null: no project) and tells the listeners what changed. */
  const emit = (next: Omit<ProjectState, 'revision'> | null, replaced: boolean) => {
    const previous = state
    revision++
    state = next ? { ...next, revision } : null
    const patch = !replaced && previous && state ? diffProject(previous, state) : null
    for (const listener of listeners) {
      try {
        listener({ state, patch })
      } catch (e) {
        options.log?.error('a project change listener failed', e)
      }
    }
    return { state, patch }
  }

  /** The patch of an emit that kept the open project (never null there). */
  const patchOf = (change: { state: ProjectState | null; patch: ProjectPatch | null }) => {
    if (!change.patch) throw new AppError('INTERNAL', 'The project changed under the store.')
    return change.patch
  }

  const cancelAutosave = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }

  const scheduleAutosave = () => {
    cancelAutosave()
    if (!state?.path || state.recoveredFromBackup || state.restoredFromAutosave) return
    timer = setTimeout(() => {
      timer = null
      // The failure is recorded on the state by `write`; nobody awaits an autosave.
      write(null).catch(() => undefined)
    }, autosaveMs)
  }

  /** Queues a save of the open project to `target` (or its own path) behind any running save. */
  const write = (target: string | null): Promise<ProjectPatch> => {
    const run = async (): Promise<ProjectPatch> => {
      const current = state
      if (!current) throw new AppError('NO_PROJECT', 'There is no open project to save.')
      const path = target ?? current.path
      if (!path) {
        throw new AppError('BAD_REQUEST', 'The project has no file yet; use Save As to choose one.')
      }
      const started = { session, edits }
      try {
        // Saving a copy recovered from the `.bak` over the damaged file: the damaged file is kept
        // aside (it may hold work worth rescuing by hand) and the good `.bak` is left as it is.
        const backupSuffix =
          current.recoveredFromBackup && path === current.path
            ? `.damaged-${now().toISOString().replace(/[:.]/g, '-')}`
            : undefined
        await atomicWriteFile(path, serializeProject(current.document), { fs, backupSuffix })
      } catch (e) {
        const error = e instanceof AppError ? e : unexpected(e, path, options.log)
        if (state && session === started.session) {
          emit({ ...state, lastSaveError: { code: error.code, message: error.message } }, false)
        }
        throw e
      }
      const saved = {
        path,
        lastSavedAt: now().toISOString(),
        recoveredFromBackup: false,
        ...(current.restoredFromAutosave ? { restoredFromAutosave: false } : {}),
        lastSaveError: null,
      }
      if (!state || session !== started.session) {
        // Another project is open now: describe the save against the document that was saved.
        const written = { ...current, ...saved, dirty: false }
        return diffProject(current, { ...written, revision: current.revision })
      }
      return patchOf(emit({ ...state, ...saved, dirty: edits !== started.edits }, false))
    }
    const result = queue.then(run, run)
    queue = result.catch(() => undefined)
    return result
  }

  const flush = async () => {
    if (timer) {
      cancelAutosave()
      await write(null).catch(() => undefined)
    }
    await queue
  }

  const replace = async (next: Omit<ProjectState, 'revision'>) => {
    await flush()
    cancelAutosave()
    session++
    edits = 0
    return emit(next, true).state as ProjectState
  }

  /** Makes an edit of the open document: emits it, marks the project dirty, plans the autosave. */
  const edit = (document: ProjectDocument): ProjectPatch => {
    if (!state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
    edits++
    const patch = patchOf(emit({ ...state, document, dirty: true }, false))
    scheduleAutosave()
    return patch
  }

  const newDocument = (name: string): ProjectDocument => {
    const at = now().toISOString()
    return {
      format: PROJECT_FORMAT,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      id: randomUUID(),
      name,
      createdAt: at,
      updatedAt: at,
      appVersion: options.appVersion,
      settings: { staleAfterDays: DEFAULT_STALE_AFTER_DAYS },
      items: {},
      results: {},
      connections: emptyConnections(),
      demo: null,
      parity: emptyParity(),
      checks: emptyCheckSettings(),
      inventory: emptyInventorySettings(),
      teardown: emptyTeardownSettings(),
      signoff: {},
    }
  }

  return {
    get state() {
      return state
    },

    async create(name, path) {
      const document = newDocument(name)
      if (path !== undefined) {
        if (await fs.lstat(path).catch(() => null)) {
          throw new AppError(
            'BAD_REQUEST',
            `A file already exists at “${path}”; open it or choose another name.`,
            { path },
          )
        }
        await atomicWriteFile(path, serializeProject(document), { fs })
      }
      return replace({
        document,
        path: path ?? null,
        dirty: path === undefined,
        lastSavedAt: path === undefined ? null : now().toISOString(),
        recoveredFromBackup: false,
        lastSaveError: null,
      })
    },

    async open(path, openOptions = {}) {
      const fromBackup = openOptions.fromBackup ?? false
      const document = fromBackup
        ? await readProjectFile(`${path}.bak`, { offerBackup: false })
        : await readProjectFile(path)
      return replace({
        document,
        path,
        dirty: fromBackup,
        lastSavedAt: null,
        recoveredFromBackup: fromBackup,
        lastSaveError: null,
      })
    },

    async restore(document, path) {
      return replace({
        document,
        path,
        dirty: true,
        lastSavedAt: null,
        recoveredFromBackup: false,
        restoredFromAutosave: true,
        lastSaveError: null,
      })
    },

    async save() {
      if (!state) throw new AppError('NO_PROJECT', 'There is no open project to save.')
      if (!state.path) {
        throw new AppError('BAD_REQUEST', 'The project has no file yet; use Save As to choose one.')
      }
      cancelAutosave()
      return write(null)
    },

    async saveAs(path) {
      if (!state) throw new AppError('NO_PROJECT', 'There is no open project to save.')
      cancelAutosave()
      return write(path)
    },

    async close() {
      if (!state) return
      await flush()
      cancelAutosave()
      session++
      edits = 0
      emit(null, true)
    },

    async update(intents: Intent[], who: string) {
      if (!state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
      return edit(applyIntents(state.document, intents, { who, now: now(), isKnownItem }))
    },

    async recordResults(results: NewResult[]) {
      if (!state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
      const next = { ...state.document.results }
      const stored: StoredResult[] = []
      for (const result of results) {
        const candidate = withHistory(
          { ...result, summary: redactSecrets(result.summary) },
          next[result.id],
        )
        const parsed = storedResultSchema.safeParse(candidate)
        if (!parsed.success) {
          const issue = parsed.error.issues[0]
          throw new AppError(
            'BAD_REQUEST',
            `The result of “${String(result?.id).slice(0, 100)}” was refused: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'not valid'}. Nothing was recorded.`,
          )
        }
        next[parsed.data.id] = parsed.data
        stored.push(parsed.data)
      }
      markEntriesValidated(stored)
      edit({ ...state.document, results: next, updatedAt: now().toISOString() })
      return stored
    },

    async recordTeardown(change) {
      if (!state) throw new AppError('NO_PROJECT', 'Open or create a project first.')
      const parsed = teardownSettingsSchema.safeParse(change(state.document.teardown))
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new AppError(
          'BAD_REQUEST',
          `The teardown record was refused: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'not valid'}. Nothing was recorded.`,
        )
      }
      edit({ ...state.document, teardown: parsed.data, updatedAt: now().toISOString() })
      return parsed.data
    },

    flush,

    onChange(listener: (change: ProjectChange) => void) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}

// atomicWriteFile throws AppError for every file-system failure; anything else is a bug. It is
// logged here because an autosave has no caller to pass it to.
function unexpected(e: unknown, path: string, log?: Log): AppError {
  log?.error(`saving ${path} failed`, e)
  return new AppError(
    'INTERNAL',
    `Saving “${path}” failed unexpectedly; the previous version of the file is untouched.`,
    { path },
  )
}
