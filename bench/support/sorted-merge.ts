import type { DocRev } from '../../src/main/engine/parity/types'
import { compareCodePoints } from '../../src/main/engine/workers/tasks/code-point-order'

/**
 * A streaming merge of two sides' `(id, rev, deleted)` streams, each in code-point order, into
 * the differences between them (old: couch2pg, new: CHT Sync). Each side pushes batches as its
 * cursor delivers them; a side that runs ahead waits until the other catches up, so memory stays
 * about two batches whatever the table size. A CHT Sync stub with no couch2pg row is agreement.
 */
export class SortedMerge {
  /** `class id` for every difference found. */
  readonly found = new Set<string>()
  private readonly queues: DocRev[][] = [[], []]
  private readonly at = [0, 0]
  private readonly ended = [false, false]
  private readonly waiting: (null | (() => void))[] = [null, null]

  /** Hands a batch of side `side` (0 old, 1 new) to the merge; resolves when it is consumed. */
  async push(side: 0 | 1, rows: DocRev[]): Promise<void> {
    this.queues[side] = this.queues[side]!.slice(this.at[side]).concat(rows)
    this.at[side] = 0
    this.advance()
    if (this.at[side]! < this.queues[side]!.length) {
      await new Promise<void>((resolve) => (this.waiting[side] = resolve))
    }
  }

  /** Side `side` has no more rows. */
  end(side: 0 | 1): void {
    this.ended[side] = true
    this.advance()
  }

  private advance(): void {
    const [a, b] = this.queues as [DocRev[], DocRev[]]
    for (;;) {
      const x = this.at[0]! < a.length ? a[this.at[0]!]! : null
      const y = this.at[1]! < b.length ? b[this.at[1]!]! : null
      if ((x === null && !this.ended[0]) || (y === null && !this.ended[1])) break
      if (x === null && y === null) break
      const order = x === null ? 1 : y === null ? -1 : compareCodePoints(x.id, y.id)
      if (order < 0) {
        this.found.add(`missing_in_new ${x!.id}`)
        this.at[0]! += 1
      } else if (order > 0) {
        if (!y!.deleted) this.found.add(`extra_in_new ${y!.id}`)
        this.at[1]! += 1
      } else {
        if (y!.deleted) this.found.add(`deleted_in_new ${x!.id}`)
        else if (x!.rev !== y!.rev) this.found.add(`stale_revision ${x!.id}`)
        this.at[0]! += 1
        this.at[1]! += 1
      }
    }
    for (const side of [0, 1] as const) {
      if (this.at[side]! >= this.queues[side]!.length || this.ended[1 - side]) {
        const resolve = this.waiting[side]
        this.waiting[side] = null
        resolve?.()
      }
    }
  }
}
