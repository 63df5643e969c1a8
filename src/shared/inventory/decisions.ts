import { z } from 'zod'
import { isoDate, paragraphText, shortText } from '../results/common'

/**
 * What the implementer decided for each inventory object (the project's `inventory` settings).
 *
 * Kept apart from the scan's result, keyed by the object's stable key, so a new scan never loses
 * a decision; a decision whose object is no longer found is kept and shown as such.
 */
export const DECISION_ACTIONS = ['replace', 'rebuild', 'retire'] as const
export type DecisionAction = (typeof DECISION_ACTIONS)[number]

/** Words the faces show for each action. */
export const DECISION_LABELS: Readonly<Record<DecisionAction, string>> = {
  replace: 'Replace with base models',
  rebuild: 'Rebuild as a new dbt model',
  retire: 'Retire',
}

const dayDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-31')
const modelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a dbt model name')

export const decisionSchema = z.object({
  action: z.enum(DECISION_ACTIONS),
  /** `replace`: the base models; `rebuild`: the new model's name (one). */
  models: z.array(modelName).max(20),
  owner: shortText,
  due: dayDate.nullable(),
  /** What the data is needed for and how it is shown (the guide's question). */
  note: paragraphText,
  decidedBy: shortText.nullable(),
  decidedAt: isoDate,
})
export type Decision = z.infer<typeof decisionSchema>

export const inventorySettingsSchema = z.object({
  decisions: z.record(shortText, decisionSchema),
})
export type InventorySettings = z.infer<typeof inventorySettingsSchema>

export const emptyInventorySettings = (): InventorySettings => ({ decisions: {} })

/** Most objects one bulk decision may name. */
export const BULK_DECISION_LIMIT = 5_000

/** A decision as an intent carries it: a field left out keeps what each object had. */
export const decisionInputSchema = z.object({
  action: z.enum(DECISION_ACTIONS),
  models: z.array(modelName).max(20).optional(),
  owner: shortText.optional(),
  due: dayDate.nullable().optional(),
  note: paragraphText.optional(),
})
export type DecisionInput = z.infer<typeof decisionInputSchema>
