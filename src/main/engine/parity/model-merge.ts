/**
 * The Node half of the drill-down: two streams of rows in key order (one per side, each read
 * through a cursor) merged like a merge join, holding no more than a few batches of each.
 */

/** A bounded hand-over of row batches from a producer (a cursor scan) to the merge. */
export class BatchQueue<T> {
  private readonly batches: T[][] = []
  private waitingConsumer: (() => void) | null = null
  private waitingProducer: (() => void) | null = null
  private done = false
  private failure: unknown = null

  constructor(private readonly capacity = 2) {}

  /** Hands a batch over; resolves once there is room (back-pressure on the cursor). */
  async push(batch: T[]): Promise<void> {
    while (this.batches.length >= this.capacity && !this.done) {
      await new Promise<void>((resolve) => (this.waitingProducer = resolve))
    }
    this.batches.push(batch)
    this.wake()
  }

  /** The producer has handed over everything (or the consumer gave up: waiting pushes return). */
  end(): void {
    this.done = true
    this.wake()
  }

  /** The producer failed: the consumer's next call rejects with `error`. */
  fail(error: unknown): void {
    this.failure = error ?? new Error('the scan failed')
    this.done = true
    this.wake()
  }

  /** The next batch, or null when the producer has ended and everything was taken. */
  async next(): Promise<T[] | null> {
    for (;;) {
      if (this.failure !== null) throw this.failure
      const batch = this.batches.shift()
      if (batch) {
        const producer = this.waitingProducer
        this.waitingProducer = null
        producer?.()
        return batch
      }
      if (this.done) return null
      await new Promise<void>((resolve) => (this.waitingConsumer = resolve))
    }
  }

  private wake() {
    const consumer = this.waitingConsumer
    this.waitingConsumer = null
    consumer?.()
    if (this.done) {
      // A producer waiting for room is let go: nobody will take its batch.
      const producer = this.waitingProducer
      this.waitingProducer = null
      producer?.()
    }
  }
}

/** Reads a `BatchQueue` row by row. */
export class RowReader<T> {
  private batch: T[] = []
  private index = 0

  constructor(private readonly queue: BatchQueue<T>) {}

  /** The next row, or null at the end. */
  async next(): Promise<T | null> {
    while (this.index >= this.batch.length) {
      const batch = await this.queue.next()
      if (batch === null) return null
      this.batch = batch
      this.index = 0
    }
    return this.batch[this.index++] ?? null
  }
}

/**
 * Compares two strings in code-point order, the order of UTF-8 bytes and so of PostgreSQL's
 * `COLLATE "C"`. JavaScript's `<` compares UTF-16 units, which puts characters above U+FFFF
 * (surrogate pairs) before U+E000…U+FFFF; the fix-up moves the surrogates above them.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return fixUp(x) - fixUp(y)
  }
  return a.length - b.length
}

const fixUp = (unit: number) =>
  unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit

/** Compares composite keys part by part, null first (the drill-down's `NULLS FIRST`). */
export function compareKeys(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === y) continue
    if (x === null) return -1
    if (y === null) return 1
    const order = compareCodePoints(x, y)
    if (order !== 0) return order
  }
  return 0
}

/** What the merge reports as it goes. */
export interface MergeSink<T> {
  onlyOld(row: T): void
  onlyNew(row: T): void
  both(old: T, next: T): void
  /** A further row with the key of the row before it (the key is not unique on that side). */
  repeated(side: 'old' | 'new', row: T): void
}

/**
 * Merges two streams in key order, calling `sink` for keys on one side only, for each pair, and
 * for repeats of a key on one side. The streams must be ordered by `compareKeys`.
 */
export async function mergeByKey<T>(
  old: RowReader<T>,
  next: RowReader<T>,
  keyOf: (row: T) => readonly (string | null)[],
  sink: MergeSink<T>,
): Promise<void> {
  // Each row's key is read once, however often it is compared.
  const pull = async (reader: RowReader<T>) => {
    const row = await reader.next()
    return row === null ? null : { row, key: keyOf(row) }
  }
  let a = await pull(old)
  let b = await pull(next)
  let lastOld: readonly (string | null)[] | null = null
  let lastNew: readonly (string | null)[] | null = null
  while (a !== null || b !== null) {
    if (a !== null && lastOld !== null && compareKeys(a.key, lastOld) === 0) {
      sink.repeated('old', a.row)
      a = await pull(old)
      continue
    }
    if (b !== null && lastNew !== null && compareKeys(b.key, lastNew) === 0) {
      sink.repeated('new', b.row)
      b = await pull(next)
      continue
    }
    const order = a === null ? 1 : b === null ? -1 : compareKeys(a.key, b.key)
    if (order < 0 && a !== null) {
      sink.onlyOld(a.row)
      lastOld = a.key
      a = await pull(old)
    } else if (order > 0 && b !== null) {
      sink.onlyNew(b.row)
      lastNew = b.key
      b = await pull(next)
    } else if (a !== null && b !== null) {
      sink.both(a.row, b.row)
      lastOld = a.key
      lastNew = b.key
      a = await pull(old)
      b = await pull(next)
    }
  }
}
