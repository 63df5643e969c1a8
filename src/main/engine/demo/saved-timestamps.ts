import type { GeneratedDoc } from './generator/types'

const DAY_MS = 86_400_000
/** The demo's CHT Sync was deployed this long before the demo starts (the parallel run so far). */
export const CHT_SYNC_DEPLOYED_DAYS_AGO = 10
/** Its first sync read the backlog at about one batch of 1,000 changes per this many ms. */
const BACKLOG_BATCH_MS = 1_400
/** A change made after the deployment reached the raw table within this many ms. */
const LIVE_DELAY_MS = 4_000

/** The time a document was made or last touched, when its body says (ms), else null. */
function touchedAt(item: GeneratedDoc): number | null {
  const doc = item.previous && item.doc._deleted ? item.previous : item.doc
  for (const field of ['reported_date', 'timestamp', 'date', 'authoredOn']) {
    const value = doc[field]
    if (typeof value === 'number' && Number.isFinite(value)) return value
  }
  return null
}

/**
 * The `saved_timestamp`s of the demo's CHT Sync raw table, one per batch as the service writes
 * them (`new Date().toISOString()` once per batch: UTC, millisecond precision).
 *
 * CHT Sync was deployed `CHT_SYNC_DEPLOYED_DAYS_AGO` days before `now`: the backlog it found was
 * copied batch after batch from then on, and anything CouchDB received afterwards arrived a few
 * seconds after it was made. Stamps never go back, and stay a few minutes before `now`, so the
 * late changes and the model step come after them.
 */
export class SavedTimestamps {
  /** When CHT Sync first ran (ms). */
  readonly deployedAt: number
  private last: number
  private batches = 0
  private readonly latest: number

  constructor(
    private readonly now: number,
    anchor: number,
  ) {
    this.deployedAt = Math.min(now, anchor) - CHT_SYNC_DEPLOYED_DAYS_AGO * DAY_MS
    this.last = this.deployedAt
    this.latest = now - 5 * 60_000
  }

  /** The stamp of the next batch of documents (written in stream order). */
  next(batch: readonly GeneratedDoc[]): string {
    const k = this.batches++
    const jitter = (Math.imul(k + 1, 2_654_435_761) >>> 0) % 300
    let at = this.deployedAt + k * BACKLOG_BATCH_MS + jitter
    for (const item of batch) {
      const touched = touchedAt(item)
      if (touched !== null && touched > this.deployedAt) at = Math.max(at, touched + LIVE_DELAY_MS)
    }
    return this.stamp(at)
  }

  /** The stamp of a change CHT Sync copied just now (the late changes): two minutes ago. */
  late(): string {
    return this.stamp(this.now - 2 * 60_000)
  }

  private stamp(at: number): string {
    const bounded = Math.max(this.last + 1, Math.min(at, this.latest))
    this.last = bounded
    return new Date(bounded).toISOString()
  }
}
