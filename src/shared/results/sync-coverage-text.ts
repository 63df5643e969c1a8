import { count, plural, seqLabel } from './describe-format'
import type { CoverageRow, PipelineCoverage, PipelineId, SyncCoverage } from './sync-coverage'

/**
 * The cells of the coverage of databases in words, shared by the Connections page and the
 * Markdown export so both say the same.
 */

/** The table's title, the same on the page and in the export. */
export const COVERAGE_TITLE = 'Databases each pipeline copies'

/** `20,431 documents`, `not on this server`, `not tested`… */
export function couchdbCellText(row: CoverageRow): string {
  const { state, docCount } = row.couchdb
  switch (state) {
    case 'present':
      return docCount === null ? 'present' : plural(docCount, 'document')
    case 'absent':
      return 'not on this server'
    case 'unreadable':
      return 'not readable by this user'
    case 'not_checked':
      return 'not asked (not a CHT database)'
    case 'unknown':
      return 'not tested'
  }
}

function sourceText(source: PipelineCoverage['sources'][number], pipeline: PipelineId): string {
  const parts = [seqLabel(source.seq)]
  if (pipeline === 'chtSync') {
    parts.push(source.pending === null ? 'pending not known' : `${count(source.pending)} pending`)
  }
  return parts.join(', ')
}

/** `copies (seq 4711, 3 pending)`, `does not copy`, `not tested`, `not known`. */
export function pipelineCellText(
  coverage: SyncCoverage,
  row: CoverageRow,
  pipeline: PipelineId,
): string {
  const cell = row[pipeline]
  if (cell.state === 'not_copied') return 'does not copy'
  if (cell.state === 'unknown') return coverage.known[pipeline] ? 'not known' : 'not tested'
  const [first, ...more] = cell.sources
  if (!first) return 'copies'
  if (more.length === 0) return `copies (${sourceText(first, pipeline)})`
  return `copies, from ${count(cell.sources.length)} CouchDB addresses (${cell.sources
    .map((s) => `${s.source}: ${sourceText(s, pipeline)}`)
    .join('; ')})`
}

/** True when any endpoint's facts are known: otherwise there is nothing to show yet. */
export const hasCoverage = (coverage: SyncCoverage): boolean =>
  coverage.known.couchdb || coverage.known.couch2pg || coverage.known.chtSync

/** Every gap of the coverage, those that matter first. */
export const coverageGaps = (coverage: SyncCoverage) => {
  const all = [...coverage.rows.flatMap((r) => r.gaps), ...coverage.unnamed]
  return [...all.filter((g) => g.matters), ...all.filter((g) => !g.matters)]
}
