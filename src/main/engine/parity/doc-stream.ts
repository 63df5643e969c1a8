import { compareCodePoints } from '../workers/tasks/code-point-order'

/**
 * An ordered stream of rows read in windows: the drill-down of document parity reads each
 * PostgreSQL side once, its rows ordered by id in code-point order, and takes the rows of one
 * batch of segments at a time (`takeBelow(hi)`). The producer (a cursor's callback) waits while
 * the consumer has not asked for more, so memory holds about one batch and one cursor fetch.
 */
export class OrderedRows<T extends { id: string }> {
  private buffer: T[] = []
  private ended = false
  private failure: unknown = null
  private wakeConsumer: (() => void) | null = null
  private wakeProducer: (() => void) | null = null
  private demand = false
  private closed = false

  /**
   * Starts the producer: `run` calls `push` with each batch of rows (in order) and resolves when
   * there are no more. `push` resolves once the consumer wants more.
   */
  constructor(run: (push: (rows: T[]) => Promise<void>) => Promise<unknown>) {
    this.done = run((rows) => this.push(rows)).then(
      () => this.finish(null),
      (e: unknown) => this.finish(e),
    )
  }

  /** Settles when the producer has ended (normally, failed, or stopped by `close`). */
  readonly done: Promise<void>

  private async push(rows: T[]): Promise<void> {
    // A closed stream stops its producer (the cursor's scan ends with this error).
    if (this.closed) throw new Error('The ordered rows were closed.')
    for (const row of rows) this.buffer.push(row)
    this.wakeConsumer?.()
    this.wakeConsumer = null
    while (!this.demand && !this.closed) {
      await new Promise<void>((resolve) => (this.wakeProducer = resolve))
    }
  }

  private finish(failure: unknown): void {
    this.ended = true
    this.failure = failure
    this.wakeConsumer?.()
    this.wakeConsumer = null
  }

  /** Asks the producer for more and waits until rows arrive or the stream ends. */
  private async more(): Promise<void> {
    this.demand = true
    this.wakeProducer?.()
    this.wakeProducer = null
    await new Promise<void>((resolve) => {
      this.wakeConsumer = resolve
      if (this.ended) resolve()
    })
    this.demand = false
  }

  /**
   * The rows with `id < hi` in code-point order (every remaining row when `hi` is null), in
   * order; rows at or after `hi` stay for the next call. Throws what the producer threw.
   */
  async takeBelow(hi: string | null): Promise<T[]> {
    const out: T[] = []
    for (;;) {
      let at = 0
      while (
        at < this.buffer.length &&
        (hi === null || compareCodePoints(this.buffer[at]!.id, hi) < 0)
      ) {
        at++
      }
      for (let k = 0; k < at; k++) out.push(this.buffer[k]!)
      this.buffer = this.buffer.slice(at)
      if (this.buffer.length > 0) return out
      if (this.ended) {
        if (this.failure !== null) throw this.failure
        return out
      }
      await this.more()
    }
  }

  /** Stops reading: the producer's next `push` throws, which ends its scan. */
  close(): void {
    this.closed = true
    this.ended = true
    this.buffer = []
    this.demand = true
    this.wakeProducer?.()
    this.wakeProducer = null
  }
}
