import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/result'
import type { JobProgress } from '../../../shared/events'

export type ProgressReporter = (done: number, total: number | null, message: string) => void

export interface JobContext {
  jobId: string
  signal: AbortSignal
  progress: ProgressReporter
}

/**
 * Runs long engine work (scans, parity runs, demo start) with progress and cancellation.
 *
 * Each job gets an AbortSignal; `cancel(jobId)` aborts it and the job is expected to stop at its
 * next batch boundary and throw. Progress is published to listeners, which the faces forward as
 * `job.progress` events. Progress reports are throttled so a fast job cannot flood a slow link.
 */
export class JobRegistry {
  private readonly running = new Map<string, AbortController>()
  private readonly listeners = new Set<(p: JobProgress) => void>()

  constructor(private readonly throttleMs = 100) {}

  onProgress(listener: (p: JobProgress) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get runningIds(): string[] {
    return [...this.running.keys()]
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId)
    if (!controller) return false
    controller.abort()
    return true
  }

  /** Runs `work` as a job; resolves with its value or rejects (with `CANCELLED` when aborted). */
  async run<T>(
    operation: string,
    work: (ctx: JobContext) => Promise<T>,
    options: { jobId?: string; onStart?: (jobId: string) => void } = {},
  ): Promise<T> {
    const jobId = options.jobId ?? randomUUID()
    const controller = new AbortController()
    this.running.set(jobId, controller)
    let last = 0
    let latest: Omit<JobProgress, 'state'> = { jobId, operation, done: 0, total: null, message: '' }
    const publish = (state: JobProgress['state']) => {
      for (const l of this.listeners) l({ ...latest, state })
    }
    const progress: ProgressReporter = (done, total, message) => {
      latest = { jobId, operation, done, total, message }
      const now = Date.now()
      if (now - last >= this.throttleMs) {
        last = now
        publish('running')
      }
    }
    options.onStart?.(jobId)
    publish('running')
    try {
      const value = await work({ jobId, signal: controller.signal, progress })
      if (controller.signal.aborted) throw cancelled(operation)
      publish('succeeded')
      return value
    } catch (e) {
      if (controller.signal.aborted) {
        publish('cancelled')
        throw e instanceof AppError && e.code === 'CANCELLED' ? e : cancelled(operation)
      }
      publish('failed')
      throw e
    } finally {
      this.running.delete(jobId)
    }
  }
}

const cancelled = (operation: string) =>
  new AppError('CANCELLED', `${operation} was cancelled; nothing was changed.`)
