import {
  DIFFERENCE_CLASSES,
  type ComparisonDetails,
  type DifferenceClass,
} from '../../../shared/results/comparison-result'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import { DOC_COMPARISONS, isOldDrift, type DocComparisonId, type DocVerdict } from './doc-classify'

/** Samples kept per class of difference by default (the 20). */
export const DEFAULT_SAMPLES_PER_CLASS = 20
/** The stored results hold at most this many samples per class. */
export const MAX_SAMPLES_PER_CLASS = 100
/**
 * Verdicts remembered by document, so that one written during the run can become in flight at
 * the end. Past this many (a run with hundreds of thousands of differences), the rest are
 * counted only, and the result says that late writes among them could not be told apart.
 */
export const RETAINED_VERDICTS = 300_000

type Differences = ComparisonDetails['differences']
type Sample = Differences[number]['samples'][number]

/** The differences of each comparison, and how many of them block the switch. */
export interface TallyOutcome {
  differences: Record<DocComparisonId, Differences>
  /**
   * Differences neither in flight nor couch2pg's own drift: what makes a comparison fail (for
   * CouchDB against couch2pg, what makes it warn).
   */
  blocking: Record<DocComparisonId, number>
  /** False when documents written during the run may hide among differences not remembered. */
  exact: boolean
}

interface Entry {
  count: number
  samples: { sample: Sample; key: string }[]
}

const keyOf = (database: string, id: string) => `${database}\u0000${id}`

/**
 * The differences of a document parity run, counted as they are found: per comparison and class
 * a count and the first `samples` documents (ids in segment order, so a rerun on unchanged data
 * samples the same documents). Memory holds the samples and, up to `RETAINED_VERDICTS`, which
 * document had which verdict, for `finish` to move documents written during the run to
 * `in_flight`.
 */
export class DocTally {
  private readonly entries = new Map<string, Entry>()
  private readonly byDoc = new Map<string, DocVerdict[]>()
  private readonly blocking = Object.fromEntries(DOC_COMPARISONS.map((c) => [c, 0])) as Record<
    DocComparisonId,
    number
  >
  private readonly samples: number
  private overflow = false

  constructor(samples = DEFAULT_SAMPLES_PER_CLASS) {
    this.samples = Math.max(0, Math.min(MAX_SAMPLES_PER_CLASS, Math.floor(samples)))
  }

  private entry(comparison: DocComparisonId, cls: DifferenceClass): Entry {
    const key = `${comparison}|${cls}`
    let e = this.entries.get(key)
    if (!e) this.entries.set(key, (e = { count: 0, samples: [] }))
    return e
  }

  private sampleOf(v: DocVerdict, cls: DifferenceClass): Sample {
    const note = [v.database, cls === v.class ? v.note : 'changed during the run']
      .filter(Boolean)
      .join('; ')
    return {
      key: clipText(v.id, TEXT_LIMITS.line),
      old: v.oldRev === null ? null : clipText(v.oldRev, TEXT_LIMITS.line),
      new: v.newRev === null ? null : clipText(v.newRev, TEXT_LIMITS.line),
      note: clipText(note, TEXT_LIMITS.line),
    }
  }

  private count(v: DocVerdict, cls: DifferenceClass, delta: 1 | -1): void {
    const e = this.entry(v.comparison, cls)
    e.count += delta
    if (cls !== 'in_flight' && !isOldDrift(v)) this.blocking[v.comparison] += delta
    const key = keyOf(v.database, v.id)
    if (delta < 0) e.samples = e.samples.filter((s) => s.key !== key)
    else if (e.samples.length < this.samples) e.samples.push({ sample: this.sampleOf(v, cls), key })
  }

  add(verdicts: readonly DocVerdict[]): void {
    for (const v of verdicts) {
      this.count(v, v.class, 1)
      if (v.class === 'in_flight') continue
      const key = keyOf(v.database, v.id)
      const known = this.byDoc.get(key)
      if (known) known.push(v)
      else if (this.byDoc.size < RETAINED_VERDICTS) this.byDoc.set(key, [v])
      else this.overflow = true
    }
  }

  /**
   * The differences of each comparison, documents changed during the run (`changedDuring`, ids
   * by database) moved to `in_flight`.
   */
  finish(changedDuring: ReadonlyMap<string, ReadonlySet<string>>): TallyOutcome {
    let unseen = false
    for (const [database, ids] of changedDuring) {
      for (const id of ids) {
        const verdicts = this.byDoc.get(keyOf(database, id))
        if (!verdicts) {
          unseen ||= this.overflow
          continue
        }
        for (const v of verdicts) {
          this.count(v, v.class, -1)
          this.count(v, 'in_flight', 1)
        }
      }
    }
    const differences = {} as Record<DocComparisonId, Differences>
    for (const c of DOC_COMPARISONS) {
      differences[c] = DIFFERENCE_CLASSES.flatMap((cls) => {
        const e = this.entries.get(`${c}|${cls}`)
        return e && e.count > 0
          ? [{ class: cls, count: e.count, samples: e.samples.map((s) => s.sample) }]
          : []
      })
    }
    return { differences, blocking: { ...this.blocking }, exact: !unseen }
  }
}
