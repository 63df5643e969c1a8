import { randomUUID } from 'node:crypto'
import type { JobPhase, JobProgress, JobSnapshot, JobState, JobUnit } from '../../../shared/jobs'
import { AppError, err, ok, type Result } from '../../../shared/result'
import type { Log } from '../log/log'

/** A progress report: the phase is required; the rest keeps its last value when left out. */
export interface ProgressUpdate {
  phase: JobPhase
  unit?: JobUnit | null
  done?: number
  total?: number | null
  message?: string
}

export interface JobContext {
  jobId: string
  /** Aborted by `cancel(jobId)` and when the engine shuts down. */
  signal: AbortSignal
  progress(update: ProgressUpdate): void
}

/** A unit of long work: what it is, whether it may run twice at once, and the work itself. */
export interface JobSpec<T> {
  /** The operation that starts it (`demo.start`), shown and used to type its result. */
  kind: string
  title: string
  /**
   * Jobs with the same key never run at the same time (one demo per process, one parity run per
   * project); a second start is refused with `JOB_RUNNING`.
   */
  exclusiveKey?: string
  run(ctx: JobContext): Promise<T>
}

export type JobEvent =
  | { type: 'job.progress'; job: JobSnapshot }
  | { type: 'job.finished'; job: JobSnapshot; result: Result<unknown> }

export interface JobRegistryOptions {
  /** Least time between two progress events of one job (phase changes are never held back). */
  throttleMs?: number
  /** Finished jobs listed by `list()` for this long, so a reloaded page sees how they ended. */
  keepFinishedMs?: number
  /** At most this many finished jobs are kept. */
  keepFinished?: number
  log?: Log
  now?: () => number
}

interface Entry {
  snapshot: Omit<JobSnapshot, 'elapsedMs'>
  startedMs: number
  finishedMs: number | null
  controller: AbortController
  exclusiveKey: string | null
  done: Promise<Result<unknown>>
}

const INTERNAL_MESSAGE = 'Something went wrong inside the wizard.'

/**
 * Runs the engine's long work (demo start, scans, parity runs, checks, the PDF) as jobs.
 *
 * The registry allocates every job id (a client never chooses one) and `start` answers at once;
 * the work runs with an AbortSignal and reports typed progress. Every face hears the same events:
 * `job.progress` (throttled, so a fast job cannot flood a slow link) and `job.finished` carrying
 * the work's `Result` (an `AppError` keeps its code; anything else is logged and becomes
 * `INTERNAL`). `list()` tells a reloaded page or a reopened window which jobs run and how the
 * recent ones ended.
 */
export class JobRegistry {
  private readonly entries = new Map<string, Entry>()
  private readonly listeners = new Set<(event: JobEvent) => void>()
  private readonly throttleMs: number
  private readonly keepFinishedMs: number
  private readonly keepFinished: number
  private readonly now: () => number

  constructor(private readonly options: JobRegistryOptions = {}) {
    this.throttleMs = options.throttleMs ?? 100
    this.keepFinishedMs = options.keepFinishedMs ?? 10 * 60_000
    this.keepFinished = options.keepFinished ?? 20
    this.now = options.now ?? Date.now
  }

  /** Listens to every job's progress and end; returns the function that stops listening. */
  onEvent(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Starts `spec` and answers its id at once; `JOB_RUNNING` when an exclusive twin runs. */
  start<T>(spec: JobSpec<T>): string {
    const key = spec.exclusiveKey ?? null
    if (key !== null) {
      const twin = [...this.entries.values()].find(
        (e) => e.exclusiveKey === key && e.snapshot.state === 'running',
      )
      if (twin) {
        throw new AppError(
          'JOB_RUNNING',
          `${twin.snapshot.title} is already running; wait for it to finish or cancel it first.`,
          { jobId: twin.snapshot.jobId, kind: twin.snapshot.kind },
        )
      }
    }
    const jobId = randomUUID()
    const controller = new AbortController()
    const startedMs = this.now()
    const entry: Entry = {
      snapshot: {
        jobId,
        kind: spec.kind,
        title: spec.title,
        state: 'running',
        startedAt: new Date(startedMs).toISOString(),
        finishedAt: null,
        progress: { phase: 'starting', unit: null, done: 0, total: null, message: '' },
        error: null,
      },
      startedMs,
      finishedMs: null,
      controller,
      exclusiveKey: key,
      done: Promise.resolve(ok(undefined)),
    }
    this.prune()
    this.entries.set(jobId, entry)
    this.publish({ type: 'job.progress', job: this.snapshotOf(entry) })
    entry.done = this.execute(entry, spec)
    return jobId
  }

  /** Starts `spec` and waits for it: resolves with its value, rejects with its error. */
  async run<T>(spec: JobSpec<T>): Promise<T> {
    const result = await this.wait(this.start(spec))
    if (result.ok) return result.value as T
    throw new AppError(result.error.code, result.error.message, result.error.details)
  }

  /** The `Result` of a job once it has finished (at once for a finished one still listed). */
  wait(jobId: string): Promise<Result<unknown>> {
    const entry = this.entries.get(jobId)
    if (!entry)
      return Promise.resolve(err('NOT_FOUND', 'There is no such job (it may have ended long ago).'))
    return entry.done
  }

  /** Asks a running job to stop; false when there is no such running job. */
  cancel(jobId: string): boolean {
    const entry = this.entries.get(jobId)
    if (!entry || entry.snapshot.state !== 'running') return false
    entry.controller.abort()
    return true
  }

  /** Running jobs and recently finished ones, newest first. */
  list(): JobSnapshot[] {
    this.prune()
    return [...this.entries.values()]
      .sort((a, b) => b.startedMs - a.startedMs)
      .map((e) => this.snapshotOf(e))
  }

  /** Ids of the jobs still running. */
  get runningIds(): string[] {
    return [...this.entries.values()]
      .filter((e) => e.snapshot.state === 'running')
      .map((e) => e.snapshot.jobId)
  }

  /** Cancels every running job and waits (at most `timeoutMs`) for them to end. */
  async cancelAll(timeoutMs = 10_000): Promise<void> {
    const running = [...this.entries.values()].filter((e) => e.snapshot.state === 'running')
    for (const entry of running) entry.controller.abort()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs)
      timer.unref?.()
    })
    await Promise.race([Promise.all(running.map((e) => e.done)), timeout])
    clearTimeout(timer)
  }

  private async execute<T>(entry: Entry, spec: JobSpec<T>): Promise<Result<unknown>> {
    const { controller } = entry
    let lastSent = 0
    let lastPhase = entry.snapshot.progress.phase
    const progress = (update: ProgressUpdate) => {
      if (entry.snapshot.state !== 'running') return
      const previous = entry.snapshot.progress
      const next: JobProgress = {
        phase: update.phase,
        unit: update.unit === undefined ? previous.unit : update.unit,
        done: update.done ?? (update.phase === previous.phase ? previous.done : 0),
        total: update.total === undefined ? previous.total : update.total,
        message: (update.message ?? previous.message).slice(0, 500),
      }
      entry.snapshot = { ...entry.snapshot, progress: next }
      const now = this.now()
      if (next.phase !== lastPhase || now - lastSent >= this.throttleMs) {
        lastSent = now
        lastPhase = next.phase
        this.publish({ type: 'job.progress', job: this.snapshotOf(entry) })
      }
    }
    // The work starts on a later tick, so `start` has answered before any of it runs.
    await Promise.resolve()
    let result: Result<unknown>
    let state: JobState
    try {
      // Cancelled before it began: the work never starts.
      if (controller.signal.aborted) throw cancelled(spec.title)
      const value = await spec.run({
        jobId: entry.snapshot.jobId,
        signal: controller.signal,
        progress,
      })
      if (controller.signal.aborted) throw cancelled(spec.title)
      result = ok(value)
      state = 'succeeded'
    } catch (e) {
      if (controller.signal.aborted) {
        result = { ok: false, error: (isCancel(e) ? e : cancelled(spec.title)).toData() }
        state = 'cancelled'
      } else if (e instanceof AppError) {
        result = { ok: false, error: e.toData() }
        state = e.code === 'CANCELLED' ? 'cancelled' : 'failed'
      } else {
        this.options.log?.error(`job ${spec.kind} (${entry.snapshot.jobId}) failed`, e)
        const where = this.options.log
          ? ` The details are in its log: ${this.options.log.path}`
          : ''
        result = err('INTERNAL', `${INTERNAL_MESSAGE}${where}`)
        state = 'failed'
      }
    }
    entry.finishedMs = this.now()
    entry.snapshot = {
      ...entry.snapshot,
      state,
      finishedAt: new Date(entry.finishedMs).toISOString(),
      error: result.ok
        ? null
        : { code: result.error.code, message: result.error.message.slice(0, 2_000) },
    }
    this.publish({ type: 'job.finished', job: this.snapshotOf(entry), result })
    return result
  }

  private snapshotOf(entry: Entry): JobSnapshot {
    const end = entry.finishedMs ?? this.now()
    return { ...entry.snapshot, elapsedMs: Math.max(0, end - entry.startedMs) }
  }

  private publish(event: JobEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (e) {
        this.options.log?.error('a job event listener failed', e)
      }
    }
  }

  /** Forgets finished jobs past the keep time or beyond the keep count. */
  private prune(): void {
    const now = this.now()
    const finished = [...this.entries.values()]
      .filter((e) => e.finishedMs !== null)
      .sort((a, b) => (b.finishedMs ?? 0) - (a.finishedMs ?? 0))
    finished.forEach((entry, index) => {
      if (index >= this.keepFinished || now - (entry.finishedMs ?? now) > this.keepFinishedMs) {
        this.entries.delete(entry.snapshot.jobId)
      }
    })
  }
}

const isCancel = (e: unknown): e is AppError => e instanceof AppError && e.code === 'CANCELLED'

const cancelled = (title: string) =>
  new AppError('CANCELLED', `${title} was cancelled; nothing was changed.`)
