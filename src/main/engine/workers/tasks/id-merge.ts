import { compareCodePoints } from './code-point-order'
import { hash64, HashSum } from './hash64'

/**
 * Merges sorted streams of document ids and revisions from several copies of the same data
 * (CouchDB, couch2pg, CHT Sync) and says how they differ: the heart of document parity, and the
 * CPU-heavy part that runs in a worker thread.
 *
 * Each source delivers `(id, rev)` pairs in code-point order (`ORDER BY _id COLLATE "C"`,
 * CouchDB's `_all_docs`), in chunks, whenever they arrive; the merger advances as far as every
 * source's delivered pairs allow and asks for more. Memory stays bounded by the chunks in flight.
 */

export interface IdMergeInput {
  /** A label per source, e.g. `couchdb`, `couch2pg`, `cht-sync` (2 to 8 sources). */
  sources: string[]
  /** Sample ids kept per class of difference. */
  sampleLimit: number
}

export interface IdChunk {
  ids: string[]
  /** The revision of each id (same length); null where a source has none. */
  revs: (string | null)[]
}

export interface IdMergeOutput {
  sources: { label: string; count: number; hash: string }[]
  /** Ids present in every source with the same revision. */
  matched: number
  /** Ids present in every source, with different revisions; samples list each source's revision. */
  revisionMismatch: { count: number; samples: { id: string; revs: (string | null)[] }[] }
  /** Ids present in some sources only, per pattern of presence (one boolean per source). */
  partial: { present: boolean[]; count: number; samples: string[] }[]
  /** Ids a source delivered more than once. */
  duplicates: { source: number; count: number; samples: string[] }[]
}

interface SourceState {
  chunks: IdChunk[]
  /** Position in `chunks[0]`. */
  at: number
  ended: boolean
  count: number
  hash: HashSum
  last: string | null
}

export class IdMerger {
  private readonly states: SourceState[]
  private matched = 0
  private readonly mismatch: IdMergeOutput['revisionMismatch'] = { count: 0, samples: [] }
  private readonly partial = new Map<string, IdMergeOutput['partial'][number]>()
  private readonly duplicates = new Map<number, IdMergeOutput['duplicates'][number]>()

  constructor(private readonly input: IdMergeInput) {
    if (input.sources.length < 2 || input.sources.length > 8) {
      throw new Error(`id merge needs 2 to 8 sources, not ${input.sources.length}`)
    }
    this.states = input.sources.map(() => ({
      chunks: [],
      at: 0,
      ended: false,
      count: 0,
      hash: new HashSum(),
      last: null,
    }))
  }

  /** Adds a chunk of pairs delivered by `source`. */
  push(source: number, chunk: IdChunk): void {
    const state = this.stateOf(source)
    if (state.ended) throw new Error(`source ${source} delivered ids after its end`)
    if (chunk.ids.length !== chunk.revs.length) throw new Error('ids and revs differ in length')
    if (chunk.ids.length > 0) state.chunks.push(chunk)
  }

  /** Marks `source` as complete. */
  end(source: number): void {
    this.stateOf(source).ended = true
  }

  /** Sources the merge waits for: nothing buffered and not ended. */
  waitingFor(): number[] {
    return this.states.flatMap((s, i) => (s.chunks.length === 0 && !s.ended ? [i] : []))
  }

  get finished(): boolean {
    return this.states.every((s) => s.ended && s.chunks.length === 0)
  }

  /**
   * Merges as far as the delivered pairs allow. Returns how many chunks were used up per source,
   * so the feeder can send more.
   */
  advance(): number[] {
    const consumed = this.states.map(() => 0)
    const heads: (string | null)[] = this.states.map((s) => this.peek(s))
    for (;;) {
      // A source that repeats the id it gave last (even across chunks): count it once as the
      // id, and report each repeat as a duplicate.
      for (let i = 0; i < this.states.length; i++) {
        const state = this.states[i] as SourceState
        while (heads[i] !== null && heads[i] === state.last) {
          this.take(state, i, consumed)
          this.noteDuplicate(i, state.last as string)
          heads[i] = this.peek(state)
        }
      }
      if (this.waitingFor().length > 0 || this.finished) break
      let min: string | null = null
      for (const head of heads) {
        if (head !== null && (min === null || compareCodePoints(head, min) < 0)) min = head
      }
      if (min === null) break
      const present: boolean[] = []
      const revs: (string | null)[] = []
      for (let i = 0; i < this.states.length; i++) {
        const state = this.states[i] as SourceState
        if (heads[i] !== min) {
          present.push(false)
          revs.push(null)
          continue
        }
        present.push(true)
        revs.push(this.take(state, i, consumed))
        heads[i] = this.peek(state)
      }
      this.classify(min, present, revs)
    }
    return consumed
  }

  result(): IdMergeOutput {
    return {
      sources: this.states.map((s, i) => ({
        label: this.input.sources[i] as string,
        count: s.count,
        hash: s.hash.toHex(),
      })),
      matched: this.matched,
      revisionMismatch: this.mismatch,
      partial: [...this.partial.values()],
      duplicates: [...this.duplicates.values()],
    }
  }

  private stateOf(source: number): SourceState {
    const state = this.states[source]
    if (!state) throw new Error(`no source ${source}`)
    return state
  }

  private peek(state: SourceState): string | null {
    const chunk = state.chunks[0]
    return chunk ? (chunk.ids[state.at] as string) : null
  }

  private take(state: SourceState, source: number, consumed: number[]): string | null {
    const chunk = state.chunks[0] as IdChunk
    const id = chunk.ids[state.at] as string
    const rev = chunk.revs[state.at] ?? null
    if (state.last !== null && compareCodePoints(id, state.last) < 0) {
      throw new Error(
        `source ${this.input.sources[source]} is not in code-point order at “${id.slice(0, 80)}”`,
      )
    }
    state.last = id
    state.count++
    state.hash.add(hash64(rev === null ? id : `${id}\u0000${rev}`))
    state.at++
    if (state.at >= chunk.ids.length) {
      state.chunks.shift()
      state.at = 0
      consumed[source] = (consumed[source] ?? 0) + 1
    }
    return rev
  }

  private classify(id: string, present: boolean[], revs: (string | null)[]): void {
    const limit = this.input.sampleLimit
    if (present.every(Boolean)) {
      const first = revs[0]
      if (revs.every((r) => r === first)) {
        this.matched++
        return
      }
      this.mismatch.count++
      if (this.mismatch.samples.length < limit) this.mismatch.samples.push({ id, revs })
      return
    }
    const key = present.map((p) => (p ? '1' : '0')).join('')
    let entry = this.partial.get(key)
    if (!entry) {
      entry = { present, count: 0, samples: [] }
      this.partial.set(key, entry)
    }
    entry.count++
    if (entry.samples.length < limit) entry.samples.push(id)
  }

  private noteDuplicate(source: number, id: string): void {
    let entry = this.duplicates.get(source)
    if (!entry) {
      entry = { source, count: 0, samples: [] }
      this.duplicates.set(source, entry)
    }
    entry.count++
    if (entry.samples.length < this.input.sampleLimit) entry.samples.push(id)
  }
}
