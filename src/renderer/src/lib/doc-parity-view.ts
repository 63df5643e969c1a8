import type { StoredResult } from '../../../shared/project-schema'
import type { ComparisonDetails, DifferenceClass } from '../../../shared/results/comparison-result'
import { seqPrefix } from '../../../shared/results/progress-source'
import type { TileRow } from './parity-view'

/**
 * What the Documents section of the Parity page shows, worked out from the three stored results
 * of document parity: the differences in words naming each side, the counts side by side (totals,
 * then the type/form/month breakdown, those that differ first), the samples and the checkpoints.
 * Pure, so it is unit-tested without a page.
 */

/** The stored ids of document parity's results, in the order the page shows them. */
export const DOC_RESULT_IDS = [
  'parity.documents.couchdb-chtsync',
  'parity.documents.couchdb-couch2pg',
  'parity.documents.couch2pg-chtsync',
] as const

/** A document parity result with its comparison details. */
export interface DocResult {
  result: StoredResult
  details: ComparisonDetails
}

/** The document parity results the project holds, in page order. */
export function docResults(results: Readonly<Record<string, StoredResult>>): DocResult[] {
  return DOC_RESULT_IDS.flatMap((id) => {
    const result = results[id]
    return result && result.details.kind === 'comparison'
      ? [{ result, details: result.details }]
      : []
  })
}

/** How a result names its two sides (`CouchDB`, `couch2pg`, `CHT Sync`). */
export interface SideLabels {
  old: string
  new: string
}

export const sideLabels = (details: ComparisonDetails): SideLabels => ({
  old: details.old.label,
  new: details.new.label,
})

/** A class of difference in words, naming the sides as the result does. */
export function differenceLabel(cls: DifferenceClass, sides: SideLabels): string {
  switch (cls) {
    case 'missing_in_new':
      return `missing in ${sides.new}`
    case 'extra_in_new':
      return `in ${sides.new} but not in ${sides.old}`
    case 'stale_in_new':
      return `stale in ${sides.new} (an older revision)`
    case 'stale_in_old':
      return `stale in ${sides.old} (an older revision)`
    case 'deleted_but_present':
      return `deleted in ${sides.old} but still present in ${sides.new}`
    case 'present_but_deleted':
      return `present in ${sides.old} but deleted in ${sides.new}`
    case 'duplicate_id':
      return 'duplicated id'
    case 'in_flight':
      return 'in flight (changed after a pipeline’s checkpoint)'
    case 'value_conflict':
      return 'values differ'
    case 'null_one_side':
      return 'empty on one side'
  }
}

/** A sample's note (`database; explanation`) split into its parts. */
export function sampleParts(note: string | null): { database: string; explanation: string } {
  if (note === null) return { database: '', explanation: '' }
  const at = note.indexOf(';')
  if (at < 0) return { database: note.trim(), explanation: '' }
  return { database: note.slice(0, at).trim(), explanation: note.slice(at + 1).trim() }
}

/** A revision as the samples table shows it: `—` when the side has none. */
export const revisionText = (rev: string | number | boolean | null): string =>
  rev === null || rev === '' ? '—' : String(rev)

/**
 * A revision short enough for a table column: its generation and the first 8 characters of its
 * hash (`3-a8b689c8…`); anything else as it is (up to 20 characters).
 */
export function shortRevision(rev: string): string {
  const match = /^(\d+-[0-9a-f]{8})[0-9a-f]{2,}$/i.exec(rev)
  if (match) return `${match[1]}…`
  return rev.length > 20 ? `${rev.slice(0, 19)}…` : rev
}

/** One class of difference as the page lists it, largest first, in-flight last. */
export interface DifferenceView {
  cls: DifferenceClass
  label: string
  count: number
  samples: {
    id: string
    database: string
    old: string
    new: string
    explanation: string
  }[]
}

export function differenceViews(details: ComparisonDetails): DifferenceView[] {
  const sides = sideLabels(details)
  return details.differences
    .filter((d) => d.count > 0)
    .map((d) => ({
      cls: d.class,
      label: differenceLabel(d.class, sides),
      count: d.count,
      samples: d.samples.map((s) => ({
        id: s.key,
        ...sampleParts(s.note),
        old: revisionText(s.old),
        new: revisionText(s.new),
      })),
    }))
    .sort(
      (a, b) =>
        Number(a.cls === 'in_flight') - Number(b.cls === 'in_flight') ||
        b.count - a.count ||
        a.label.localeCompare(b.label),
    )
}

/** A count row of a document result, its group as table cells. */
export type DocCountRow = TileRow & { cells: string[] }

/** What an empty group value (`''`: not broken down by it) shows as. */
export const NOT_BROKEN_DOWN = '—'

function countRow(cells: string[], old: number | null, neu: number | null): DocCountRow {
  const delta = old === null || neu === null ? null : neu - old
  const differs = delta === null ? old !== neu : delta !== 0
  return { group: cells.join(' / '), cells, old, new: neu, delta, differs }
}

/** Those that differ first, the engine's order kept otherwise. */
const differingFirst = <T extends { differs: boolean }>(rows: T[]): T[] =>
  rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => Number(b.row.differs) - Number(a.row.differs) || a.i - b.i)
    .map(({ row }) => row)

/**
 * The counts of a document result side by side: the totals per database (documents, and deletion
 * stubs where counted), then the breakdown per database, type, form and month; in each, the rows
 * that differ first.
 */
export function docCountRows(details: ComparisonDetails): {
  totals: DocCountRow[]
  breakdown: DocCountRow[]
} {
  const totals: DocCountRow[] = []
  const breakdown: DocCountRow[] = []
  for (const c of details.counts) {
    if (c.group.length >= 3) {
      const cells = [0, 1, 2, 3].map((i) => c.group[i] || NOT_BROKEN_DOWN)
      breakdown.push(countRow(cells, c.old, c.new))
    } else {
      const what = c.group[1] === 'deleted' ? 'Deletion stubs' : 'Documents'
      totals.push(countRow([c.group[0] || 'all databases', what], c.old, c.new))
    }
  }
  return { totals: differingFirst(totals), breakdown: differingFirst(breakdown) }
}

/** The rows that differ, or all of them. */
export const filterRows = <T extends { differs: boolean }>(rows: T[], onlyDiffering: boolean) =>
  onlyDiffering ? rows.filter((r) => r.differs) : rows

const PIPELINE_LABEL = { couchdb: 'CouchDB', couch2pg: 'couch2pg', 'cht-sync': 'CHT Sync' } as const
const PIPELINE_ORDER = { couchdb: 0, couch2pg: 1, 'cht-sync': 2 } as const

/** One checkpoint as the table shows it: the sequence's numeric prefix, the whole in a title. */
export interface CheckpointRow {
  database: string
  pipeline: string
  /** The numeric prefix (display only: sequences are opaque), or `—`. */
  seqShort: string
  seq: string | null
  pending: string
}

export function checkpointRows(details: ComparisonDetails): CheckpointRow[] {
  return [...details.checkpoints]
    .sort(
      (a, b) =>
        a.database.localeCompare(b.database) ||
        PIPELINE_ORDER[a.pipeline] - PIPELINE_ORDER[b.pipeline],
    )
    .map((c) => ({
      database: c.database,
      pipeline: PIPELINE_LABEL[c.pipeline],
      seqShort: seqPrefix(c.seq) ?? (c.seq === null ? '—' : c.seq.slice(0, 12)),
      seq: c.seq,
      pending: c.pending === null ? 'not known' : c.pending.toLocaleString('en-US'),
    }))
}

/** How many differences a result found, in-flight documents not counted. */
export const differenceTotal = (details: ComparisonDetails): number =>
  details.differences.filter((d) => d.class !== 'in_flight').reduce((n, d) => n + d.count, 0)
