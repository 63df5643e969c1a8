import {
  emptyItemState,
  ITEM_STATUSES,
  type StoredResult,
  type ItemState,
  type ItemStatus,
} from './project-schema'
import type { ChecklistItemDef, StepDef } from './steps'

/**
 * Pure helpers over a project's checklist: completion, status counts, latest activity and the
 * age of stored results. Used by the renderer, the Markdown export and the CLI alike, so the
 * numbers agree wherever they are shown.
 */

export interface Completion {
  /** Items that are done or marked not applicable. */
  done: number
  total: number
  /** `done / total` as a whole percentage (0 for an empty list). */
  percent: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/** True for a status that counts towards completion. */
export const isSettled = (status: ItemStatus): boolean =>
  status === 'done' || status === 'not_applicable'

/** The recorded state of an item, or a fresh "to do" when nobody has touched it yet. */
export function itemStateOf(items: Record<string, ItemState>, itemId: string): ItemState {
  return items[itemId] ?? emptyItemState()
}

function completionOf(defs: readonly ChecklistItemDef[], items: Record<string, ItemState>) {
  const total = defs.length
  const done = defs.filter((def) => {
    const state = items[def.id]
    return state !== undefined && isSettled(state.status)
  }).length
  return { done, total, percent: total === 0 ? 0 : Math.round((done / total) * 100) }
}

/**
 * How far one step has come: items done or not applicable, out of the step's items.
 *
 * States recorded for ids the step does not list are ignored, so an item retired from the catalog
 * does not skew the count.
 */
export function stepCompletion(step: StepDef, items: Record<string, ItemState>): Completion {
  return completionOf(step.items, items)
}

/** The same measure over every item of every step. */
export function overallCompletion(
  steps: readonly StepDef[],
  items: Record<string, ItemState>,
): Completion {
  return completionOf(
    steps.flatMap((step) => step.items),
    items,
  )
}

/** How many items of the catalog are in each status (untouched items count as to do). */
export function statusCounts(
  defs: readonly ChecklistItemDef[],
  items: Record<string, ItemState>,
): Record<ItemStatus, number> {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>
  for (const def of defs) counts[itemStateOf(items, def.id).status] += 1
  return counts
}

export interface Activity {
  itemId: string
  state: ItemState
}

/**
 * The most recently updated items of the catalog, newest first.
 *
 * Only items somebody changed (with an `updatedAt`) appear; ties keep catalog order.
 */
export function recentActivity(
  defs: readonly ChecklistItemDef[],
  items: Record<string, ItemState>,
  limit: number,
): Activity[] {
  const touched: Activity[] = []
  for (const def of defs) {
    const state = items[def.id]
    if (state?.updatedAt) touched.push({ itemId: def.id, state })
  }
  touched.sort((a, b) => Date.parse(b.state.updatedAt ?? '') - Date.parse(a.state.updatedAt ?? ''))
  return touched.slice(0, limit)
}

/**
 * True when a result is older than the project's stale age.
 *
 * A result exactly `staleAfterDays` old is still fresh; an unparsable date counts as stale, since
 * nothing can vouch for it.
 */
export function isStale(ranAt: string, staleAfterDays: number, now: number): boolean {
  const ran = Date.parse(ranAt)
  if (Number.isNaN(ran)) return true
  return now - ran > staleAfterDays * DAY_MS
}

/** Whole days since `ranAt` (0 for a time in the future). */
export function ageInDays(ranAt: string, now: number): number {
  const ran = Date.parse(ranAt)
  if (Number.isNaN(ran)) return 0
  return Math.max(0, Math.floor((now - ran) / DAY_MS))
}

/** The newest stored result recorded against an item, if any. */
export function latestResultFor(
  results: Record<string, StoredResult>,
  itemId: string,
): StoredResult | undefined {
  let latest: StoredResult | undefined
  for (const result of Object.values(results)) {
    if (result.itemId !== itemId) continue
    if (!latest || Date.parse(result.ranAt) > Date.parse(latest.ranAt)) latest = result
  }
  return latest
}

/**
 * The latest result of each item when it is older than the stale age, oldest first.
 *
 * A stale result that a newer run of the same item superseded is not listed: it no longer
 * describes the item.
 */
export function staleResults(
  results: Record<string, StoredResult>,
  staleAfterDays: number,
  now: number,
): StoredResult[] {
  const latestByItem = new Map<string, StoredResult>()
  for (const result of Object.values(results)) {
    const seen = latestByItem.get(result.itemId)
    if (!seen || Date.parse(result.ranAt) > Date.parse(seen.ranAt)) {
      latestByItem.set(result.itemId, result)
    }
  }
  return [...latestByItem.values()]
    .filter((result) => isStale(result.ranAt, staleAfterDays, now))
    .sort((a, b) => Date.parse(a.ranAt) - Date.parse(b.ranAt))
}
