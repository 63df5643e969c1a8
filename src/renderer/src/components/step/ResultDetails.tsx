import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { ResultDetails as Details } from '../../../../shared/results/result-schema'

function EvidenceValue({ item }: { item: EvidenceItem }) {
  switch (item.type) {
    case 'measure':
      return (
        <>
          {item.value === null ? 'unknown' : item.value.toLocaleString('en-US')}
          {item.unit ? ` ${item.unit}` : ''}
          {item.limit ? (
            <span className="muted">
              {' '}
              (limit {item.limit.op} {item.limit.value.toLocaleString('en-US')})
            </span>
          ) : null}
        </>
      )
    case 'fact':
      return <>{item.value}</>
    case 'setting':
      return (
        <>
          <code>{item.value ?? '(not set)'}</code>{' '}
          <span className="muted">
            in {item.source}
            {item.line === null ? '' : `, line ${item.line}`}
          </span>
        </>
      )
    case 'table':
      return null
  }
}

function EvidenceTable({ item }: { item: Extract<EvidenceItem, { type: 'table' }> }) {
  return (
    <table className="evidence-table">
      <caption>{item.caption}</caption>
      <thead>
        <tr>
          {item.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {item.rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j}>{cell === null ? '—' : String(cell)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * A check's evidence as read from the project file: its measures, facts and settings as a
 * description list, then its tables.
 */
export function CheckEvidence({ evidence }: { evidence: readonly EvidenceItem[] }) {
  return (
    <>
      {evidence.some((e) => e.type !== 'table') ? (
        <dl className="result-evidence">
          {evidence.map((item, i) =>
            item.type === 'table' ? null : (
              <div key={i}>
                <dt>{item.type === 'setting' ? item.key : item.label}</dt>
                <dd>
                  <EvidenceValue item={item} />
                </dd>
              </div>
            ),
          )}
        </dl>
      ) : null}
      {evidence.map((item, i) =>
        item.type === 'table' ? <EvidenceTable key={i} item={item} /> : null,
      )}
    </>
  )
}

/**
 * The typed details of a stored result, per kind, as read from the project file: a check's
 * evidence and remedy, a comparison's differences, an inventory's size. (Connection tests have
 * their own view on the Connections page.)
 */
export function ResultDetails({ details }: { details: Details }) {
  switch (details.kind) {
    case 'check':
      return (
        <div className="result-details">
          {details.skippedBecause ? <p>Skipped: {details.skippedBecause}</p> : null}
          <CheckEvidence evidence={details.evidence} />
          {details.remedy ? (
            <p className="result-remedy">
              <strong>What to do: </strong>
              {details.remedy.text}
            </p>
          ) : null}
        </div>
      )
    case 'comparison':
      return (
        <ul className="plain-list result-details">
          {details.differences.map((d) => (
            <li key={d.class}>
              {d.class.replace(/_/g, ' ')}: {d.count.toLocaleString('en-US')}
            </li>
          ))}
        </ul>
      )
    case 'inventory':
      return (
        <p className="result-details">
          {details.objects.length.toLocaleString('en-US')} objects listed.
        </p>
      )
    case 'connection':
      return null
  }
}
