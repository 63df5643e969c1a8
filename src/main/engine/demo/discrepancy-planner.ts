import {
  DISCREPANCY_KINDS,
  type DemoDiscrepancyMode,
  type Discrepancy,
  type DiscrepancyKind,
} from '../../../shared/demo'
import { hashUnit, labelCode } from './generator/prng'
import type { CategoryCounts, DocCategory, GeneratedDoc } from './generator/types'

/**
 * Where one generated document goes: the kind of difference injected into it, or none.
 *
 * `model_lag` and `model_wrong_value` are decided here (on live reports) but applied to the CHT
 * Sync models after they are built; the other kinds change what the loader writes.
 */
export interface PlannedSlot {
  kind: DiscrepancyKind
  category: DocCategory
  /** Only documents at or after this ordinal of the category can fill the slot. */
  from: number
  /**
   * For `couch2pg_behind`: the document's last edit arrives late (couch2pg keeps the revision
   * before) rather than the whole document.
   */
  lateEdit?: boolean
}

/** How many differences of each kind a demo injects, and into which categories of document. */
const SLOTS: readonly (readonly [DiscrepancyKind, DocCategory, number])[] = [
  ['missing_in_cht_sync', 'report', 3],
  ['missing_in_cht_sync', 'person', 1],
  ['missing_in_cht_sync', 'info', 1],
  ['stale_revision_in_cht_sync', 'report', 2],
  ['stale_revision_in_cht_sync', 'person', 1],
  ['stale_revision_in_cht_sync', 'task', 1],
  ['delete_not_applied_in_cht_sync', 'report', 2],
  ['delete_not_applied_in_couch2pg', 'report', 2],
  ['model_lag', 'report', 3],
  ['model_wrong_value', 'report', 4],
]
/** Reports that reach CouchDB after couch2pg's checkpoint: new ones, and edits of older ones. */
const LATE_NEW = 4
const LATE_EDITS = 2

const fits = (slot: PlannedSlot, item: GeneratedDoc): boolean => {
  const deleted = item.doc._deleted === true
  switch (slot.kind) {
    case 'delete_not_applied_in_cht_sync':
    case 'delete_not_applied_in_couch2pg':
      return deleted
    case 'stale_revision_in_cht_sync':
      return !deleted && item.previous !== null
    case 'couch2pg_behind':
      return !deleted && (!slot.lateEdit || item.previous !== null)
    default:
      return !deleted
  }
}

/**
 * Chooses, deterministically from the seed, which documents carry an injected difference.
 *
 * Decided online, as the stream passes, so nothing is held: each slot opens at an ordinal of its
 * category (spread over the first 80 % of it, jittered by the seed) and takes the first document
 * from there that qualifies (a deleted one for a delete not applied, an edited one for a stale
 * revision, a live one otherwise). Late changes (`couch2pg_behind`) are the last reports. A
 * document carries at most one difference. A very small demo may leave a slot unfilled; the
 * manifest lists only what was injected.
 */
export class DiscrepancyPlanner {
  private readonly open = new Map<DocCategory, PlannedSlot[]>()
  private readonly found: Discrepancy[] = []

  /** With `mode` `none`, nothing is injected: every `take` answers null. */
  constructor(seed: number, counts: CategoryCounts, mode: DemoDiscrepancyMode = 'injected') {
    if (mode === 'none') return
    const byCategory = new Map<DocCategory, DiscrepancyKind[]>()
    for (const [kind, category, n] of SLOTS) {
      const list = byCategory.get(category) ?? []
      for (let i = 0; i < n; i++) list.push(kind)
      byCategory.set(category, list)
    }
    for (const [category, kinds] of byCategory) {
      const range = Math.floor(counts[category] * 0.8)
      const slots = kinds.map((kind, i) => {
        const jitter = hashUnit(seed, labelCode(category), i) - 0.5
        const from = Math.floor(((i + 0.5 + jitter * 0.5) * range) / kinds.length)
        return { kind, category, from: Math.max(0, from) }
      })
      this.open.set(category, slots)
    }
    const reports = counts.report
    const late: PlannedSlot[] = []
    for (let i = 0; i < LATE_EDITS; i++) {
      const from = Math.max(0, reports - 60)
      late.push({ kind: 'couch2pg_behind', category: 'report', from, lateEdit: true })
    }
    for (let i = 0; i < LATE_NEW; i++) {
      late.push({ kind: 'couch2pg_behind', category: 'report', from: Math.max(0, reports - 8) })
    }
    this.open.get('report')?.push(...late)
  }

  /** The slot this document fills, if any: the kind of difference to inject into it. */
  take(item: GeneratedDoc): PlannedSlot | null {
    if (item.db === '_users' || item.db === 'medic-logs') return null
    const slots = this.open.get(item.category)
    if (!slots) return null
    const index = slots.findIndex((slot) => slot.from <= item.ordinal && fits(slot, item))
    if (index === -1) return null
    return slots.splice(index, 1)[0]!
  }

  /** Records an injected difference for the manifest. */
  record(discrepancy: Discrepancy): void {
    this.found.push(discrepancy)
  }

  /** Everything injected so far, in a stable order (by kind, then document id). */
  get discrepancies(): Discrepancy[] {
    const order = (k: DiscrepancyKind) => DISCREPANCY_KINDS.indexOf(k)
    return [...this.found].sort(
      (a, b) => order(a.kind) - order(b.kind) || (a.docId ?? '').localeCompare(b.docId ?? ''),
    )
  }
}
