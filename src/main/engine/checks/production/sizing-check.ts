import { INDEX_OVERHEAD, projectSize, SIZING_LABELS } from '../../../../shared/checks/sizing'
import { AppError } from '../../../../shared/result'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { CheckContext, CheckOutcome } from '../check-types'
import { optionalConfig } from '../setup/access-config'
import { databaseBytes, formatBytes, measureOn } from './pg-settings'
import {
  copiedDatabases,
  measureCouchSize,
  measureFreeDisk,
  measureProgress,
} from './sizing-measure'

/** Free disk within this share of the need is a warning: the database keeps growing. */
const MARGIN = 0.2

/** How the projection was made, for the evidence and the summary. */
interface Projection {
  bytes: number | null
  basis: string
}

const BASIS_TEXT = {
  sample: (fraction: number) => `CHT Sync size ÷ synced fraction ${fraction.toFixed(3)}`,
  whole: () => 'CHT Sync size, taken as fully synced (the synced fraction is unknown)',
  couch2pg: () => 'couch2pg size standing in for a fully synced CHT Sync database',
} as const

/** The guide's estimate (`projectSize`, shared with the calculator), with how it was made. */
export function project(
  chtSync: number | null,
  fraction: number | null,
  couch2pg: number | null,
  growth: { growthPerYear: number; years: number },
): Projection {
  const projection = projectSize(
    { chtSyncBytes: chtSync, syncedFraction: fraction, couch2pgBytes: couch2pg },
    growth,
  )
  if (!projection) return { bytes: null, basis: 'no database size could be measured' }
  const terms = `× (1 + ${growth.growthPerYear})^${growth.years} growth × ${INDEX_OVERHEAD} overhead`
  return {
    bytes: projection.projectedBytes,
    basis: `${BASIS_TEXT[projection.basis](fraction ?? 1)} ${terms}`,
  }
}

const measure = (
  label: string,
  value: number | null,
  unit: string,
  limit: { op: '<=' | '>='; value: number } | null = null,
): EvidenceItem => ({ type: 'measure', label, value, unit, limit })

/** The run of `production.sizing`. */
export async function runSizingCheck(ctx: CheckContext): Promise<CheckOutcome> {
  const notes: string[] = []
  const config = await optionalConfig(ctx, notes)
  const couch2pg = await measureOn(ctx, 'couch2pg', databaseBytes)
  const chtSync = await measureOn(ctx, 'chtSync', databaseBytes)
  const progress = await measureProgress(ctx)
  const copied = copiedDatabases(config, progress.value?.databases ?? [])
  const couch = await measureCouchSize(ctx, copied.names)
  for (const n of [couch2pg.note, chtSync.note, progress.note, couch.note]) if (n) notes.push(n)

  if (couch2pg.value === null && chtSync.value === null) {
    const connected = ctx.document.connections.couch2pg || ctx.document.connections.chtSync
    if (!connected) {
      const reason =
        'Sizing needs at least one database size: set the couch2pg or the CHT Sync connection (Connections page).'
      return { verdict: 'skipped', summary: reason, skippedBecause: reason }
    }
    throw new AppError('IO_ERROR', `No database size could be measured. ${notes.join(' ')}`)
  }
  const { sizing } = ctx.document.checks
  const fraction = progress.value?.fraction ?? null
  const projection = project(chtSync.value, fraction, couch2pg.value, sizing)
  const needed = projection.bytes === null ? null : projection.bytes + (couch2pg.value ?? 0)
  const free = await measureFreeDisk(ctx)

  const evidence: EvidenceItem[] = [
    measure(SIZING_LABELS.chtSync, chtSync.value, 'bytes'),
    measure(SIZING_LABELS.couch2pg, couch2pg.value, 'bytes'),
    measure(SIZING_LABELS.couchdb, couch.value, 'bytes'),
    measure(SIZING_LABELS.fraction, fraction, 'ratio'),
    measure('Projected CHT Sync size', projection.bytes, 'bytes'),
    measure('Needed during the parallel run', needed, 'bytes'),
    measure(
      SIZING_LABELS.freeDisk,
      free.bytes,
      'bytes',
      needed === null ? null : { op: '>=', value: needed },
    ),
    { type: 'fact', label: 'Projection', value: projection.basis },
    {
      type: 'fact',
      label: 'Needed',
      value:
        'projected CHT Sync size + couch2pg database size (both live side by side until teardown)',
    },
    { type: 'fact', label: 'Free disk', value: free.source },
    {
      type: 'fact',
      label: 'CouchDB databases',
      value: `${copied.names.join(', ')} (from ${copied.source})`,
    },
  ]
  if (progress.value && progress.value.rawRows !== null) {
    evidence.push({
      type: 'fact',
      label: 'Synced so far',
      value: `${progress.value.rawRows} raw rows (${progress.value.rawExact ? 'counted' : 'estimated'}), ${progress.value.pending ?? 'unknown'} changes pending`,
    })
  }
  if (couch.rows.length > 0) {
    evidence.push({
      type: 'table',
      caption: 'CouchDB databases',
      columns: ['database', 'sizes.file', 'sizes.active', 'doc_count'],
      rows: couch.rows,
    })
  }
  if (fraction !== null && fraction < 0.05) {
    notes.push(
      `Only ${(fraction * 100).toFixed(1)}% is synced: the projection is rough; the guide samples about 10%.`,
    )
  }
  for (const value of notes) evidence.push({ type: 'fact', label: 'Note', value })

  const need = needed === null ? 'unknown' : formatBytes(needed)
  const calculator =
    'Enter the free disk of the server that will hold the CHT Sync database in the calculator on this item (df -h on that server).'
  if (free.bytes === null || needed === null) {
    return {
      verdict: 'warn',
      summary: `Both pipelines need about ${need} during the parallel run; the free disk is unknown.`,
      evidence,
      remedy: { text: calculator },
    }
  }
  const has = formatBytes(free.bytes)
  if (free.bytes < needed) {
    return {
      verdict: 'fail',
      summary: `Both pipelines need about ${need} during the parallel run, and only ${has} is free.`,
      evidence,
      remedy: {
        text: `Add at least ${formatBytes(needed - free.bytes)} of disk (on Kubernetes, raise postgres.storageSize: the default is 1Gi), or put CHT Sync’s database on another server.`,
      },
    }
  }
  if (free.bytes < needed * (1 + MARGIN)) {
    return {
      verdict: 'warn',
      summary: `${has} free covers the ${need} both pipelines need, with less than ${MARGIN * 100}% to spare.`,
      evidence,
      remedy: {
        text: 'Add disk before the parallel run: the data keeps growing and indexes need room to rebuild.',
      },
    }
  }
  return {
    verdict: 'pass',
    summary: `${has} free covers the ${need} both pipelines need during the parallel run.`,
    evidence,
  }
}
