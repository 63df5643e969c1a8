import type { InventoryObjectKind, ObjectOrigin } from '../../../../shared/results/inventory-result'
import type { InventoryRow } from '../../lib/inventory-table'
import { KIND_LABEL } from '../../lib/inventory-view'

/** Kinds written shorter in the table (the full word is the abbreviation's title). */
const KIND_SHORT: Partial<Record<InventoryObjectKind, string>> = {
  materialized_view: 'Mat. view',
}

/** An object's kind in the table's few characters. */
export function KindName({ kind }: { kind: InventoryObjectKind }) {
  const short = KIND_SHORT[kind]
  return short ? <abbr title={KIND_LABEL[kind]}>{short}</abbr> : <>{KIND_LABEL[kind]}</>
}

const ORIGIN_SHORT: Readonly<Record<ObjectOrigin, string>> = {
  couch2pg: 'couch2pg',
  custom: 'Custom',
  unknown: 'Unknown',
}

/** Who put an object there, in a word (`couch2pg`, `Custom`, `Unknown`). */
export function OriginName({ origin }: { origin: ObjectOrigin }) {
  return (
    <span className={`inventory-origin inventory-origin-${origin}`}>{ORIGIN_SHORT[origin]}</span>
  )
}

/** The flags of a row in words: needs manual review, could not be read, SQL the parser rejected. */
export function ObjectFlags({ row }: { row: InventoryRow }) {
  return (
    <>
      {row.unreadable ? (
        <span
          className="badge badge-fail inventory-flag"
          title={row.object.unreadable ?? undefined}
        >
          Could not read
        </span>
      ) : null}
      {row.parseError ? (
        <span className="badge badge-warn inventory-flag" title="SQL the parser rejected">
          Parser rejected
        </span>
      ) : null}
      {row.review ? (
        <span className="badge badge-info inventory-flag" title="Needs manual review">
          Review
        </span>
      ) : null}
    </>
  )
}
