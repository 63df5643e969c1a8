import { useRef, useState } from 'react'
import type { AuditEntry } from '../../../../shared/teardown/teardown-settings'
import { exactTime } from '../../lib/format'
import { AUDIT_OUTCOME_LABEL, outcomeBadge } from '../../lib/teardown-view'
import { useVirtualRows } from '../../hooks/use-virtual-rows'

/** Entries shown before “Show all”; past this the trail is virtualized once opened. */
export const AUDIT_ROWS_SHOWN = 50
/** A row of one line; longer statements wrap and are measured. */
const ROW_ESTIMATE = 34
const CAPTION = 'Audit trail, newest first'

function Head() {
  return (
    <thead>
      <tr aria-rowindex={1}>
        <th scope="col">When</th>
        <th scope="col">By</th>
        <th scope="col">Stage</th>
        <th scope="col">Statement</th>
        <th scope="col">Outcome</th>
        <th scope="col">Message</th>
      </tr>
    </thead>
  )
}

function Row({
  entry,
  index,
  measure,
}: {
  entry: AuditEntry
  index: number
  measure?: (node: HTMLTableRowElement | null) => void
}) {
  return (
    <tr ref={measure} data-index={index} aria-rowindex={index + 2}>
      <th scope="row">{exactTime(entry.at)}</th>
      <td>{entry.by}</td>
      <td className="teardown-nowrap">{entry.stage}</td>
      <td>
        <code className="teardown-statement">{entry.statement}</code>
      </td>
      <td>
        <span className={`badge ${outcomeBadge(entry.outcome)}`}>
          {AUDIT_OUTCOME_LABEL[entry.outcome]}
        </span>
      </td>
      <td>{entry.message}</td>
    </tr>
  )
}

/** Every entry, in a scrolling region that renders only the rows in view. */
function VirtualTrail({ entries }: { entries: readonly AuditEntry[] }) {
  const scroller = useRef<HTMLDivElement>(null)
  const { virtualizer, items, top, bottom } = useVirtualRows({
    count: entries.length,
    scroller: scroller,
    rowHeight: ROW_ESTIMATE,
    overscan: 10,
  })
  return (
    <div
      ref={scroller}
      className="table-scroll teardown-virtual"
      role="region"
      aria-label={`${CAPTION}: all ${entries.length} entries`}
      tabIndex={0}
      data-testid="teardown-audit-all"
    >
      <table className="teardown-table" aria-rowcount={entries.length + 1}>
        <caption className="visually-hidden">{CAPTION}</caption>
        <Head />
        <tbody>
          {top > 0 ? <tr aria-hidden="true" style={{ height: top }} /> : null}
          {items.map((item) => (
            <Row
              key={item.key}
              entry={entries[item.index]!}
              index={item.index}
              measure={virtualizer.measureElement}
            />
          ))}
          {bottom > 0 ? <tr aria-hidden="true" style={{ height: bottom }} /> : null}
        </tbody>
      </table>
    </div>
  )
}

/**
 * The audit trail of every statement the wizard ran (or dry ran) on the couch2pg server,
 * newest first: the latest `AUDIT_ROWS_SHOWN`, then “Show all” opens a virtualized table of
 * every entry (up to 2,000), so the page stays fast.
 */
export function AuditTrail({ entries }: { entries: readonly AuditEntry[] }) {
  const [all, setAll] = useState(false)
  if (entries.length === 0) {
    return <p className="muted">Nothing has run on the couch2pg server from the wizard yet.</p>
  }
  if (all) return <VirtualTrail entries={entries} />
  const shown = entries.slice(0, AUDIT_ROWS_SHOWN)
  return (
    <>
      <div
        className="table-scroll teardown-audit"
        role="region"
        aria-label={CAPTION}
        tabIndex={0}
        data-testid="teardown-audit"
      >
        <table className="teardown-table">
          <caption className="visually-hidden">{CAPTION}</caption>
          <Head />
          <tbody>
            {shown.map((entry, i) => (
              <Row key={i} entry={entry} index={i} />
            ))}
          </tbody>
        </table>
      </div>
      {entries.length > shown.length ? (
        <button type="button" className="button button-small" onClick={() => setAll(true)}>
          Show all {entries.length.toLocaleString('en-US')} entries
        </button>
      ) : null}
    </>
  )
}
