import type { IdChunk, IdMergeInput, IdMergeOutput } from './tasks/id-merge'
import type { IdCredit } from './tasks/id-merge-task'
import type { WorkerPool } from './worker-pool'

export type { IdChunk, IdMergeInput, IdMergeOutput } from './tasks/id-merge'

/** Feeding an `ids.merge` task in a worker: one source's chunks at a time, with backpressure. */
export interface IdMergeSession {
  /**
   * Sends a chunk of `source`; resolves once fewer than `maxInFlight` of its chunks wait in the
   * worker, and rejects with the task's failure once it has failed or was cancelled. Feed each
   * source from its own loop: the merge uses a source's chunks only while the others have
   * delivered theirs.
   */
  push(source: number, chunk: IdChunk): Promise<void>
  /** Says `source` has no more ids. */
  end(source: number): void
  readonly result: Promise<IdMergeOutput>
}

/**
 * Starts the `ids.merge` task (see tasks/id-merge.ts) in a worker thread. The worker hashes and
 * merges; this process only passes chunks along, so it stays free to serve the UI.
 */
export async function openIdMerge(
  pool: WorkerPool,
  input: IdMergeInput,
  options: { signal?: AbortSignal; maxInFlight?: number } = {},
): Promise<IdMergeSession> {
  const maxInFlight = options.maxInFlight ?? 3
  const session = await pool.start<IdMergeOutput>('ids.merge', input, options)
  const inFlight = input.sources.map(() => 0)
  const waiters = input.sources.map(() => [] as (() => void)[])
  const wake = (source: number) => {
    while (inFlight[source]! < maxInFlight && waiters[source]!.length > 0)
      waiters[source]!.shift()!()
  }
  session.onCredit((payload) => {
    ;(payload as IdCredit).forEach((n, source) => {
      inFlight[source] = Math.max(0, inFlight[source]! - n)
      wake(source)
    })
  })
  // A failed or cancelled task must not leave a feeder waiting forever: every waiting and later
  // push rejects with its failure, so the feeders stop reading too.
  let failure: unknown = null
  session.result.then(
    () => undefined,
    (e: unknown) => {
      failure = e
      waiters.forEach((list) => list.splice(0).forEach((resolve) => resolve()))
    },
  )
  return {
    async push(source, chunk) {
      if (failure !== null) throw failure
      if (chunk.ids.length === 0) return
      inFlight[source]!++
      session.feed({ source, chunk })
      if (inFlight[source]! >= maxInFlight) {
        await new Promise<void>((resolve) => waiters[source]!.push(resolve))
        if (failure !== null) throw failure
      }
    },
    end: (source) => session.end({ source }),
    result: session.result,
  }
}
