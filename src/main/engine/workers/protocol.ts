/**
 * Messages between the engine and its worker threads.
 *
 * A task session: the engine posts `start` with the task's name and input, then any number of
 * `feed` messages (the task's own payloads) and `end`s; the worker answers with `credit` when it
 * has used up fed data (so the engine sends more, never too much), `progress`, and finally `done`
 * with the task's value or `failed` with a message.
 */
export type ToWorker =
  | { type: 'start'; task: string; input: unknown }
  | { type: 'feed'; payload: unknown }
  | { type: 'end'; payload: unknown }

export type FromWorker =
  | { type: 'credit'; payload: unknown }
  | { type: 'progress'; done: number; total: number | null }
  | { type: 'done'; value: unknown }
  | { type: 'failed'; message: string }

/** What a task running inside a worker can do. */
export interface TaskIo {
  /** Resolves with the next `feed` or `end` message, in order. */
  next(): Promise<{ type: 'feed' | 'end'; payload: unknown }>
  credit(payload: unknown): void
  progress(done: number, total: number | null): void
}

/** A task: runs inside the worker, returns its value (posted back as `done`). */
export type WorkerTaskFn = (input: unknown, io: TaskIo) => Promise<unknown>
