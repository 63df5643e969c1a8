import { redactSecrets } from '../../../shared/redact'
import type { SyncCoverage } from '../../../shared/results/sync-coverage'
import {
  couchdbCellText,
  COVERAGE_TITLE,
  coverageGaps,
  hasCoverage,
  pipelineCellText,
} from '../../../shared/results/sync-coverage-text'

/** A table cell: no line breaks, pipes, raw HTML or credentials (values may come from a server). */
const cell = (text: string) =>
  redactSecrets(text)
    .replace(/[\r\n]+/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')

/**
 * The coverage of databases as Markdown (`syncCoverage` of the project's latest connection
 * results): a table of what CouchDB holds and what each pipeline copies, then each gap, those
 * that need attention first. Nothing when no connection was tested yet.
 */
export function renderCoverageMarkdown(coverage: SyncCoverage): string[] {
  if (!hasCoverage(coverage)) return []
  const lines = [
    '',
    `${COVERAGE_TITLE} (from the latest connection tests):`,
    '',
    '| Database | CouchDB | couch2pg | CHT Sync |',
    '| --- | --- | --- | --- |',
  ]
  for (const row of coverage.rows) {
    const cells = [
      row.database,
      couchdbCellText(row),
      pipelineCellText(coverage, row, 'couch2pg'),
      pipelineCellText(coverage, row, 'chtSync'),
    ]
    lines.push(`| ${cells.map(cell).join(' | ')} |`)
  }
  const gaps = coverageGaps(coverage)
  if (gaps.length > 0) {
    lines.push('')
    for (const gap of gaps) {
      lines.push(`- ${gap.matters ? 'Needs attention' : 'Note'}: ${cell(gap.text)}`)
    }
  }
  return lines
}
