import { objectLabel } from '../../../../shared/inventory/object-key'
import type { InventoryObject } from '../../../../shared/results/inventory-result'
import { KIND_LABEL, keyLabel } from '../../lib/inventory-view'

function Entries({
  keys,
  byKey,
  onOpen,
  label,
}: {
  keys: readonly string[]
  byKey: ReadonlyMap<string, InventoryObject>
  onOpen: (key: string) => void
  label: string
}) {
  if (keys.length === 0) return <p className="muted">None.</p>
  return (
    <ul className="inventory-dep-list" aria-label={label}>
      {keys.map((key) => {
        const o = byKey.get(key)
        return (
          <li key={key}>
            {o ? (
              <button type="button" className="inventory-link" onClick={() => onOpen(key)}>
                {objectLabel(o)}
              </button>
            ) : (
              <span>{keyLabel(key)}</span>
            )}{' '}
            <span className="muted">({o ? KIND_LABEL[o.kind] : 'not in the inventory'})</span>
          </li>
        )
      })}
    </ul>
  )
}

/** The direct dependencies both ways, as lists whose entries open their objects. */
export function DependencyList({
  object,
  byKey,
  onOpen,
}: {
  object: InventoryObject
  byKey: ReadonlyMap<string, InventoryObject>
  onOpen: (key: string) => void
}) {
  return (
    <div className="inventory-deps">
      <div>
        <h4 className="field-label">It reads ({object.dependsOn.length})</h4>
        <Entries
          keys={object.dependsOn}
          byKey={byKey}
          onOpen={onOpen}
          label={`What ${object.name} reads`}
        />
      </div>
      <div>
        <h4 className="field-label">Read by ({object.usedBy.length})</h4>
        <Entries
          keys={object.usedBy}
          byKey={byKey}
          onOpen={onOpen}
          label={`What reads ${object.name}`}
        />
      </div>
    </div>
  )
}
