import type { Decision } from '../../../shared/inventory/decisions'
import { objectLabel } from '../../../shared/inventory/object-key'
import type {
  ComplexityBand,
  InventoryObject,
  InventoryObjectKind,
  ObjectOrigin,
} from '../../../shared/results/inventory-result'
import { INVENTORY_OBJECT_KINDS } from '../../../shared/results/inventory-result'
import { usageFigure, type DecisionState, type UsageFigure } from './inventory-view'

/**
 * The objects table of the Plan step: one row per inventory object with what the table shows
 * and sorts by, the search and filters, and the sort. Pure, so 1,000 objects are filtered and
 * sorted in a test as on the page.
 */

/** What one row of the objects table shows, worked out once per object. */
export interface InventoryRow {
  key: string
  object: InventoryObject
  label: string
  decision: Decision | undefined
  state: DecisionState
  usage: UsageFigure
  /** Mapped base models, comma separated (empty when none). */
  models: string
  review: boolean
  unreadable: boolean
  parseError: boolean
}

/** The rows of the objects, each with its decision (objects in inventory order). */
export function inventoryRows(
  objects: readonly InventoryObject[],
  decisions: Readonly<Record<string, Decision>>,
): InventoryRow[] {
  return objects.map((object) => {
    const decision = decisions[object.key]
    return {
      key: object.key,
      object,
      label: objectLabel(object),
      decision,
      state: decision?.action ?? 'undecided',
      usage: usageFigure(object.usage),
      models: object.mapping?.models.join(', ') ?? '',
      review: Boolean(object.analysis?.manualReview),
      unreadable: object.unreadable !== null,
      parseError: Boolean(object.analysis?.parseError),
    }
  })
}

/** The table's search and filters; `all` (or false) lets every object through. */
export interface InventoryFilters {
  query: string
  /** Search the definitions' SQL too, not only names and schemas. */
  inDefinitions: boolean
  kind: InventoryObjectKind | 'all'
  origin: ObjectOrigin | 'all'
  decision: DecisionState | 'all'
  /** `none`: objects without a mapping (nothing to rebuild, or not analysed). */
  complexity: ComplexityBand | 'none' | 'all'
  review: boolean
  unreadable: boolean
}

/** No search and no filter: every object. */
export const NO_FILTERS: InventoryFilters = {
  query: '',
  inDefinitions: false,
  kind: 'all',
  origin: 'all',
  decision: 'all',
  complexity: 'all',
  review: false,
  unreadable: false,
}

/** How many filters (search included) narrow the table now. */
export function activeFilterCount(f: InventoryFilters): number {
  return [
    f.query.trim() !== '',
    f.kind !== 'all',
    f.origin !== 'all',
    f.decision !== 'all',
    f.complexity !== 'all',
    f.review,
    f.unreadable,
  ].filter(Boolean).length
}

// Lower-cased definitions, kept per object (a definition may be 100,000 characters).
const lowerDefinitions = new WeakMap<InventoryObject, string>()
function lowerDefinition(o: InventoryObject): string {
  let text = lowerDefinitions.get(o)
  if (text === undefined) {
    text = (o.definition ?? '').toLowerCase()
    lowerDefinitions.set(o, text)
  }
  return text
}

function matchesQuery(row: InventoryRow, query: string, inDefinitions: boolean): boolean {
  const o = row.object
  if (o.name.toLowerCase().includes(query) || o.schema.toLowerCase().includes(query)) return true
  if (row.label.toLowerCase().includes(query)) return true
  return inDefinitions && lowerDefinition(o).includes(query)
}

/** The rows the search and filters let through, in their order. */
export function filterRows(rows: readonly InventoryRow[], f: InventoryFilters): InventoryRow[] {
  const query = f.query.trim().toLowerCase()
  return rows.filter((row) => {
    const o = row.object
    if (f.kind !== 'all' && o.kind !== f.kind) return false
    if (f.origin !== 'all' && o.origin.origin !== f.origin) return false
    if (f.decision !== 'all' && row.state !== f.decision) return false
    if (f.complexity !== 'all' && (o.mapping?.complexity ?? 'none') !== f.complexity) return false
    if (f.review && !row.review) return false
    if (f.unreadable && !row.unreadable) return false
    return query === '' || matchesQuery(row, query, f.inDefinitions)
  })
}

/** The columns the table sorts by. */
export const SORT_KEYS = [
  'name',
  'kind',
  'schema',
  'size',
  'usage',
  'complexity',
  'decision',
  'owner',
] as const
export type SortKey = (typeof SORT_KEYS)[number]
/** The column sorted by, and which way. */
export interface SortState {
  key: SortKey
  dir: 'asc' | 'desc'
}

/** By name, A to Z, until a heading is clicked. */
export const DEFAULT_SORT: SortState = { key: 'name', dir: 'asc' }

/** Columns whose first click sorts the largest first. */
const LARGEST_FIRST: ReadonlySet<SortKey> = new Set(['size', 'usage', 'complexity'])

/** The sort after a click on a column's heading: the same column flips, another starts fresh. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
  return { key, dir: LARGEST_FIRST.has(key) ? 'desc' : 'asc' }
}

const COMPLEXITY_RANK: Readonly<Record<ComplexityBand, number>> = {
  simple: 1,
  medium: 2,
  significant: 3,
}
const DECISION_RANK: Readonly<Record<DecisionState, number>> = {
  undecided: 0,
  replace: 1,
  rebuild: 2,
  retire: 3,
}
const KIND_RANK = new Map<InventoryObjectKind, number>(INVENTORY_OBJECT_KINDS.map((k, i) => [k, i]))

/** A row's value for a sort key; null sorts last whichever the direction. */
function sortValue(row: InventoryRow, key: SortKey): string | number | null {
  const o = row.object
  switch (key) {
    case 'name':
      return o.name.toLowerCase()
    case 'kind':
      return KIND_RANK.get(o.kind) ?? 0
    case 'schema':
      return o.schema.toLowerCase()
    case 'size':
      return o.sizeBytes
    case 'usage':
      return row.usage.value < 0 ? null : row.usage.value
    case 'complexity':
      return o.mapping ? COMPLEXITY_RANK[o.mapping.complexity] : null
    case 'decision':
      return DECISION_RANK[row.state]
    case 'owner':
      return row.decision?.owner ? row.decision.owner.toLowerCase() : null
  }
}

const compareValues = (a: string | number, b: string | number): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))

/** The rows sorted (a new array); ties fall back to the name, then the key. */
export function sortRows(rows: readonly InventoryRow[], sort: SortState): InventoryRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1
  const keyed = rows.map((row) => ({ row, value: sortValue(row, sort.key) }))
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1
    } else {
      const c = compareValues(a.value, b.value)
      if (c !== 0) return sign * c
    }
    return a.row.label.localeCompare(b.row.label) || a.row.key.localeCompare(b.row.key)
  })
  return keyed.map((k) => k.row)
}

/** The kinds the objects have, in the catalog's order (the kind filter offers only these). */
export function kindsPresent(objects: readonly InventoryObject[]): InventoryObjectKind[] {
  const present = new Set(objects.map((o) => o.kind))
  return INVENTORY_OBJECT_KINDS.filter((k) => present.has(k))
}

/**
 * The selection after “select all shown” is toggled: every shown key added, or, when all of
 * them were selected already, every shown key removed (keys not shown are kept either way).
 */
export function toggleAllShown(
  selected: ReadonlySet<string>,
  shown: readonly InventoryRow[],
): Set<string> {
  const next = new Set(selected)
  const allIn = shown.length > 0 && shown.every((r) => selected.has(r.key))
  for (const r of shown) {
    if (allIn) next.delete(r.key)
    else next.add(r.key)
  }
  return next
}

/** Whether every, some or none of the shown rows are selected (the header checkbox's state). */
export function shownSelection(
  selected: ReadonlySet<string>,
  shown: readonly InventoryRow[],
): 'all' | 'some' | 'none' {
  let n = 0
  for (const r of shown) if (selected.has(r.key)) n += 1
  if (n === 0) return 'none'
  return n === shown.length ? 'all' : 'some'
}
