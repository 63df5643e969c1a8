import { useCallback, useMemo, useState } from 'react'
import type { Decision } from '../../../../shared/inventory/decisions'
import {
  inventoryResults,
  missingDecisions,
  objectsByKey,
  orderEntries,
} from '../../lib/inventory-view'
import { useStore } from '../../store'
import { selectResults } from '../../store/selectors'
import { CouchdbFacts } from './CouchdbFacts'
import { MigrationOrder } from './MigrationOrder'
import { MissingDecisions } from './MissingDecisions'
import { ObjectsWorkspace } from './ObjectsWorkspace'
import { ScopeSummary } from './ScopeSummary'

const NO_DECISIONS: Readonly<Record<string, Decision>> = {}
const NO_OBJECTS: never[] = []

/**
 * The Plan step's inventory above its checklist: the scope in figures with the run and the dbt
 * export, the objects (table, filters, bulk decisions, the detail pane of one), the decisions
 * whose object is gone, the migration order and what CouchDB holds. Everything comes from the
 * project copy, so a saved project is reviewed offline the same way.
 */
export function InventoryPanel() {
  const results = useStore(selectResults)
  const decisions = useStore((s) => s.project?.document.inventory.decisions ?? NO_DECISIONS)
  const inventory = useMemo(() => inventoryResults(results), [results])
  const details = inventory.couch2pg?.details ?? null
  const objects = details?.objects ?? NO_OBJECTS
  const byKey = useMemo(() => objectsByKey(objects), [objects])
  const [active, setActive] = useState<{ key: string | null; focus: number }>({
    key: null,
    focus: 0,
  })
  const open = useCallback(
    (key: string, focus: boolean) =>
      setActive((a) => ({ key, focus: focus ? a.focus + 1 : a.focus })),
    [],
  )
  const openFromList = useCallback((key: string) => open(key, true), [open])
  const missing = useMemo(() => missingDecisions(objects, decisions), [objects, decisions])
  const order = useMemo(
    () => (details ? orderEntries(details.order, byKey, decisions) : []),
    [details, byKey, decisions],
  )
  return (
    <div className="inventory-panel" data-testid="inventory-panel">
      <ScopeSummary inventory={inventory} decisions={decisions} />
      {details ? (
        <ObjectsWorkspace
          details={details}
          decisions={decisions}
          byKey={byKey}
          activeKey={active.key}
          focusRequest={active.focus}
          onOpen={open}
        />
      ) : null}
      <MissingDecisions missing={missing} />
      {details ? <MigrationOrder entries={order} onOpen={openFromList} /> : null}
      {inventory.couchdb ? (
        <CouchdbFacts result={inventory.couchdb.result} details={inventory.couchdb.details} />
      ) : null}
    </div>
  )
}
