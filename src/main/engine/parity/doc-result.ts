import type { ComparisonDetails } from '../../../shared/results/comparison-result'
import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type { NewResult } from '../../../shared/results/result-schema'
import type { Verdict } from '../../../shared/results/common'
import type { DocComparisonId } from './doc-classify'
import type { DocCompareOutcome } from './doc-compare'
import type { CountRow } from './doc-counts'
import type { DocScope } from './doc-scope'
import { countRows, labelOf } from './doc-result-counts'

/**
 * The three stored results of a document parity run: CouchDB against CHT Sync (does the new
 * pipeline hold what CouchDB holds?), CouchDB against couch2pg (the old pipeline's own drift,
 * which explains old-against-new differences and blocks nothing), and couch2pg against CHT Sync.
 */

/** The stored id of each comparison's result. */
export const docResultId = (c: DocComparisonId) => `parity.documents.${c}`

/** The title of each comparison's result. */
export const DOC_TITLES: Record<DocComparisonId, string> = {
  'couchdb-chtsync': 'Documents: CouchDB → CHT Sync',
  'couchdb-couch2pg': 'Documents: CouchDB → couch2pg',
  'couch2pg-chtsync': 'Documents: couch2pg → CHT Sync',
}

/** The checklist item each comparison's result is evidence for. */
export const DOC_ITEMS: Record<DocComparisonId, string> = {
  'couchdb-chtsync': 'parity.counts',
  'couchdb-couch2pg': 'parity.counts',
  'couch2pg-chtsync': 'parity.missing-ids',
}

type Side = ComparisonDetails['old']
/** The old and new side of each comparison. */
export const DOC_SIDES: Record<DocComparisonId, [Side, Side]> = {
  'couchdb-chtsync': [
    { label: 'CouchDB', endpoint: 'couchdb', relation: null },
    { label: 'CHT Sync', endpoint: 'chtSync', relation: null },
  ],
  'couchdb-couch2pg': [
    { label: 'CouchDB', endpoint: 'couchdb', relation: null },
    { label: 'couch2pg', endpoint: 'couch2pg', relation: null },
  ],
  'couch2pg-chtsync': [
    { label: 'couch2pg', endpoint: 'couch2pg', relation: null },
    { label: 'CHT Sync', endpoint: 'chtSync', relation: null },
  ],
}

export interface DocResultInput {
  scope: DocScope
  outcome: DocCompareOutcome
  breakdown: { old: CountRow[]; new: CountRow[] } | null
  ranAt: string
  durationMs: number
  endpoints: NewResult['endpoints']
}

const words = (cls: string) => cls.replace(/_/g, ' ')

function checkpoints(input: DocResultInput, c: DocComparisonId): ComparisonDetails['checkpoints'] {
  const out: ComparisonDetails['checkpoints'] = []
  const seq = (s: string | number | null) =>
    s === null ? null : clipText(String(s), TEXT_LIMITS.line)
  for (const [db, cp] of input.scope.couch.checkpoints) {
    out.push({ pipeline: 'couchdb', database: db, seq: seq(cp.updateSeq), pending: null })
  }
  const pipelines = [
    ...(c !== 'couchdb-chtsync' ? (['couch2pg'] as const) : []),
    ...(c !== 'couchdb-couch2pg' ? (['cht-sync'] as const) : []),
  ]
  for (const p of pipelines) {
    for (const lag of input.outcome.lags[p === 'couch2pg' ? 'old' : 'new']) {
      out.push({ pipeline: p, database: lag.database, seq: seq(lag.seq), pending: lag.pending })
    }
  }
  return out.slice(0, 40)
}

/** Which pipelines' notes a comparison's summary carries. */
const SIDES_OF: Record<DocComparisonId, readonly ('old' | 'new')[]> = {
  'couchdb-chtsync': ['new'],
  'couchdb-couch2pg': ['old'],
  'couch2pg-chtsync': ['old', 'new'],
}

const PIPELINE_NAME = { old: 'couch2pg', new: 'CHT Sync' } as const

/** Sentences about what was not compared, for the summary of comparison `c`. */
function scopeNotes(input: DocResultInput, c: DocComparisonId): string[] {
  const { scope, outcome } = input
  const sides = SIDES_OF[c]
  const notes: string[] = []
  const present = [...scope.couch.checkpoints.keys()]
  for (const side of sides) {
    const name = PIPELINE_NAME[side]
    const compared = new Set(scope[side].pipeline.databases.keys())
    const missing = present.filter((db) => !compared.has(db))
    if (missing.length > 0) notes.push(`Not synced by ${name}: ${missing.join(', ')}.`)
    for (const row of scope[side].pipeline.strays) {
      notes.push(
        `${name}’s progress names “${row.database}” (${row.source}), a database CouchDB does not have.`,
      )
    }
    if (scope[side].pipeline.note) notes.push(scope[side].pipeline.note!)
  }
  for (const [db, why] of scope.couch.unreadable) {
    notes.push(`CouchDB’s ${db} could not be read: ${why}`)
  }
  for (const u of outcome.units) {
    if (sides.includes('new') && u.unit.side === 'new' && u.unit.groups.length > 1) {
      notes.push(
        `CHT Sync holds ${u.unit.name} from ${u.unit.groups.length} addresses (${u.unit.groups.join(', ')}); all were compared with this CouchDB.`,
      )
    }
  }
  for (const stray of outcome.strays.filter((s) => sides.includes(s.side))) {
    notes.push(
      `${stray.rows.toLocaleString('en-US')} rows of ${stray.group || 'the raw table'} were not compared: ${stray.why}.`,
    )
  }
  for (const side of sides) {
    for (const lag of outcome.lags[side]) {
      if (lag.note) {
        notes.push(`In-flight documents of ${lag.database} are not all known: ${lag.note}.`)
      }
    }
  }
  return notes
}

function verdictOf(c: DocComparisonId, input: DocResultInput): Verdict {
  const blocking = input.outcome.tally.blocking[c]
  const found = input.outcome.tally.differences[c].some(
    (d) => d.class !== 'in_flight' && d.count > 0,
  )
  if (c === 'couchdb-couch2pg') return blocking > 0 ? 'warn' : 'pass'
  if (blocking > 0) return 'fail'
  return found ? 'warn' : 'pass'
}

function summaryOf(c: DocComparisonId, input: DocResultInput): string {
  const differences = input.outcome.tally.differences[c]
  const found = differences.filter((d) => d.class !== 'in_flight')
  const flight = differences.find((d) => d.class === 'in_flight')?.count ?? 0
  const total = found.reduce((n, d) => n + d.count, 0)
  const parts: string[] = []
  if (total === 0) parts.push('Every document matches.')
  else {
    parts.push(
      `${total.toLocaleString('en-US')} difference${total === 1 ? '' : 's'}: ${found.map((d) => `${d.count.toLocaleString('en-US')} ${words(d.class)}`).join(', ')}.`,
    )
    if (c === 'couch2pg-chtsync' && input.outcome.tally.blocking[c] === 0) {
      parts.push('In each, CHT Sync agrees with CouchDB: they are couch2pg’s own drift.')
    }
    if (c === 'couchdb-couch2pg')
      parts.push('These are the old pipeline’s; they do not hold up the switch.')
  }
  if (flight > 0)
    parts.push(
      `${flight.toLocaleString('en-US')} in flight (changed after a pipeline’s checkpoint or during the run).`,
    )
  parts.push(...scopeNotes(input, c))
  return clipText(parts.join(' '), TEXT_LIMITS.paragraph)
}

/** The three results of a run, ready for `recordResults`. */
export function docResults(input: DocResultInput): NewResult[] {
  return (['couchdb-chtsync', 'couchdb-couch2pg', 'couch2pg-chtsync'] as const)
    .filter((c) => c !== 'couchdb-couch2pg' || input.scope.old.spec.tables.length > 0)
    .map((c) => {
      const [old, neu] = DOC_SIDES[c]
      return {
        id: docResultId(c),
        itemId: DOC_ITEMS[c],
        title: DOC_TITLES[c],
        verdict: verdictOf(c, input),
        summary: summaryOf(c, input),
        ranAt: input.ranAt,
        durationMs: input.durationMs,
        endpoints: input.endpoints,
        partial: input.outcome.partial,
        details: {
          kind: 'comparison',
          mode: 'documents',
          old,
          new: neu,
          counts: countRows(c, input, labelOf(input)),
          differences: input.outcome.tally.differences[c],
          checkpoints: checkpoints(input, c),
        },
      } satisfies NewResult
    })
}
