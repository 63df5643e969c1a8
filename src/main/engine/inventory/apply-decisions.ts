import type {
  Decision,
  DecisionInput,
  InventorySettings,
} from '../../../shared/inventory/decisions'
import { redactSecrets } from '../../../shared/redact'

/**
 * Sets a decision on each key: fields the input leaves out keep what the object had (or start
 * empty), so a bulk "retire" keeps each object's owner and note. The note is masked like every
 * note (SEC-09). Stamped with who and when. Returns new settings; the given ones are unchanged.
 */
export function decideObjects(
  settings: InventorySettings,
  keys: readonly string[],
  input: DecisionInput,
  who: string,
  at: string,
): InventorySettings {
  const decisions = { ...settings.decisions }
  for (const key of new Set(keys)) {
    const before = decisions[key]
    // Models mean something else for each action: a change of action starts them afresh.
    const keepModels = before && before.action === input.action ? before.models : []
    const next: Decision = {
      action: input.action,
      models: input.models ?? keepModels,
      owner: input.owner ?? before?.owner ?? '',
      due: input.due === undefined ? (before?.due ?? null) : input.due,
      note: input.note === undefined ? (before?.note ?? '') : redactSecrets(input.note),
      decidedBy: who,
      decidedAt: at,
    }
    decisions[key] = next
  }
  return { ...settings, decisions }
}

/** Removes the decisions of the keys (an object back to undecided); unknown keys are ignored. */
export function clearDecisions(
  settings: InventorySettings,
  keys: readonly string[],
): InventorySettings {
  const decisions = { ...settings.decisions }
  for (const key of keys) delete decisions[key]
  return { ...settings, decisions }
}
