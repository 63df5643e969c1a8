import { useState } from 'react'
import { readDocument } from '../../actions/parity-actions'
import { shortRevision, type DifferenceView, type SideLabels } from '../../lib/doc-parity-view'
import { DocumentBodiesDialog, type ShownDocument } from './DocumentBodiesDialog'

function Samples({
  view,
  sides,
  onShow,
}: {
  view: DifferenceView
  sides: SideLabels
  onShow: (database: string, id: string) => void
}) {
  const caption = `Examples of documents ${view.label}`
  return (
    <div className="table-scroll doc-samples" role="region" aria-label={caption} tabIndex={0}>
      <table className="parity-table parity-table-multi">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Document id</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
            <th scope="col">Database</th>
            <th scope="col">Revision in {sides.old}</th>
            <th scope="col">Revision in {sides.new}</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {view.samples.map((s) => (
            <tr key={`${s.database}\u0000${s.id}`} data-sample={s.id}>
              <th scope="row" className="doc-id">
                <span className="doc-id-text" title={s.id}>
                  {s.id}
                </span>
              </th>
              <td>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Show document ${s.id}`}
                  disabled={s.database === ''}
                  onClick={() => onShow(s.database, s.id)}
                >
                  Show document
                </button>
              </td>
              <td>{s.database || '—'}</td>
              <td className="doc-rev" title={s.old}>
                {shortRevision(s.old)}
              </td>
              <td className="doc-rev" title={s.new}>
                {shortRevision(s.new)}
              </td>
              <td className="doc-note">{s.explanation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/**
 * The differences of a document result by class, in words naming the sides, each with how many
 * and a table of examples (id, database, both revisions, note) whose “Show document” opens the
 * document as CouchDB, couch2pg and CHT Sync hold it.
 */
export function DocDifferences({ views, sides }: { views: DifferenceView[]; sides: SideLabels }) {
  const [shown, setShown] = useState<ShownDocument | null>(null)
  const show = (database: string, id: string) => {
    setShown({ database, id, answer: null })
    void readDocument(database, id).then((answer) =>
      setShown((current) =>
        current && current.id === id && current.database === database
          ? { ...current, answer }
          : current,
      ),
    )
  }
  if (views.length === 0) return <p className="muted">No difference was found.</p>
  return (
    <>
      <ul className="doc-differences" aria-label="Differences by class">
        {views.map((view) => (
          <li key={view.cls} data-class={view.cls}>
            <h5 className="doc-difference-title">
              <span className="doc-difference-count">{view.count.toLocaleString('en-US')}</span>{' '}
              {view.label}
            </h5>
            {view.samples.length > 0 ? (
              <>
                {view.samples.length < view.count ? (
                  <p className="muted">
                    The first {view.samples.length} of {view.count.toLocaleString('en-US')}:
                  </p>
                ) : null}
                <Samples view={view} sides={sides} onShow={show} />
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {shown ? <DocumentBodiesDialog shown={shown} onClose={() => setShown(null)} /> : null}
    </>
  )
}
