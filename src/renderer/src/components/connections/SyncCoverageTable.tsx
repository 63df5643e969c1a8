import { connectionContextOf } from '../../../../shared/results/connection-context'
import { syncCoverage } from '../../../../shared/results/sync-coverage'
import {
  couchdbCellText,
  COVERAGE_TITLE,
  coverageGaps,
  hasCoverage,
  pipelineCellText,
} from '../../../../shared/results/sync-coverage-text'
import { useStore } from '../../store'
import { selectResults } from '../../store/selectors'

const HEADING_ID = 'sync-coverage-heading'

/**
 * Which CouchDB databases each pipeline copies, against those CouchDB holds, from the latest
 * stored connection results of the project (`syncCoverage`): a table with one row per database,
 * then each gap in words, those that need attention first. Words carry the meaning, never colour
 * alone; the table has a caption and header cells for screen readers, and its scrolling region
 * can be reached with the keyboard.
 */
export function SyncCoverageTable() {
  const results = useStore(selectResults)
  const context = connectionContextOf(results)
  const coverage = syncCoverage(context.couchdb, context.couch2pg, context.chtSync)
  const gaps = coverageGaps(coverage)
  return (
    <section
      className="card sync-coverage"
      aria-labelledby={HEADING_ID}
      data-testid="sync-coverage"
    >
      <h2 id={HEADING_ID}>{COVERAGE_TITLE}</h2>
      {!hasCoverage(coverage) ? (
        <p className="muted">
          Test the connections to see which CouchDB databases couch2pg and CHT Sync copy.
        </p>
      ) : (
        <>
          <p className="muted">
            From the latest connection tests. Progress rows are matched to CouchDB’s databases by
            database name: each pipeline reaches CouchDB by its own address.
          </p>
          <div
            className="table-scroll"
            role="region"
            aria-label="Table of the databases each pipeline copies"
            tabIndex={0}
          >
            <table className="sync-coverage-table">
              <caption className="visually-hidden">
                {COVERAGE_TITLE}: for each database, what CouchDB holds and whether couch2pg and CHT
                Sync copy it
              </caption>
              <thead>
                <tr>
                  <th scope="col">Database</th>
                  <th scope="col">CouchDB</th>
                  <th scope="col">couch2pg</th>
                  <th scope="col">CHT Sync</th>
                </tr>
              </thead>
              <tbody>
                {coverage.rows.map((row) => (
                  <tr
                    key={row.database}
                    data-database={row.database}
                    className={row.gaps.some((g) => g.matters) ? 'sync-coverage-attention' : ''}
                  >
                    <th scope="row">
                      <code>{row.database}</code>
                    </th>
                    <td>{couchdbCellText(row)}</td>
                    <td data-state={row.couch2pg.state}>
                      {pipelineCellText(coverage, row, 'couch2pg')}
                    </td>
                    <td data-state={row.chtSync.state}>
                      {pipelineCellText(coverage, row, 'chtSync')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {gaps.length > 0 ? (
            <ul className="sync-coverage-gaps">
              {gaps.map((gap, i) => (
                <li
                  key={i}
                  className={gap.matters ? 'sync-coverage-gap-attention' : 'sync-coverage-gap-note'}
                >
                  <strong>{gap.matters ? 'Needs attention: ' : 'Note: '}</strong>
                  {gap.text}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  )
}
