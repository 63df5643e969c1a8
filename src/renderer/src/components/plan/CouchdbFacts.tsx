import { useState } from 'react'
import type { StoredResult } from '../../../../shared/project-schema'
import type {
  CouchdbInventoryDetails,
  ValueCount,
} from '../../../../shared/results/couchdb-inventory-result'
import { PARTIAL_LABEL } from '../../lib/labels'
import { formatBytes } from '../../lib/sizing'
import { TimeAgo } from '../common/TimeAgo'

/** Values of a distribution listed before “Show all”. */
const SHOWN = 12

const figure = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US'))

/** One distribution of the medic database (types, forms, contact types) as a compact table. */
function Distribution({ title, values }: { title: string; values: readonly ValueCount[] }) {
  const [all, setAll] = useState(false)
  const sorted = [...values].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
  const shown = all ? sorted : sorted.slice(0, SHOWN)
  return (
    <div className="inventory-distribution">
      <div className="table-scroll" role="region" aria-label={title} tabIndex={0}>
        <table className="inventory-small-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Value</th>
              <th scope="col" className="num">
                Documents
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={2} className="muted">
                  None found.
                </td>
              </tr>
            ) : (
              shown.map((v) => (
                <tr key={v.value}>
                  <th scope="row">
                    <code>{v.value}</code>
                  </th>
                  <td className="num">{v.count.toLocaleString('en-US')}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {sorted.length > shown.length ? (
        <button type="button" className="button button-small" onClick={() => setAll(true)}>
          Show all {sorted.length.toLocaleString('en-US')}
        </button>
      ) : null}
    </div>
  )
}

/**
 * What the CouchDB inventory found: the CHT and CouchDB versions, each database's documents,
 * size and update sequence, and how medic's documents divide by type, form and contact type (a
 * cancelled scan marked partial, with how much of medic it read).
 */
export function CouchdbFacts({
  result,
  details,
}: {
  result: StoredResult
  details: CouchdbInventoryDetails
}) {
  const { medic } = details
  const cut = medic !== null && medic.total !== null && medic.scanned < medic.total
  return (
    <section className="card inventory-couchdb" aria-labelledby="inventory-couchdb-heading">
      <h2 id="inventory-couchdb-heading">CouchDB</h2>
      <p>
        {details.chtVersion ? `CHT ${details.chtVersion}` : 'CHT version unknown'}
        {details.couchVersion ? ` on CouchDB ${details.couchVersion}` : ''}.{' '}
        <span className="muted">
          Read <TimeAgo iso={result.ranAt} />.
        </span>
        {result.partial ? (
          <>
            {' '}
            <span className="badge badge-warn">
              Partial: {PARTIAL_LABEL[result.partial.reason]}
            </span>
          </>
        ) : null}
      </p>
      <div className="table-scroll" role="region" aria-label="CouchDB databases" tabIndex={0}>
        <table className="inventory-small-table inventory-databases">
          <caption className="visually-hidden">CouchDB databases</caption>
          <thead>
            <tr>
              <th scope="col">Database</th>
              <th scope="col" className="num">
                Documents
              </th>
              <th scope="col" className="num">
                Deleted
              </th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">Update sequence</th>
            </tr>
          </thead>
          <tbody>
            {details.databases.map((db) => (
              <tr key={db.name}>
                <th scope="row">
                  <code>{db.name}</code>
                </th>
                <td className="num">{figure(db.docCount)}</td>
                <td className="num">{figure(db.deletedCount)}</td>
                <td className="num">{db.sizeBytes === null ? '—' : formatBytes(db.sizeBytes)}</td>
                <td className="inventory-seq">
                  {db.error ? (
                    <span className="field-error">Could not read: {db.error}</span>
                  ) : (
                    <code title={db.updateSeq ?? undefined}>{db.updateSeq ?? '—'}</code>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {medic ? (
        <>
          <h3>
            Documents of <code>{medic.database}</code>
          </h3>
          <p className="muted" data-testid="medic-scanned">
            {cut
              ? `Partial: ${figure(medic.scanned)} of ${figure(medic.total)} documents were read before the scan stopped.`
              : `${figure(medic.scanned)} documents read.`}
            {medic.other > 0
              ? ` ${figure(medic.other)} documents are in values past the first listed.`
              : null}
          </p>
          <div className="inventory-distributions">
            <Distribution title="Document types" values={medic.types} />
            <Distribution title="Forms of reports" values={medic.forms} />
            <Distribution title="Contact types" values={medic.contactTypes} />
          </div>
        </>
      ) : null}
    </section>
  )
}
