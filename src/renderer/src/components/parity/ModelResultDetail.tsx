import type { ReactNode } from 'react'
import type { ComparisonDetails } from '../../../../shared/results/comparison-result'
import { countText, DIFFERENCE_LABEL, keysText, scalarText } from '../../lib/parity-edit-detail'

/** A table that scrolls sideways on its own, reachable by keyboard, named for assistive tech. */
function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="parity-detail-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}

function ColumnFigures({ title, details }: { title: string; details: ComparisonDetails }) {
  const columns = details.columns ?? []
  if (columns.length === 0) return <p className="muted">No column was compared.</p>
  return (
    <Scroll label={`${title}: figures per column`}>
      <table className="parity-table parity-detail-table">
        <caption className="visually-hidden">{`${title}: figures per column`}</caption>
        <thead>
          <tr>
            <th scope="col">Old column</th>
            <th scope="col">New column</th>
            <th scope="col">Tolerance</th>
            <th scope="col" className="num">
              Perfect match
            </th>
            <th scope="col" className="num">
              Both null
            </th>
            <th scope="col" className="num">
              Null on one side
            </th>
            <th scope="col" className="num">
              Conflict
            </th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr
              key={`${c.old}\u001f${c.new}`}
              className={c.conflict + c.nullOneSide > 0 ? 'parity-row-differs' : undefined}
            >
              <th scope="row" className="mono">
                {c.old}
              </th>
              <td className="mono">{c.new}</td>
              <td>{c.tolerance || 'exact'}</td>
              <td className="num">{countText(c.perfectMatch)}</td>
              <td className="num">{countText(c.bothNull)}</td>
              <td className="num">{countText(c.nullOneSide)}</td>
              <td className="num">{countText(c.conflict)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

const names = (list: string[]) => (list.length === 0 ? 'none' : list.join(', '))

function SchemaComparison({ title, details }: { title: string; details: ComparisonDetails }) {
  const schema = details.schema
  if (!schema) return <p className="muted">The schemas were not compared.</p>
  return (
    <>
      <p className="hint">By name (in any case), whatever the mapping pairs.</p>
      <dl className="parity-detail-facts">
        <dt>Only in old</dt>
        <dd className="mono">{names(schema.onlyInOld)}</dd>
        <dt>Only in new</dt>
        <dd className="mono">{names(schema.onlyInNew)}</dd>
        <dt>Type differences</dt>
        <dd>{schema.typeDifferences.length === 0 ? 'none' : schema.typeDifferences.length}</dd>
      </dl>
      {schema.typeDifferences.length > 0 ? (
        <Scroll label={`${title}: type differences`}>
          <table className="parity-table parity-detail-table">
            <caption className="visually-hidden">{`${title}: type differences`}</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Old type</th>
                <th scope="col">New type</th>
              </tr>
            </thead>
            <tbody>
              {schema.typeDifferences.map((d) => (
                <tr key={d.old.name}>
                  <th scope="row" className="mono">
                    {d.old.name === d.new.name ? d.old.name : `${d.old.name} / ${d.new.name}`}
                  </th>
                  <td className="mono">{d.old.type}</td>
                  <td className="mono">{d.new.type}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : null}
    </>
  )
}

function Differences({ title, details }: { title: string; details: ComparisonDetails }) {
  if (details.differences.length === 0) return <p className="muted">No difference was found.</p>
  return details.differences.map((d) => {
    const label = DIFFERENCE_LABEL[d.class]
    return (
      <section key={d.class} className="parity-detail-class" data-class={d.class}>
        <h4>
          {label}: {countText(d.count)}
          {d.samples.length < d.count ? (
            <span className="muted"> (first {d.samples.length} shown)</span>
          ) : null}
        </h4>
        {d.samples.length > 0 ? (
          <Scroll label={`${title}: ${label}, samples`}>
            <table className="parity-table parity-detail-table">
              <caption className="visually-hidden">{`${title}: ${label}, samples`}</caption>
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Old value</th>
                  <th scope="col">New value</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {d.samples.map((s, i) => (
                  <tr key={`${s.key}\u001f${i}`}>
                    <th scope="row" className="mono">
                      {s.key}
                    </th>
                    <td className="mono">{scalarText(s.old)}</td>
                    <td className="mono">{scalarText(s.new)}</td>
                    <td>{s.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        ) : null}
      </section>
    )
  })
}

/**
 * The drill-down of a model result, as a disclosure under its row: the keys and row counts, the
 * figures per mapped column (perfect match, both null, null on one side, conflict, with the
 * tolerance), the schema comparison, and each class of difference with its samples.
 */
export function ModelResultDetail({
  title,
  details,
}: {
  title: string
  details: ComparisonDetails
}) {
  const rows = details.counts.find((c) => c.group[0] === 'rows')
  return (
    <details className="parity-detail">
      <summary>Details: columns, keys, schema and differences</summary>
      <p>
        Matched by{' '}
        <span className="mono">{details.keys?.length ? keysText(details.keys) : 'no key'}</span>.
        {rows ? ` Rows: ${countText(rows.old)} old, ${countText(rows.new)} new.` : ''}
      </p>
      <h3>Columns</h3>
      <ColumnFigures title={title} details={details} />
      <h3>Schema</h3>
      <SchemaComparison title={title} details={details} />
      <h3>Differences</h3>
      <Differences title={title} details={details} />
    </details>
  )
}
