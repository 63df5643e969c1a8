import { memo, type RefObject } from 'react'
import type { InventoryRow, SortKey, SortState } from '../../lib/inventory-table'
import { formatBytes } from '../../lib/sizing'
import { COMPLEXITY_LABEL, compactCount, DECISION_SHORT } from '../../lib/inventory-view'
import { KindName, ObjectFlags, OriginName } from './ObjectLabels'
import { useVirtualRows } from '../../hooks/use-virtual-rows'

/** Rows are one line high (CSS keeps them so): the virtualizer's estimate is exact. */
const ROW_HEIGHT = 34

interface Handlers {
  onToggle: (key: string) => void
  onOpen: (key: string) => void
}

const Row = memo(function Row({
  row,
  index,
  checked,
  active,
  onToggle,
  onOpen,
}: {
  row: InventoryRow
  index: number
  checked: boolean
  active: boolean
} & Handlers) {
  const o = row.object
  return (
    <tr
      aria-rowindex={index + 2}
      className={active ? 'inventory-row inventory-row-active' : 'inventory-row'}
      data-key={row.key}
      data-name={o.name}
      data-origin={o.origin.origin}
      data-decision={row.state}
    >
      <td className="inventory-col-check">
        <input
          type="checkbox"
          checked={checked}
          aria-label={`Select ${row.label}`}
          onChange={() => onToggle(row.key)}
        />
      </td>
      <td>
        <KindName kind={o.kind} />
      </td>
      <td>
        <OriginName origin={o.origin.origin} />
      </td>
      <td className="inventory-clip" title={o.schema}>
        {o.schema}
      </td>
      <th scope="row" className="inventory-name-cell">
        <span className="inventory-name">
          <button
            type="button"
            className="inventory-open"
            title={row.label}
            aria-current={active ? 'true' : undefined}
            onClick={() => onOpen(row.key)}
          >
            {o.name}
          </button>
          <ObjectFlags row={row} />
        </span>
      </th>
      <td className="num">{o.sizeBytes === null ? '—' : formatBytes(o.sizeBytes)}</td>
      <td className="num">{o.rows === null ? '—' : compactCount(o.rows)}</td>
      <td
        className={row.usage.value < 0 ? 'inventory-clip inventory-usage-none' : 'inventory-clip'}
        title={row.usage.text}
      >
        {row.usage.text}
      </td>
      <td className="inventory-clip" title={row.models || undefined}>
        {row.models || <span className="muted">—</span>}
      </td>
      <td>
        {o.mapping ? COMPLEXITY_LABEL[o.mapping.complexity] : <span className="muted">—</span>}
      </td>
      <td>
        <span className={`inventory-decision inventory-decision-${row.state}`}>
          {DECISION_SHORT[row.state]}
        </span>
      </td>
      <td className="inventory-clip" title={row.decision?.owner || undefined}>
        {row.decision?.owner || <span className="muted">—</span>}
      </td>
    </tr>
  )
})

function SortHeading({
  column,
  label,
  sort,
  onSort,
  className,
}: {
  column: SortKey
  label: string
  sort: SortState
  onSort: (key: SortKey) => void
  className?: string
}) {
  const active = sort.key === column
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className="inventory-sort" onClick={() => onSort(column)}>
        {label}
        <span className="inventory-sort-icon" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  )
}

/**
 * The objects of the inventory in a table that renders only the rows in view (1,000 objects and
 * more stay fast): a checkbox per row for bulk decisions, the name as the button that opens the
 * object in the detail pane, and the headings of the sortable columns as buttons.
 */
export function ObjectsTable({
  rows,
  selected,
  allShown,
  onToggleAll,
  sort,
  onSort,
  activeKey,
  onToggle,
  onOpen,
  scroller,
}: {
  rows: readonly InventoryRow[]
  selected: ReadonlySet<string>
  allShown: 'all' | 'some' | 'none'
  onToggleAll: () => void
  sort: SortState
  onSort: (key: SortKey) => void
  activeKey: string | null
  /** The scrolling box (the virtualizer's, and what takes the focus after a bulk decision). */
  scroller: RefObject<HTMLDivElement | null>
} & Handlers) {
  const { items, top, bottom } = useVirtualRows({
    count: rows.length,
    scroller: scroller,
    rowHeight: ROW_HEIGHT,
    overscan: 10,
  })
  const heading = { sort, onSort }
  return (
    <div
      ref={scroller}
      className="table-scroll inventory-table-scroll"
      role="region"
      aria-label={`Objects table, ${rows.length.toLocaleString('en-US')} shown`}
      tabIndex={0}
    >
      <table className="inventory-table" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">
          Objects of the couch2pg database; sort with the column headings.
        </caption>
        <colgroup>
          <col className="inventory-w-check" />
          <col className="inventory-w-kind" />
          <col className="inventory-w-origin" />
          <col className="inventory-w-schema" />
          <col />
          <col className="inventory-w-size" />
          <col className="inventory-w-rows" />
          <col className="inventory-w-usage" />
          <col className="inventory-w-models" />
          <col className="inventory-w-complexity" />
          <col className="inventory-w-decision" />
          <col className="inventory-w-owner" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="inventory-col-check">
              <input
                type="checkbox"
                aria-label="Select every object shown"
                checked={allShown === 'all'}
                disabled={rows.length === 0}
                ref={(el) => {
                  if (el) el.indeterminate = allShown === 'some'
                }}
                onChange={onToggleAll}
              />
            </th>
            <SortHeading column="kind" label="Kind" {...heading} />
            <th scope="col">Origin</th>
            <SortHeading column="schema" label="Schema" {...heading} />
            <SortHeading column="name" label="Name" {...heading} />
            <SortHeading column="size" label="Size" className="num" {...heading} />
            <th scope="col" className="num">
              Rows
            </th>
            <SortHeading column="usage" label="Usage" {...heading} />
            <th scope="col">
              <span className="visually-hidden">Mapped </span>Models
            </th>
            <SortHeading column="complexity" label="Complexity" {...heading} />
            <SortHeading column="decision" label="Decision" {...heading} />
            <SortHeading column="owner" label="Owner" {...heading} />
          </tr>
        </thead>
        <tbody>
          {top > 0 ? <tr aria-hidden="true" style={{ height: top }} /> : null}
          {items.map((item) => {
            const row = rows[item.index]!
            return (
              <Row
                key={row.key}
                row={row}
                index={item.index}
                checked={selected.has(row.key)}
                active={row.key === activeKey}
                onToggle={onToggle}
                onOpen={onOpen}
              />
            )
          })}
          {bottom > 0 ? <tr aria-hidden="true" style={{ height: bottom }} /> : null}
        </tbody>
      </table>
      {rows.length === 0 ? (
        <p className="inventory-empty">No object matches the search and filters.</p>
      ) : null}
    </div>
  )
}
