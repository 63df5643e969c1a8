import type { Decision } from '../../../shared/inventory/decisions'
import { objectLabel } from '../../../shared/inventory/object-key'
import { INVENTORY_RESULT_IDS } from '../../../shared/inventory/sources'
import type { StoredResult } from '../../../shared/project-schema'
import type { CouchdbInventoryDetails } from '../../../shared/results/couchdb-inventory-result'
import type {
  ComplexityBand,
  InventoryDetails,
  InventoryObject,
  InventoryObjectKind,
  ObjectOrigin,
  ObjectUsage,
} from '../../../shared/results/inventory-result'

/**
 * What the Plan step's inventory shows, worked out from the stored results and the decisions:
 * the scope in figures, the effort estimate, usage in a few characters, the decisions whose
 * object is gone and the migration order. Pure, so it is unit-tested without a page.
 */

/** The stored couch2pg and CouchDB inventories, each with its typed details, if run. */
export interface InventoryResults {
  couch2pg: { result: StoredResult; details: InventoryDetails } | null
  couchdb: { result: StoredResult; details: CouchdbInventoryDetails } | null
}

/** The project's stored inventories (a result of another kind under the id is ignored). */
export function inventoryResults(
  results: Readonly<Record<string, StoredResult>>,
): InventoryResults {
  const pg = results[INVENTORY_RESULT_IDS.couch2pg]
  const couch = results[INVENTORY_RESULT_IDS.couchdb]
  return {
    couch2pg: pg && pg.details.kind === 'inventory' ? { result: pg, details: pg.details } : null,
    couchdb:
      couch && couch.details.kind === 'couchdb-inventory'
        ? { result: couch, details: couch.details }
        : null,
  }
}

import {
  COMPLEXITY_LABEL,
  DECISION_SHORT,
  KIND_LABEL,
  ORIGIN_LABEL,
  type DecisionState,
} from '../../../shared/inventory/labels'

export { COMPLEXITY_LABEL, DECISION_SHORT, KIND_LABEL, ORIGIN_LABEL, type DecisionState }

/**
 * Days of work to rebuild one object as a dbt model, by its complexity band: a rough rule to
 * size the work, not a promise. An object without a mapping counts as medium.
 */
export const EFFORT_DAYS: Readonly<Record<ComplexityBand, number>> = {
  simple: 0.5,
  medium: 2,
  significant: 5,
}

const effortOf = (o: InventoryObject): number => EFFORT_DAYS[o.mapping?.complexity ?? 'medium']

/** The scope of the migration in figures (see `scopeSummary`). */
export interface ScopeSummary {
  total: number
  byDecision: Record<DecisionState, number>
  byOrigin: Record<ObjectOrigin, number>
  /** Custom objects nobody decided yet: the ones that still need a decision. */
  undecidedCustom: number
  /** The estimate for the objects decided "rebuild". */
  effort: { objects: number; days: number }
  /** What rebuilding every undecided custom object too would add. */
  possible: { objects: number; days: number }
}

/** Counts of the latest inventory's objects by decision and origin, and the effort estimate. */
export function scopeSummary(
  objects: readonly InventoryObject[],
  decisions: Readonly<Record<string, Decision>>,
): ScopeSummary {
  const summary: ScopeSummary = {
    total: objects.length,
    byDecision: { undecided: 0, replace: 0, rebuild: 0, retire: 0 },
    byOrigin: { couch2pg: 0, custom: 0, unknown: 0 },
    undecidedCustom: 0,
    effort: { objects: 0, days: 0 },
    possible: { objects: 0, days: 0 },
  }
  for (const o of objects) {
    const action = decisions[o.key]?.action
    summary.byDecision[action ?? 'undecided'] += 1
    summary.byOrigin[o.origin.origin] += 1
    if (action === 'rebuild') {
      summary.effort.objects += 1
      summary.effort.days += effortOf(o)
    } else if (!action && o.origin.origin === 'custom') {
      summary.undecidedCustom += 1
      summary.possible.objects += 1
      summary.possible.days += effortOf(o)
    }
  }
  return summary
}

/** `½ day`, `1 day`, `12.5 days`. */
export function daysText(days: number): string {
  if (days === 0.5) return '½ day'
  const n = days.toLocaleString('en-US', { maximumFractionDigits: 1 })
  return `${n} ${days === 1 ? 'day' : 'days'}`
}

/** `1 object`, `12 objects` (or another noun). */
export const countText = (n: number, noun = 'object', plural = `${noun}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`

const compact = new Intl.NumberFormat('en-US', { notation: 'compact' })

/** A count in few characters (two significant digits past 1,000): `950`, `1.2K`, `314K`, `3.4M`. */
export const compactCount = (n: number): string => compact.format(n)

/** Usage as the table shows it: a compact figure in words, and a number to sort by (-1: none). */
export interface UsageFigure {
  text: string
  value: number
}

const sumOrNull = (...values: (number | null)[]): number | null =>
  values.every((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0)

/**
 * `1.2K scans`, `56 calls`, `1.2K scans · 56 calls`: how often an object was read (sequential
 * and index scans) and called (the function statistics, else the statements naming it), or
 * `no usage statistics` when the server keeps none for it.
 */
export function usageFigure(usage: ObjectUsage): UsageFigure {
  const scans = sumOrNull(usage.seqScans, usage.idxScans)
  const calls = usage.calls ?? usage.statementCalls
  if (scans === null && calls === null) return { text: 'no usage statistics', value: -1 }
  const parts: string[] = []
  if (scans !== null) parts.push(`${compactCount(scans)} ${scans === 1 ? 'scan' : 'scans'}`)
  if (calls !== null) parts.push(`${compactCount(calls)} ${calls === 1 ? 'call' : 'calls'}`)
  return { text: parts.join(' · '), value: (scans ?? 0) + (calls ?? 0) }
}

/** A decision whose object the latest inventory no longer lists. */
export interface MissingDecision {
  key: string
  decision: Decision
}

/** Decisions about objects the latest inventory did not find, by key. */
export function missingDecisions(
  objects: readonly InventoryObject[],
  decisions: Readonly<Record<string, Decision>>,
): MissingDecision[] {
  const found = new Set(objects.map((o) => o.key))
  return Object.entries(decisions)
    .filter(([key]) => !found.has(key))
    .map(([key, decision]) => ({ key, decision }))
    .sort((a, b) => a.key.localeCompare(b.key))
}

/** `kind:schema.name(args)` → `schema.name(args)` for a key whose object is unknown. */
export function keyLabel(key: string): string {
  const colon = key.indexOf(':')
  const rest = colon < 0 ? key : key.slice(colon + 1)
  return rest.startsWith('public.') ? rest.slice('public.'.length) : rest
}

/** One entry of the suggested migration order. */
export interface OrderEntry {
  key: string
  label: string
  kind: InventoryObjectKind | null
  retired: boolean
}

/** The suggested migration order, each key with its label and whether it was decided "retire". */
export function orderEntries(
  order: readonly string[],
  byKey: ReadonlyMap<string, InventoryObject>,
  decisions: Readonly<Record<string, Decision>>,
): OrderEntry[] {
  return order.map((key) => {
    const o = byKey.get(key)
    return {
      key,
      label: o ? objectLabel(o) : keyLabel(key),
      kind: o?.kind ?? null,
      retired: decisions[key]?.action === 'retire',
    }
  })
}

/** The objects by key, for dependency look-ups. */
export const objectsByKey = (objects: readonly InventoryObject[]): Map<string, InventoryObject> =>
  new Map(objects.map((o) => [o.key, o]))

/** The words of an inventory run's end, from the stored results it produced. */
export function inventoryOutcomeText(results: readonly StoredResult[]): string {
  const parts: string[] = []
  for (const r of results) {
    if (r.details.kind === 'inventory') {
      parts.push(`${countText(r.details.objects.length)} in the couch2pg database`)
    } else if (r.details.kind === 'couchdb-inventory') {
      parts.push(countText(r.details.databases.length, 'CouchDB database'))
    }
  }
  if (parts.length === 0) return 'The inventory finished.'
  const partial = results.some((r) => r.partial) ? ' Part of it is partial.' : ''
  return `The inventory listed ${parts.join(' and ')}.${partial}`
}
