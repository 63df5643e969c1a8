import { CHT_DATABASES, isChtDatabase } from '../cht-databases'
import type { ChtSyncFacts, Couch2pgFacts, CouchdbFacts, ProgressSource } from './connection-result'
import { sourceDatabase } from './progress-source'
import { gapsOf, unnamedSourceGap } from './sync-coverage-gaps'

/**
 * Which CouchDB databases each pipeline copies, against those CouchDB holds: the facts of the
 * three connection tests put side by side, per database, with a sentence for each gap and
 * whether it matters. Pure, so the renderer, the Markdown export and the connection results
 * (their warnings) say the same, offline too.
 */

/** The two pipelines that copy CouchDB into PostgreSQL: the old one and its successor. */
export const PIPELINES = ['couch2pg', 'chtSync'] as const
export type PipelineId = (typeof PIPELINES)[number]

/** `not_checked`: a name from a progress row the wizard did not ask CouchDB about. */
export type CouchCoverageState = 'present' | 'absent' | 'unreadable' | 'not_checked' | 'unknown'
export type PipelineCoverageState = 'copies' | 'not_copied' | 'unknown'

/** One pipeline and one database: whether its progress names the database. */
export interface PipelineCoverage {
  /** `unknown` when that endpoint was not tested or its progress could not be read. */
  state: PipelineCoverageState
  /** The progress rows naming the database (one per CouchDB address the pipeline used). */
  sources: ProgressSource[]
}

/** A difference worth a sentence; `matters` when it needs fixing before the switch. */
export interface CoverageGap {
  /** The database it is about; null for a progress row that names none. */
  database: string | null
  /** The pipeline whose settings it is about (its connection result warns of it); else null. */
  pipeline: PipelineId | null
  matters: boolean
  text: string
}

/** One database: what CouchDB holds and what each pipeline copies. */
export interface CoverageRow {
  database: string
  couchdb: { state: CouchCoverageState; docCount: number | null }
  couch2pg: PipelineCoverage
  chtSync: PipelineCoverage
  gaps: CoverageGap[]
}

/** Per database, what CouchDB holds and what each pipeline copies (see `syncCoverage`). */
export interface SyncCoverage {
  /** Which endpoints' facts were known. */
  known: { couchdb: boolean; couch2pg: boolean; chtSync: boolean }
  /** The CHT databases first, then every other database a progress row names. */
  rows: CoverageRow[]
  /** Progress rows naming no database (`default-source`), one sentence each. */
  unnamed: CoverageGap[]
}

/** What one pipeline's progress table tells, or null when it tells nothing. */
interface PipelineProgress {
  rows: ProgressSource[]
  /** False when more rows exist than were read: an unlisted database may still be copied. */
  complete: boolean
}

/** The row limit of results stored before per-source rows were kept. */
const LEGACY_SOURCE_LIMIT = 20

function couch2pgProgress(facts: Couch2pgFacts | null): PipelineProgress | null {
  if (!facts?.progress.table) return null
  const { bySource, sources, truncated } = facts.progress
  const legacy = bySource.length === 0
  const rows: ProgressSource[] = legacy
    ? sources.map((source) => ({
        source,
        database: sourceDatabase(source),
        seq: null,
        pending: null,
        updatedAt: null,
      }))
    : bySource
  // No rows: couch2pg never ran, or the rows could not be read (no source column): unknown.
  if (rows.length === 0) return null
  return { rows, complete: legacy ? sources.length < LEGACY_SOURCE_LIMIT : !truncated }
}

function chtSyncProgress(facts: ChtSyncFacts | null): PipelineProgress | null {
  if (facts?.progress.state !== 'read') return null
  const { bySource, sources } = facts.progress
  // A result stored before the rows were kept counts sources without naming them.
  if (bySource.length === 0 && sources > 0) return null
  return { rows: bySource, complete: sources <= bySource.length }
}

function couchdbCell(facts: CouchdbFacts | null, name: string): CoverageRow['couchdb'] {
  if (!facts) return { state: 'unknown', docCount: null }
  const db = facts.databases.find((d) => d.name === name)
  if (!db) return { state: 'not_checked', docCount: null }
  if (db.state === 'present') return { state: 'present', docCount: db.docCount }
  if (db.state === 'absent') return { state: 'absent', docCount: null }
  return { state: 'unreadable', docCount: null }
}

function pipelineCell(progress: PipelineProgress | null, name: string): PipelineCoverage {
  if (!progress) return { state: 'unknown', sources: [] }
  const sources = progress.rows.filter((r) => r.database === name)
  if (sources.length > 0) return { state: 'copies', sources }
  return { state: progress.complete ? 'not_copied' : 'unknown', sources: [] }
}

/**
 * Per database, whether CouchDB holds it (with its document count), whether each pipeline copies
 * it (its progress rows name it, matched by database name, never by host), and a sentence for
 * each gap, from whichever facts are known (each may be null: that column is then unknown).
 *
 * The databases are CouchDB's CHT databases (`medic`, `medic-sentinel`, `medic-users-meta`,
 * `medic-logs`, `_users`) and every database a progress row names, such as `medic_sentinel`.
 */
export function syncCoverage(
  couchdb: CouchdbFacts | null,
  couch2pg: Couch2pgFacts | null,
  chtSync: ChtSyncFacts | null,
): SyncCoverage {
  const progress = { couch2pg: couch2pgProgress(couch2pg), chtSync: chtSyncProgress(chtSync) }
  const named = [...(progress.couch2pg?.rows ?? []), ...(progress.chtSync?.rows ?? [])]
  const others = [
    ...new Set(named.flatMap((r) => (r.database === null ? [] : [r.database]))),
  ].filter((name) => !isChtDatabase(name))
  const names = [...CHT_DATABASES, ...others.sort()]
  const rows = names.map((database) => {
    const row = {
      database,
      couchdb: couchdbCell(couchdb, database),
      couch2pg: pipelineCell(progress.couch2pg, database),
      chtSync: pipelineCell(progress.chtSync, database),
    }
    return { ...row, gaps: gapsOf(row, couch2pg?.release ?? null) }
  })
  const unnamed = [
    ...(progress.couch2pg?.rows ?? [])
      .filter((r) => r.database === null)
      .map((r) => unnamedSourceGap('couch2pg', r.source)),
    ...(progress.chtSync?.rows ?? [])
      .filter((r) => r.database === null)
      .map((r) => unnamedSourceGap('chtSync', r.source)),
  ]
  return {
    known: { couchdb: couchdb !== null, couch2pg: couch2pg !== null, chtSync: chtSync !== null },
    rows,
    unnamed,
  }
}

/** The gaps that matter and concern one pipeline's settings: its connection result's warnings. */
export const pipelineWarnings = (coverage: SyncCoverage, pipeline: PipelineId): string[] =>
  [...coverage.rows.flatMap((r) => r.gaps), ...coverage.unnamed]
    .filter((g) => g.matters && g.pipeline === pipeline)
    .map((g) => g.text)
