import { useId, useState } from 'react'
import type { OrderEntry } from '../../lib/inventory-view'
import { KIND_LABEL } from '../../lib/inventory-view'

/** Entries listed before “Show all”. */
const SHOWN = 30

/**
 * The suggested migration order (what is read before what reads it), numbered. Objects decided
 * “retire” are struck through and say so, or hidden on request; each entry opens its object.
 */
export function MigrationOrder({
  entries,
  onOpen,
}: {
  entries: readonly OrderEntry[]
  onOpen: (key: string) => void
}) {
  const hideId = useId()
  const [hideRetired, setHideRetired] = useState(false)
  const [all, setAll] = useState(false)
  const listed = hideRetired ? entries.filter((e) => !e.retired) : entries
  const visible = all ? listed : listed.slice(0, SHOWN)
  return (
    <section className="card inventory-order" aria-labelledby="inventory-order-heading">
      <h2 id="inventory-order-heading">Migration order</h2>
      <p className="muted">
        The objects worth migrating, each after the objects it reads, so every new model can be
        built and compared on top of those before it.
      </p>
      {entries.length === 0 ? (
        <p className="muted">Nothing to migrate was found.</p>
      ) : (
        <>
          <p className="inventory-order-filter">
            <input
              id={hideId}
              type="checkbox"
              checked={hideRetired}
              onChange={(e) => setHideRetired(e.currentTarget.checked)}
            />{' '}
            <label htmlFor={hideId}>Hide the objects decided “retire”</label>
          </p>
          <ol className="inventory-order-list" data-testid="migration-order">
            {visible.map((e) => (
              <li key={e.key} className={e.retired ? 'inventory-order-retired' : undefined}>
                {e.kind ? (
                  <button type="button" className="inventory-link" onClick={() => onOpen(e.key)}>
                    {e.retired ? <s>{e.label}</s> : e.label}
                  </button>
                ) : (
                  <span>{e.label}</span>
                )}{' '}
                <span className="muted">
                  ({e.kind ? KIND_LABEL[e.kind] : 'not in the inventory'}
                  {e.retired ? ', retired' : ''})
                </span>
              </li>
            ))}
          </ol>
          {listed.length > visible.length ? (
            <button type="button" className="button button-small" onClick={() => setAll(true)}>
              Show all {listed.length.toLocaleString('en-US')}
            </button>
          ) : null}
        </>
      )}
    </section>
  )
}
