import type { DifferenceClass } from '../../../shared/results/comparison-result'
import { classifyPair, type SideHolding } from './classify-docs'

/**
 * The three comparisons of document parity, decided per document from what each side holds:
 * CouchDB (the source of truth) against CHT Sync, CouchDB against couch2pg, and couch2pg (old)
 * against CHT Sync (new). Pure, so every segment's drill-down and the tests share it.
 */

export const DOC_COMPARISONS = ['couchdb-chtsync', 'couchdb-couch2pg', 'couch2pg-chtsync'] as const
export type DocComparisonId = (typeof DOC_COMPARISONS)[number]

/** What the three sides hold for one id of one CouchDB database. */
export interface IdHoldings {
  id: string
  database: string
  /** CouchDB's winning revision, and whether it is a deletion; null: CouchDB never held it. */
  couch: { rev: string; deleted: boolean } | null
  /** The pipeline's rows for the id; null when the pipeline does not copy this database. */
  old: SideHolding | null
  new: SideHolding | null
  /** Whether the id changed after each pipeline's checkpoint (or during the run). */
  inFlight: { old: boolean; new: boolean }
}

/** One difference found: which comparison, which document, which class, both revisions. */
export interface DocVerdict {
  comparison: DocComparisonId
  database: string
  id: string
  class: DifferenceClass
  oldRev: string | null
  newRev: string | null
  note: string | null
}

const couchSide = (couch: IdHoldings['couch']): SideHolding => ({
  rows: couch ? [{ rev: couch.rev, deleted: couch.deleted }] : [],
})

/**
 * The differences of one id in each comparison that applies (a pipeline that does not copy the
 * database takes part in none). Between the two pipelines, a document deleted in CouchDB that
 * one side still holds is "deleted but present", and each difference says which pipeline agrees
 * with CouchDB, so a difference that is couch2pg's own drift reads as such.
 */
export function classifyHoldings(h: IdHoldings): DocVerdict[] {
  const out: DocVerdict[] = []
  const couch = couchSide(h.couch)
  const push = (
    comparison: DocComparisonId,
    verdict: ReturnType<typeof classifyPair>,
    note: string | null = verdict?.note ?? null,
  ) => {
    if (verdict)
      out.push({ comparison, database: h.database, id: h.id, ...verdict, note: note ?? null })
  }
  const newVsCouch = h.new ? classifyPair(couch, h.new, { inFlight: h.inFlight.new }) : null
  const oldVsCouch = h.old ? classifyPair(couch, h.old, { inFlight: h.inFlight.old }) : null
  if (h.new) push('couchdb-chtsync', newVsCouch)
  if (h.old) push('couchdb-couch2pg', oldVsCouch)
  if (h.old && h.new) {
    const verdict = classifyPair(h.old, h.new, {
      inFlight: h.inFlight.old || h.inFlight.new,
      deletedAtSource: h.couch?.deleted === true,
    })
    if (verdict && verdict.class !== 'in_flight') {
      const agrees =
        newVsCouch === null && oldVsCouch !== null
          ? 'CHT Sync agrees with CouchDB'
          : oldVsCouch === null && newVsCouch !== null
            ? 'couch2pg agrees with CouchDB'
            : null
      push('couch2pg-chtsync', verdict, [verdict.note, agrees].filter(Boolean).join('; ') || null)
    } else push('couch2pg-chtsync', verdict)
  }
  return out
}

/**
 * Whether an old-against-new difference is couch2pg's own drift: CHT Sync agrees with CouchDB,
 * so the new pipeline is right and the difference goes away with couch2pg.
 */
export const isOldDrift = (v: DocVerdict): boolean =>
  v.comparison === 'couch2pg-chtsync' && (v.note ?? '').includes('CHT Sync agrees with CouchDB')
