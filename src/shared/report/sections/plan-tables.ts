import { COMPLEXITY_LABEL, DECISION_SHORT, KIND_LABEL, ORIGIN_LABEL } from '../../inventory/labels'
import { DECISION_LABELS, type Decision, type DecisionAction } from '../../inventory/decisions'
import { objectLabel } from '../../inventory/object-key'
import { INVENTORY_RESULT_IDS } from '../../inventory/sources'
import type { StoredResult } from '../../project-schema'
import type { CouchdbInventoryDetails } from '../../results/couchdb-inventory-result'
import {
  INVENTORY_OBJECT_KINDS,
  OBJECT_ORIGINS,
  type InventoryDetails,
  type InventoryObject,
  type InventoryObjectKind,
  type ObjectOrigin,
} from '../../results/inventory-result'
import type { Block, Cell } from '../model'
import { said, t, toned } from '../text'

/**
 * The Plan section's words and tables: the stored inventories, objects by kind and origin,
 * decisions in words, and the inventory CSV (every object with every column).
 */

/** The stored inventories of the couch2pg database and of CouchDB, with their typed details. */
export interface StoredInventories {
  couch2pg: { result: StoredResult; details: InventoryDetails } | null
  couchdb: { result: StoredResult; details: CouchdbInventoryDetails } | null
}

/**
 * The project's inventories: the results stored under the inventory ids, else the newest result
 * of each kind stored under another id (a file written by an older build).
 */
export function storedInventories(
  results: Readonly<Record<string, StoredResult>>,
): StoredInventories {
  const pick = (id: string, kind: 'inventory' | 'couchdb-inventory'): StoredResult | null => {
    const stored = results[id]
    if (stored?.details.kind === kind) return stored
    let newest: StoredResult | null = null
    for (const r of Object.values(results)) {
      if (r.details.kind === kind && (!newest || r.ranAt > newest.ranAt)) newest = r
    }
    return newest
  }
  const pg = pick(INVENTORY_RESULT_IDS.couch2pg, 'inventory')
  const couch = pick(INVENTORY_RESULT_IDS.couchdb, 'couchdb-inventory')
  return {
    couch2pg: pg?.details.kind === 'inventory' ? { result: pg, details: pg.details } : null,
    couchdb:
      couch?.details.kind === 'couchdb-inventory'
        ? { result: couch, details: couch.details }
        : null,
  }
}

/** `1,234`. */
export const num = (n: number): string => n.toLocaleString('en-US')

export { COMPLEXITY_LABEL, KIND_LABEL, ORIGIN_LABEL }

/** `schema.name` (the schema left out when public) as printed from the project. */
export const objectText = (o: InventoryObject): string => said(objectLabel(o), 300)

/** `kind:schema.name(args)` → `schema.name(args)` for a decided object no longer found. */
export function keyText(key: string): string {
  const colon = key.indexOf(':')
  const rest = colon < 0 ? key : key.slice(colon + 1)
  return said(rest.startsWith('public.') ? rest.slice('public.'.length) : rest, 300)
}

/** A decision's action in words, or “Undecided” (toned warn for a custom object). */
export function decisionCell(decision: Decision | undefined, custom: boolean): Cell {
  if (!decision) return custom ? toned('Undecided', 'warn') : t('Undecided', { muted: true })
  return DECISION_SHORT[decision.action]
}

/** Objects per kind, split by origin, with a total row. */
export function kindOriginTable(objects: readonly InventoryObject[]): Block {
  const counts = new Map<InventoryObjectKind, Record<ObjectOrigin, number>>()
  for (const o of objects) {
    const row = counts.get(o.kind) ?? { couch2pg: 0, custom: 0, unknown: 0 }
    row[o.origin.origin] += 1
    counts.set(o.kind, row)
  }
  const total = (r: Record<ObjectOrigin, number>) => r.couch2pg + r.custom + r.unknown
  const rows: Cell[][] = INVENTORY_OBJECT_KINDS.filter((k) => counts.has(k)).map((k) => {
    const r = counts.get(k)!
    return [KIND_LABEL[k], ...OBJECT_ORIGINS.map((o) => r[o]), total(r)]
  })
  if (rows.length > 1) {
    const sums = OBJECT_ORIGINS.map((o) => objects.filter((x) => x.origin.origin === o).length)
    rows.push([t('All kinds', { strong: true }), ...sums, objects.length])
  }
  return {
    type: 'table',
    caption: 'Objects found, by kind and by who put them there',
    columns: [
      { key: 'kind', label: 'Kind', width: 2.2 },
      ...OBJECT_ORIGINS.map((o) => ({
        key: o,
        label: ORIGIN_LABEL[o],
        width: 1.6,
        align: 'right' as const,
      })),
      { key: 'total', label: 'Total', width: 1, align: 'right' },
    ],
    rows,
    empty: 'The inventory found no objects in the couch2pg database.',
  }
}

/** Objects per decision (undecided last), with how many of them are custom. */
export function decisionCountTable(
  objects: readonly InventoryObject[],
  decisions: Readonly<Record<string, Decision>>,
): Block {
  const states: (DecisionAction | 'undecided')[] = ['replace', 'rebuild', 'retire', 'undecided']
  const rows: Cell[][] = states.map((state) => {
    const of = objects.filter((o) => (decisions[o.key]?.action ?? 'undecided') === state)
    const custom = of.filter((o) => o.origin.origin === 'custom').length
    const label = state === 'undecided' ? 'Undecided' : DECISION_LABELS[state]
    return [label, of.length, custom]
  })
  return {
    type: 'table',
    caption: 'Objects by decision',
    columns: [
      { key: 'decision', label: 'Decision', width: 3 },
      { key: 'objects', label: 'Objects', width: 1, align: 'right' },
      { key: 'custom', label: 'Of which custom', width: 1.4, align: 'right' },
    ],
    rows,
    empty: 'The inventory found no objects to decide about.',
  }
}

const yesNo = (b: boolean | null | undefined): Cell =>
  b === null || b === undefined ? null : b ? 'yes' : 'no'

/** Every object of the inventory with every column: the inventory CSV (not printed). */
export function inventoryCsvTable(
  objects: readonly InventoryObject[],
  decisions: Readonly<Record<string, Decision>>,
): Block {
  const text = (s: string | null | undefined): Cell =>
    s === null || s === undefined || s === '' ? null : said(s)
  return {
    type: 'table',
    csv: 'inventory',
    printed: false,
    caption: 'Every object of the couch2pg inventory with its decision',
    columns: [
      ['key', 'Key'],
      ['schema', 'Schema'],
      ['name', 'Name'],
      ['kind', 'Kind'],
      ['owner', 'Owner'],
      ['origin', 'Origin'],
      ['release', 'couch2pg release'],
      ['modified', 'Modified from the release'],
      ['sizeBytes', 'Size (bytes)'],
      ['rows', 'Rows'],
      ['seqScans', 'Sequential scans'],
      ['idxScans', 'Index scans'],
      ['calls', 'Function calls'],
      ['statementCalls', 'Statement calls'],
      ['complexity', 'Complexity'],
      ['mappedModels', 'Base models that cover it'],
      ['decision', 'Decision'],
      ['decisionModels', 'Decided models'],
      ['decisionOwner', 'Decision owner'],
      ['due', 'Due'],
      ['decisionNote', 'Decision note'],
    ].map(([key, label]) => ({ key: key!, label: label!, width: 1 })),
    rows: objects.map((o) => {
      const d = decisions[o.key]
      return [
        said(o.key, 300),
        said(o.schema, 200),
        said(o.name, 200),
        KIND_LABEL[o.kind],
        text(o.owner),
        ORIGIN_LABEL[o.origin.origin],
        text(o.origin.release),
        yesNo(o.origin.modified),
        o.sizeBytes,
        o.rows,
        o.usage.seqScans,
        o.usage.idxScans,
        o.usage.calls,
        o.usage.statementCalls,
        o.mapping ? COMPLEXITY_LABEL[o.mapping.complexity] : null,
        text(o.mapping?.models.join(', ')),
        d ? DECISION_LABELS[d.action] : 'Undecided',
        text(d?.models.join(', ')),
        text(d?.owner),
        d?.due ?? null,
        text(d?.note),
      ]
    }),
    empty: 'No inventory of the couch2pg database is stored in the project.',
  }
}
