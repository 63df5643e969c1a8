/**
 * The guide's disk estimate for the CHT Sync database (its “Database disk space requirements”),
 * shared by the `production.sizing` check and the sizing calculator so both give one figure:
 * the CHT Sync database's size divided by the share already synced, times the growth over the
 * years, plus 20% for indexes and overhead.
 */

/** The labels under which `production.sizing` stores what it measured (the calculator reads them). */
export const SIZING_LABELS = {
  chtSync: 'CHT Sync database size',
  couch2pg: 'couch2pg database size',
  couchdb: 'CouchDB size',
  fraction: 'Synced fraction',
  freeDisk: 'Free disk',
} as const

/** The guide's allowance for indexes and overhead on top of the projected data (+20%). */
export const INDEX_OVERHEAD = 1.2

/** How the full size was reached: the synced sample scaled up, taken as whole, or couch2pg's. */
export type ProjectionBasis = 'sample' | 'whole' | 'couch2pg'

/** The projection of the CHT Sync database's size, in bytes. */
export interface SizeProjection {
  basis: ProjectionBasis
  /** The CHT Sync database once everything is synced, today. */
  fullBytes: number
  /** `fullBytes` grown over the years, plus index overhead. */
  projectedBytes: number
}

/**
 * The projection from what was measured; null when no database size is known. Without a synced
 * fraction the sample is taken as the whole; without a CHT Sync size, couch2pg's database (the
 * same documents as jsonb) stands in for a fully synced one.
 */
export function projectSize(
  measured: {
    chtSyncBytes: number | null
    syncedFraction: number | null
    couch2pgBytes: number | null
  },
  growth: { growthPerYear: number; years: number },
): SizeProjection | null {
  const { chtSyncBytes, syncedFraction, couch2pgBytes } = measured
  let basis: ProjectionBasis
  let fullBytes: number
  if (chtSyncBytes !== null && syncedFraction !== null && syncedFraction > 0) {
    basis = 'sample'
    fullBytes = chtSyncBytes / Math.min(1, syncedFraction)
  } else if (chtSyncBytes !== null) {
    basis = 'whole'
    fullBytes = chtSyncBytes
  } else if (couch2pgBytes !== null) {
    basis = 'couch2pg'
    fullBytes = couch2pgBytes
  } else {
    return null
  }
  const projectedBytes = fullBytes * (1 + growth.growthPerYear) ** growth.years * INDEX_OVERHEAD
  return { basis, fullBytes, projectedBytes }
}
