import { useId, useState } from 'react'
import {
  checkpointRows,
  differenceViews,
  docCountRows,
  filterRows,
  NOT_BROKEN_DOWN,
  sideLabels,
  type DocResult,
} from '../../lib/doc-parity-view'
import { DocDifferences } from './DocDifferences'
import { GroupTable } from './GroupTable'

function Counts({ doc }: { doc: DocResult }) {
  const [onlyDiffering, setOnlyDiffering] = useState(false)
  const filterId = useId()
  const sides = sideLabels(doc.details)
  const { totals, breakdown } = docCountRows(doc.details)
  const shownTotals = filterRows(totals, onlyDiffering)
  const shownBreakdown = filterRows(breakdown, onlyDiffering)
  const differing =
    totals.filter((r) => r.differs).length + breakdown.filter((r) => r.differs).length
  const title = doc.result.title
  return (
    <div className="doc-section">
      <h4>Counts side by side</h4>
      {totals.length + breakdown.length === 0 ? (
        <p className="muted">No counts were recorded.</p>
      ) : (
        <>
          <p className="doc-filter">
            <input
              id={filterId}
              type="checkbox"
              checked={onlyDiffering}
              onChange={(e) => setOnlyDiffering(e.currentTarget.checked)}
            />{' '}
            <label htmlFor={filterId}>Only rows that differ</label>{' '}
            <span className="muted">
              ({differing.toLocaleString('en-US')} of{' '}
              {(totals.length + breakdown.length).toLocaleString('en-US')} rows differ)
            </span>
          </p>
          <h5>Totals per database</h5>
          {shownTotals.length === 0 ? (
            <p className="muted">Every total matches.</p>
          ) : (
            <GroupTable
              rows={shownTotals}
              caption={`${title}: totals per database`}
              groupLabel={['Database', 'Counted']}
              oldLabel={sides.old}
              newLabel={sides.new}
              rowNoun="rows"
            />
          )}
          {breakdown.length > 0 ? (
            <>
              <h5>By type, form and month</h5>
              <p className="muted">
                {NOT_BROKEN_DOWN} where a row is not broken down by that column (a contact has no
                form).
              </p>
              {shownBreakdown.length === 0 ? (
                <p className="muted">Every row of the breakdown matches.</p>
              ) : (
                <GroupTable
                  rows={shownBreakdown}
                  caption={`${title}: counts by database, type, form and month`}
                  groupLabel={['Database', 'Type', 'Form', 'Month']}
                  oldLabel={sides.old}
                  newLabel={sides.new}
                  rowNoun="rows"
                />
              )}
            </>
          ) : null}
        </>
      )}
    </div>
  )
}

function Checkpoints({ doc }: { doc: DocResult }) {
  const rows = checkpointRows(doc.details)
  const caption = `${doc.result.title}: where each pipeline stood when the run began`
  return (
    <div className="doc-section">
      <h4>Checkpoints</h4>
      {rows.length === 0 ? (
        <p className="muted">No checkpoint was recorded.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
          <table className="parity-table parity-table-multi doc-checkpoints">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Database</th>
                <th scope="col">Pipeline</th>
                <th scope="col" className="num">
                  Sequence
                </th>
                <th scope="col" className="num">
                  Pending
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.database}\u0000${r.pipeline}`}>
                  <th scope="row">{r.database}</th>
                  <td>{r.pipeline}</td>
                  <td className="num" title={r.seq ?? undefined}>
                    {r.seqShort}
                  </td>
                  <td className="num">{r.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        Sequences show their number only (the whole sequence is in the tooltip): CouchDB sequences
        are opaque, and these numbers cannot order two of them.
      </p>
    </div>
  )
}

/**
 * The details of one document result: the counts side by side (with “only rows that differ”),
 * the differences by class with examples, and where each pipeline stood (its checkpoint).
 */
export function DocResultDetails({ doc, id }: { doc: DocResult; id: string }) {
  const views = differenceViews(doc.details)
  return (
    <div className="doc-details" id={id}>
      <Counts doc={doc} />
      <div className="doc-section">
        <h4>Differences</h4>
        <DocDifferences views={views} sides={sideLabels(doc.details)} />
      </div>
      <Checkpoints doc={doc} />
    </div>
  )
}
