import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react'
import type { Decision } from '../../../../shared/inventory/decisions'
import type { InventoryDetails, InventoryObject } from '../../../../shared/results/inventory-result'
import {
  DEFAULT_SORT,
  filterRows,
  inventoryRows,
  kindsPresent,
  NO_FILTERS,
  nextSort,
  shownSelection,
  sortRows,
  toggleAllShown,
  type InventoryFilters,
  type SortKey,
} from '../../lib/inventory-table'
import { BulkDecision } from './BulkDecision'
import { ObjectDetail } from './ObjectDetail'
import { ObjectFilters } from './ObjectFilters'
import { ObjectsTable } from './ObjectsTable'

/**
 * The objects of the latest inventory: search and filters, the table (sortable, virtualized,
 * with a checkbox per row), a bulk decision for the rows selected, and the detail pane of the
 * object opened — beside the table on wide screens, under it otherwise.
 */
export function ObjectsWorkspace({
  details,
  decisions,
  byKey,
  activeKey,
  focusRequest,
  onOpen,
}: {
  details: InventoryDetails
  decisions: Readonly<Record<string, Decision>>
  byKey: ReadonlyMap<string, InventoryObject>
  activeKey: string | null
  focusRequest: number
  onOpen: (key: string, focus: boolean) => void
}) {
  const [filters, setFilters] = useState<InventoryFilters>(NO_FILTERS)
  const [sort, setSort] = useState(DEFAULT_SORT)
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set())
  const tableBox = useRef<HTMLDivElement>(null)
  // Typing in the search stays responsive while 1,000 rows are filtered behind it.
  const deferred = useDeferredValue(filters)
  const rows = useMemo(
    () => inventoryRows(details.objects, decisions),
    [details.objects, decisions],
  )
  const kinds = useMemo(() => kindsPresent(details.objects), [details.objects])
  const shown = useMemo(() => sortRows(filterRows(rows, deferred), sort), [rows, deferred, sort])
  // Keys of objects a new inventory no longer lists drop out of the selection.
  const chosen = useMemo(() => [...selected].filter((k) => byKey.has(k)), [selected, byKey])

  const toggle = useCallback(
    (key: string) =>
      setSelected((s) => {
        const next = new Set(s)
        if (!next.delete(key)) next.add(key)
        return next
      }),
    [],
  )
  const open = useCallback((key: string) => onOpen(key, false), [onOpen])
  const openFocused = useCallback((key: string) => onOpen(key, true), [onOpen])
  const active = activeKey ? byKey.get(activeKey) : undefined

  return (
    <div className="inventory-workspace">
      <section className="card inventory-objects" aria-labelledby="inventory-objects-heading">
        <h2 id="inventory-objects-heading">Objects</h2>
        <ObjectFilters
          filters={filters}
          kinds={kinds}
          onChange={setFilters}
          shown={shown.length}
          total={rows.length}
        />
        {chosen.length > 0 ? (
          <BulkDecision
            selected={chosen}
            onDone={() => {
              setSelected(new Set())
              tableBox.current?.focus()
            }}
          />
        ) : (
          <p className="hint inventory-select-hint">
            Select objects with their checkboxes to decide them together.
          </p>
        )}
        <ObjectsTable
          rows={shown}
          selected={selected}
          allShown={shownSelection(selected, shown)}
          onToggleAll={() => setSelected((s) => toggleAllShown(s, shown))}
          sort={sort}
          onSort={(key: SortKey) => setSort((s) => nextSort(s, key))}
          activeKey={activeKey}
          onToggle={toggle}
          onOpen={open}
          scroller={tableBox}
        />
      </section>
      {active ? (
        <ObjectDetail
          object={active}
          decision={decisions[active.key]}
          byKey={byKey}
          server={details.server}
          focusRequest={focusRequest}
          onOpen={openFocused}
        />
      ) : (
        <section
          className="card inventory-detail inventory-detail-empty"
          aria-label="Object details"
        >
          <p className="muted">
            Open an object with its name in the table to see its definition, what it reads, its
            dependencies, and to decide what becomes of it.
          </p>
        </section>
      )}
    </div>
  )
}
