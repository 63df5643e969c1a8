import { useRef, useState } from 'react'
import { deltaText, type TileRow } from '../../lib/parity-view'
import { useVirtualRows } from '../../hooks/use-virtual-rows'

/** Groups shown before “Show all”; past this a table is virtualized once opened. */
export const GROUP_ROWS_SHOWN = 50
const ROW_HEIGHT = 26

const figure = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US'))

function Row({ row, index, columns }: { row: TileRow; index: number; columns: number }) {
  const [first, ...rest] = (row.cells ?? [row.group]).slice(0, columns)
  return (
    <tr
      className={row.differs ? 'parity-row-differs' : undefined}
      aria-rowindex={index + 2}
      data-differs={row.differs}
    >
      <th scope="row">{first}</th>
      {rest.map((cell, i) => (
        <td key={i}>{cell}</td>
      ))}
      <td className="num">{figure(row.old)}</td>
      <td className="num">{figure(row.new)}</td>
      <td className="num">{deltaText(row.delta)}</td>
      <td>{row.differs ? 'Differs' : 'Matches'}</td>
    </tr>
  )
}

function Head({ groupLabels, oldLabel, newLabel }: Labels) {
  return (
    <thead>
      <tr aria-rowindex={1}>
        {groupLabels.map((label) => (
          <th scope="col" key={label}>
            {label}
          </th>
        ))}
        <th scope="col" className="num">
          {oldLabel}
        </th>
        <th scope="col" className="num">
          {newLabel}
        </th>
        <th scope="col" className="num">
          Difference
        </th>
        <th scope="col">Status</th>
      </tr>
    </thead>
  )
}

/** The column headings: one per group column (`TileRow.cells`), then the two sides. */
interface Labels {
  groupLabels: string[]
  oldLabel: string
  newLabel: string
}

/** A table's rows, and how it is named for screen readers. */
interface GroupTableProps {
  rows: TileRow[]
  caption: string
  /** The group column's heading, or one heading per cell of `TileRow.cells`. */
  groupLabel: string | string[]
  oldLabel?: string
  newLabel?: string
  /** What a row is called in “Show all 1,200 groups” (default `groups`). */
  rowNoun?: string
}

const labelsOf = ({ groupLabel, oldLabel, newLabel }: GroupTableProps): Labels => ({
  groupLabels: typeof groupLabel === 'string' ? [groupLabel] : groupLabel,
  oldLabel: oldLabel ?? 'Old',
  newLabel: newLabel ?? 'New',
})

const tableClass = (labels: Labels) =>
  labels.groupLabels.length > 1 ? 'parity-table parity-table-multi' : 'parity-table'

/** Every group in a scrolling region that renders only the rows in view. */
function VirtualRows({
  rows,
  caption,
  labels,
  rowNoun,
}: {
  rows: TileRow[]
  caption: string
  labels: Labels
  rowNoun: string
}) {
  const scroller = useRef<HTMLDivElement>(null)
  const { items, top, bottom } = useVirtualRows({
    count: rows.length,
    scroller: scroller,
    rowHeight: ROW_HEIGHT,
    overscan: 12,
  })
  return (
    <div
      ref={scroller}
      className="table-scroll parity-virtual"
      role="region"
      aria-label={`${caption}: all ${rows.length} ${rowNoun}`}
      tabIndex={0}
    >
      <table className={tableClass(labels)} aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <Head {...labels} />
        <tbody>
          {top > 0 ? <tr aria-hidden="true" style={{ height: top }} /> : null}
          {items.map((item) => (
            <Row
              key={item.key}
              row={rows[item.index]!}
              index={item.index}
              columns={labels.groupLabels.length}
            />
          ))}
          {bottom > 0 ? <tr aria-hidden="true" style={{ height: bottom }} /> : null}
        </tbody>
      </table>
    </div>
  )
}

/**
 * Groups (a tile's, or a document result's counts), old and new side by side with the difference
 * and, in words, whether each differs (never colour alone). Up to `GROUP_ROWS_SHOWN` rows show at
 * once; “Show all” opens a virtualized table of every row, so thousands stay fast.
 */
export function GroupTable(props: GroupTableProps) {
  const { rows, caption } = props
  const rowNoun = props.rowNoun ?? 'groups'
  const labels = labelsOf(props)
  const [all, setAll] = useState(false)
  if (all) return <VirtualRows rows={rows} caption={caption} labels={labels} rowNoun={rowNoun} />
  const shown = rows.slice(0, GROUP_ROWS_SHOWN)
  return (
    <>
      <div className="table-scroll parity-groups" role="region" aria-label={caption} tabIndex={0}>
        <table className={tableClass(labels)}>
          <caption className="visually-hidden">{caption}</caption>
          <Head {...labels} />
          <tbody>
            {shown.map((row, i) => (
              <Row key={row.group} row={row} index={i} columns={labels.groupLabels.length} />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length ? (
        <button type="button" className="button button-small" onClick={() => setAll(true)}>
          Show all {rows.length.toLocaleString('en-US')} {rowNoun}
        </button>
      ) : null}
    </>
  )
}
