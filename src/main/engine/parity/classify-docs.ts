import type { DifferenceClass } from '../../../shared/results/comparison-result'

/**
 * How two copies of a document relate, for document parity: the classes of the issue (missing,
 * extra, stale, deleted but present, present but deleted, duplicated id, in flight), decided
 * from what each side holds for one id. Pure, so the drill-down of every segment and the tests
 * share one definition.
 *
 * What counts as agreement: CouchDB's tombstone, a CHT Sync `_deleted` stub and a couch2pg row
 * that is gone all mean "deleted", and a side holding nothing for an id that the other holds as
 * deleted agrees with it.
 */

/** What one side holds for an id: nothing, or each row it has (more than one is a duplicate). */
export interface SideHolding {
  /** Rows for the id on this side, in the order read; empty when the side has none. */
  rows: { rev: string | null; deleted: boolean }[]
}

/** The verdict on one id between an old (reference) side and a new side. */
export interface PairVerdict {
  class: DifferenceClass
  /** The old side's revision, when it has one. */
  oldRev: string | null
  newRev: string | null
  note: string | null
}

/** The generation of a CouchDB revision (`3-abc…` → 3), or null when it has none. */
export function revGeneration(rev: string | null): number | null {
  if (rev === null) return null
  const dash = rev.indexOf('-')
  if (dash <= 0) return null
  const n = Number(rev.slice(0, dash))
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

type State =
  { kind: 'none' } | { kind: 'deleted'; rev: string | null } | { kind: 'live'; rev: string | null }

function stateOf(side: SideHolding): State {
  const row = side.rows[side.rows.length - 1]
  if (!row) return { kind: 'none' }
  return row.deleted ? { kind: 'deleted', rev: row.rev } : { kind: 'live', rev: row.rev }
}

/**
 * Which of two different revisions is older: by generation, then (same generation: a conflict
 * CouchDB would settle by the revision's hash) the lexically smaller loses, as CouchDB picks its
 * winner. Returns `old` when the old side holds the older revision.
 */
function olderSide(oldRev: string | null, newRev: string | null): 'old' | 'new' {
  const a = revGeneration(oldRev)
  const b = revGeneration(newRev)
  if (a !== null && b !== null && a !== b) return a < b ? 'old' : 'new'
  if (a === null && b !== null) return 'old'
  if (b === null && a !== null) return 'new'
  return (oldRev ?? '') < (newRev ?? '') ? 'old' : 'new'
}

/**
 * The difference between the old and the new side for one id, or null when they agree.
 *
 * - `duplicate_id`: a side holds the id more than once (couch2pg's table has no key if its
 *   unique index was dropped); reported before anything else.
 * - `in_flight`: the id changed after the new side's pipeline checkpoint (or during the run), so
 *   a difference is expected until the pipeline's next batch; `inFlight` says so.
 * - `missing_in_new` / `extra_in_new`: live on one side, unknown to the other.
 * - `present_but_deleted`: live on the old side, deleted on the new one.
 * - `deleted_but_present`: deleted on the old side (or, for a copy compared with a copy, deleted in
 *   CouchDB: `deletedAtSource`), live on the new one.
 * - `stale_in_new` / `stale_in_old`: both live with different revisions; the side with the older
 *   revision is stale.
 */
export function classifyPair(
  old: SideHolding,
  next: SideHolding,
  options: { inFlight?: boolean; deletedAtSource?: boolean } = {},
): PairVerdict | null {
  const a = stateOf(old)
  const b = stateOf(next)
  const oldRev = a.kind === 'none' ? null : a.rev
  const newRev = b.kind === 'none' ? null : b.rev
  const verdict = (cls: DifferenceClass, note: string | null = null): PairVerdict => ({
    class: cls,
    oldRev,
    newRev,
    note,
  })
  if (old.rows.length > 1) return verdict('duplicate_id', `${old.rows.length} rows on the old side`)
  if (next.rows.length > 1)
    return verdict('duplicate_id', `${next.rows.length} rows on the new side`)

  const agree =
    (a.kind !== 'live' && b.kind !== 'live') ||
    (a.kind === 'live' && b.kind === 'live' && a.rev === b.rev)
  if (agree) return null
  if (options.inFlight) return verdict('in_flight')

  if (a.kind === 'live' && b.kind === 'none') return verdict('missing_in_new')
  if (a.kind === 'live' && b.kind === 'deleted') return verdict('present_but_deleted')
  if (a.kind === 'deleted' && b.kind === 'live') return verdict('deleted_but_present')
  if (a.kind === 'none' && b.kind === 'live') {
    return options.deletedAtSource
      ? verdict('deleted_but_present', 'deleted in CouchDB')
      : verdict('extra_in_new')
  }
  // Both live, different revisions.
  return olderSide(oldRev, newRev) === 'new' ? verdict('stale_in_new') : verdict('stale_in_old')
}
