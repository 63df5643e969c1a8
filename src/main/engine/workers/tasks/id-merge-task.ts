import type { TaskIo } from '../protocol'
import { IdMerger, type IdChunk, type IdMergeInput, type IdMergeOutput } from './id-merge'

/** A chunk of one source, as the engine feeds it to the worker. */
export interface IdFeed {
  source: number
  chunk: IdChunk
}

/** The end of one source. */
export interface IdEnd {
  source: number
}

/** What the worker gives back when it has used up chunks: how many, per source. */
export type IdCredit = number[]

/**
 * The `ids.merge` task: feeds each chunk to an `IdMerger`, advances it, and hands back a credit
 * for the chunks it used up, so the engine never has more than a few chunks per source in flight.
 */
export async function idMergeTask(input: unknown, io: TaskIo): Promise<IdMergeOutput> {
  const merger = new IdMerger(input as IdMergeInput)
  let merged = 0
  while (!merger.finished) {
    const message = await io.next()
    if (message.type === 'feed') {
      const { source, chunk } = message.payload as IdFeed
      merger.push(source, chunk)
      merged += chunk.ids.length
    } else {
      merger.end((message.payload as IdEnd).source)
    }
    const consumed = merger.advance()
    if (consumed.some((n) => n > 0)) io.credit(consumed satisfies IdCredit)
    io.progress(merged, null)
  }
  return merger.result()
}
