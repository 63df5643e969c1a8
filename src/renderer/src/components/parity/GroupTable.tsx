import { useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { deltaText, type TileRow } from '../../lib/parity-view'

/** Groups shown before “Show all”; past this a table is virtualized once opened. */
export const GROUP_ROWS_SHOWN = 50
const ROW_HEIGHT = 26

function Row({ row, index }: { row: TileRow; index: number }) {
  return (
    <tr
      className={row.differs ? 'parity-row-differs' : undefined}
      aria-rowindex={index + 2}
      data-differs={row.differs}
    >
      <th scope="row">{row.group}</th>
      <td className="num">{row.old ?? '—'}</td>
      <td className="num">{row.new ?? '—'}</td>
      <td className="num">{deltaText(row.delta)}</td>
      <td>{row.differs ? 'Differs' : 'Matches'}</td>
    </tr>
  )
}

function Head({ groupLabel }: { groupLabel: string }) {
  return (
    <thead>
      <tr aria-rowindex={1}>
        <th scope="col">{groupLabel}</th>
        <th scope="col" className="num">
          Old
        </th>
        <th scope="col" className="num">
          New
        </th>
        <th scope="col" className="num">
          Difference
        </th>
        <th scope="col">Status</th>
      </tr>
    </thead>
  )
}

/** A tile's groups, and how the table is named for screen readers. */
interface GroupTableProps {
  rows: TileRow[]
  caption: string
  groupLabel: string
}

/** Every group in a scrolling region that renders only the rows in view. */
function VirtualRows({ rows, caption, groupLabel }: GroupTableProps) {
  const scroller = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is meant to re-render
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const top = items[0]?.start ?? 0
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0)
  return (
    <div
      ref={scroller}
      className="table-scroll parity-virtual"
      role="region"
      aria-label={`${caption}: all ${rows.length} groups`}
      tabIndex={0}
    >
      <table className="parity-table" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <Head groupLabel={groupLabel} />
        <tbody>
          {top > 0 ? <tr aria-hidden="true" style={{ height: top }} /> : null}
          {items.map((item) => (
            <Row key={item.key} row={rows[item.index]!} index={item.index} />
          ))}
          {bottom > 0 ? <tr aria-hidden="true" style={{ height: bottom }} /> : null}
        </tbody>
      </table>
    </div>
  )
}

/**
 * A tile's groups, old and new side by side with the difference and, in words, whether each
 * differs (never colour alone). Up to `GROUP_ROWS_SHOWN` rows show at once; “Show all” opens a
 * virtualized table of every group.
 */
export function GroupTable({ rows, caption, groupLabel }: GroupTableProps) {
  const [all, setAll] = useState(false)
  if (all) return <VirtualRows rows={rows} caption={caption} groupLabel={groupLabel} />
  const shown = rows.slice(0, GROUP_ROWS_SHOWN)
  return (
    <>
      <div className="table-scroll parity-groups" role="region" aria-label={caption} tabIndex={0}>
        <table className="parity-table">
          <caption className="visually-hidden">{caption}</caption>
          <Head groupLabel={groupLabel} />
          <tbody>
            {shown.map((row, i) => (
              <Row key={row.group} row={row} index={i} />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length ? (
        <button type="button" className="button button-small" onClick={() => setAll(true)}>
          Show all {rows.length} groups
        </button>
      ) : null}
    </>
  )
}
