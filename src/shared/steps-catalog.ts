import type { ChecklistItemDef, StepDef } from './steps'
import { planStep } from './checklist/plan-step'
import { setupStep } from './checklist/setup-step'
import { productionStep } from './checklist/production-step'
import { parityStep } from './checklist/parity-step'
import { optimizeStep } from './checklist/optimize-step'
import { monitorStep } from './checklist/monitor-step'
import { teardownStep } from './checklist/teardown-step'

/**
 * The checklist: the seven steps of the migration guide and what to do in each.
 *
 * Every instruction and key consideration of the CHT guide "Migrating from Couch2pg to CHT Sync"
 * is an item here, rewritten in the wizard's own words, plus the practical checks implementers
 * need from the wider CHT documentation. Item ids are stable (`<step>.<slug>`): project files
 * refer to them, so an item is never renamed; a retired item keeps its id out of use. A `checkId`
 * marks an item that a module fills with a stored result; the checks catalog names the items
 * of its checks itself. Each step's items live
 * in `checklist/<step>-step.ts`; this module puts them in order and looks them up.
 */
/** The seven steps, in the order of the guide. */
export const STEPS: readonly StepDef[] = [
  planStep,
  setupStep,
  productionStep,
  parityStep,
  optimizeStep,
  monitorStep,
  teardownStep,
]

/** Every checklist item, in step order. */
export const ALL_ITEMS: readonly ChecklistItemDef[] = STEPS.flatMap((step) => step.items)

const byItemId = new Map<string, { step: StepDef; item: ChecklistItemDef }>(
  STEPS.flatMap((step) => step.items.map((item) => [item.id, { step, item }] as const)),
)

/** Finds an item and its step by the item's id; `undefined` for an id this build does not know. */
export function findItem(itemId: string): { step: StepDef; item: ChecklistItemDef } | undefined {
  return byItemId.get(itemId)
}

/** Finds a step by its id. */
export function findStep(stepId: string): StepDef | undefined {
  return STEPS.find((step) => step.id === stepId)
}
