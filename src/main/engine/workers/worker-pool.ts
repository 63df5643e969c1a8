import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../../shared/result'
import type { FromWorker, ToWorker } from './protocol'

/** Overrides where the worker entry is (tests run the engine from source and build it apart). */
export const WORKER_SCRIPT_ENV = 'CHT_MIGRATE_WORKER_SCRIPT'

/**
 * The built worker entry: `worker.js` beside the bundled engine (`out/main/`), unless
 * `CHT_MIGRATE_WORKER_SCRIPT` names another file.
 */
export function defaultWorkerScript(env: NodeJS.ProcessEnv = process.env): string {
  return env[WORKER_SCRIPT_ENV] || join(__dirname, 'worker.js')
}

/** One task running in its own worker thread. */
export interface TaskSession<T> {
  /** Sends a payload to the task (`feed`), or says a stream ended (`end`). */
  feed(payload: unknown): void
  end(payload: unknown): void
  /** Called with each credit the task hands back (it used up fed data). */
  onCredit(listener: (payload: unknown) => void): void
  onProgress(listener: (done: number, total: number | null) => void): void
  /** The task's value; rejects with its failure, or `CANCELLED` when the signal fired. */
  readonly result: Promise<T>
}

export interface WorkerPool {
  /** Starts `task` with `input` in a worker thread (waiting for a free one above the limit). */
  start<T>(
    task: string,
    input: unknown,
    options?: { signal?: AbortSignal },
  ): Promise<TaskSession<T>>
  /** Ends every worker (the engine is shutting down). */
  dispose(): Promise<void>
}

export interface WorkerPoolOptions {
  script?: string
  /** Workers at once; default: the cores less one for the UI process, at least one. */
  maxWorkers?: number
}

/**
 * The engine's worker threads: CPU-heavy work runs here so the process that serves the UI (the
 * Electron main process, `cht-migrate serve`) keeps answering. A worker runs one task and ends;
 * at most `maxWorkers` run at once, further tasks wait their turn. A cancelled task's worker is
 * terminated at once, whatever it was doing.
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const script = options.script ?? defaultWorkerScript()
  const maxWorkers = options.maxWorkers ?? Math.max(1, availableParallelism() - 1)
  const running = new Set<Worker>()
  const queue: (() => void)[] = []
  let disposed = false

  const acquire = async () => {
    if (running.size < maxWorkers) return
    await new Promise<void>((resolve) => queue.push(resolve))
  }
  const release = (worker: Worker) => {
    running.delete(worker)
    queue.shift()?.()
  }

  return {
    async start<T>(task: string, input: unknown, startOptions: { signal?: AbortSignal } = {}) {
      const { signal } = startOptions
      if (disposed) throw new AppError('CANCELLED', 'The wizard is shutting down.')
      signal?.throwIfAborted()
      await acquire()
      if (!existsSync(script)) {
        queue.shift()?.()
        throw new AppError(
          'INTERNAL',
          `The wizard's worker (${script}) is missing; rebuild the app (npm run build).`,
        )
      }
      const worker = new Worker(script)
      running.add(worker)
      const credit = new Set<(payload: unknown) => void>()
      const progress = new Set<(done: number, total: number | null) => void>()
      const result = new Promise<T>((resolve, reject) => {
        let settled = false
        const finish = (outcome: () => void) => {
          if (settled) return
          settled = true
          signal?.removeEventListener('abort', onAbort)
          release(worker)
          void worker.terminate()
          outcome()
        }
        const onAbort = () =>
          finish(() => reject(new AppError('CANCELLED', 'The work was cancelled.')))
        signal?.addEventListener('abort', onAbort, { once: true })
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'credit') for (const l of credit) l(message.payload)
          else if (message.type === 'progress')
            for (const l of progress) l(message.done, message.total)
          else if (message.type === 'done') finish(() => resolve(message.value as T))
          else finish(() => reject(new Error(message.message)))
        })
        worker.on('error', (e) => finish(() => reject(e)))
        worker.on('exit', (code) =>
          finish(() => reject(new Error(`the worker stopped unexpectedly (exit code ${code})`))),
        )
      })
      // Nobody may be listening yet when a task fails at once; the caller awaits `result` later.
      result.catch(() => undefined)
      const post = (message: ToWorker) => worker.postMessage(message)
      post({ type: 'start', task, input })
      return {
        feed: (payload) => post({ type: 'feed', payload }),
        end: (payload) => post({ type: 'end', payload }),
        onCredit: (listener) => void credit.add(listener),
        onProgress: (listener) => void progress.add(listener),
        result,
      }
    },
    async dispose() {
      disposed = true
      for (const resolve of queue.splice(0)) resolve()
      await Promise.all([...running].map((w) => w.terminate()))
      running.clear()
    },
  }
}
