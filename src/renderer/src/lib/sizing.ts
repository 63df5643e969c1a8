import type { SizingInputs } from '../../../shared/checks/check-settings'
import { projectSize, SIZING_LABELS, type ProjectionBasis } from '../../../shared/checks/sizing'
import type { EvidenceItem } from '../../../shared/results/check-result'

/**
 * The sizing calculator's arithmetic, the guide's method: sync a sample, divide by the fraction
 * synced, add the growth of the coming years and 20% for indexes. Pure, so the projection follows
 * the inputs as they are typed.
 */

export { SIZING_LABELS, type ProjectionBasis } from '../../../shared/checks/sizing'

/** What `production.sizing` measured, each null when its evidence is absent. */
export interface SizingFigures {
  chtSyncBytes: number | null
  couch2pgBytes: number | null
  couchdbBytes: number | null
  /** Share of CouchDB's documents already synced, 0..1. */
  syncedFraction: number | null
  /** The free disk the check used (entered then, or measured on this computer). */
  freeDiskBytes: number | null
}

/** The measured figures of a sizing result, read from its evidence by label. */
export function sizingFigures(evidence: readonly EvidenceItem[]): SizingFigures {
  const measure = (label: string): number | null => {
    const item = evidence.find((e) => e.type === 'measure' && e.label === label)
    return item?.type === 'measure' && item.value !== null && Number.isFinite(item.value)
      ? item.value
      : null
  }
  return {
    chtSyncBytes: measure(SIZING_LABELS.chtSync),
    couch2pgBytes: measure(SIZING_LABELS.couch2pg),
    couchdbBytes: measure(SIZING_LABELS.couchdb),
    syncedFraction: measure(SIZING_LABELS.fraction),
    freeDiskBytes: measure(SIZING_LABELS.freeDisk),
  }
}

/** Where the free disk compared with the need comes from. */
export type FreeSource = 'entered' | 'measured'

/** The projection, or why there is none. */
export type Projection =
  | {
      ok: true
      basis: ProjectionBasis
      /** The CHT Sync database once everything is synced, today. */
      fullBytes: number
      /** `fullBytes` grown over the years, plus index overhead. */
      projectedBytes: number
      /** The projection plus today's couch2pg database: both live side by side until teardown. */
      neededBytes: number
      /** Free disk in bytes: entered in the calculator, else as the check measured it. */
      freeBytes: number | null
      freeSource: FreeSource | null
      /** `short` below the need, `tight` within 20% above it; null without a free disk. */
      fit: 'fits' | 'tight' | 'short' | null
    }
  | { ok: false; reason: string }

/** The calculator's GB, as the engine reads them: 1024³ bytes. */
export const GB_BYTES = 1024 ** 3
/** Free disk within this share above the need is tight: the data keeps growing. */
const MARGIN = 0.2

/**
 * The engine's projection (`production.sizing`), recomputed from the calculator's inputs:
 * projected = CHT Sync size ÷ synced fraction × (1 + growth)^years × 1.2. Without a fraction the
 * sample is taken as the whole; without a CHT Sync size, couch2pg's database (the same documents)
 * stands in. The need adds today's couch2pg database, as both live side by side.
 */
export function projectSizing(
  figures: SizingFigures,
  inputs: Pick<SizingInputs, 'growthPerYear' | 'years' | 'freeDiskGb'>,
): Projection {
  const projection = projectSize(figures, inputs)
  if (!projection) return { ok: false, reason: 'no database size was measured.' }
  const { basis, fullBytes, projectedBytes } = projection
  const neededBytes = projectedBytes + (figures.couch2pgBytes ?? 0)
  const entered = inputs.freeDiskGb === null ? null : inputs.freeDiskGb * GB_BYTES
  const freeBytes = entered ?? figures.freeDiskBytes
  const fit =
    freeBytes === null
      ? null
      : freeBytes < neededBytes
        ? 'short'
        : freeBytes < neededBytes * (1 + MARGIN)
          ? 'tight'
          : 'fits'
  return {
    ok: true,
    basis,
    fullBytes,
    projectedBytes,
    neededBytes,
    freeBytes,
    freeSource: entered !== null ? 'entered' : freeBytes !== null ? 'measured' : null,
    fit,
  }
}

/**
 * `6.4 GB`, `820 MB`, `12 kB`, as the engine writes sizes in its summaries (GB of 1024³ bytes),
 * so the calculator and the check's words agree.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown'
  if (bytes >= GB_BYTES) {
    return `${(bytes / GB_BYTES).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} GB`
  }
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`
  return `${Math.round(bytes / 1024)} kB`
}

/** `42%` from a fraction (0.42), up to one decimal. */
export const percentText = (fraction: number): string =>
  `${(fraction * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`

/**
 * A number typed in a field: `null` for an empty field, the number when it is one within
 * `min`..`max` (whole when `integer`), `'invalid'` otherwise. A comma is read as a decimal point.
 */
export function parseNumberField(
  text: string,
  { min, max, integer = false }: { min: number; max: number; integer?: boolean },
): number | null | 'invalid' {
  const trimmed = text.trim().replace(',', '.')
  if (trimmed === '') return null
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return 'invalid'
  const value = Number(trimmed)
  if (value < min || value > max || (integer && !Number.isInteger(value))) return 'invalid'
  return value
}
