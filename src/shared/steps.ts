/**
 * The seven steps of the migration guide and their checklist items.
 *
 * The guide (CHT documentation, "Migrating from Couch2pg to CHT Sync") is the backbone: every
 * instruction and key consideration becomes an item, in the wizard's own words, with a link to the
 * documentation page it comes from. Item ids are stable: project files refer to them.
 */
export const CHT_DOCS_BASE_URL = 'https://docs.communityhealthtoolkit.org'

export const STEP_IDS = [
  'plan',
  'setup',
  'production',
  'parity',
  'optimize',
  'monitor',
  'teardown',
] as const
export type StepId = (typeof STEP_IDS)[number]

export interface ChecklistItemDef {
  /** Stable id, `<step>.<slug>`; never renamed once released. */
  id: string
  title: string
  /** One or two sentences in the project's own words: what to do and why. */
  detail: string
  /** Where the guidance comes from: an instruction of a step, or a key consideration. */
  source: 'step' | 'consideration'
  docUrl: string
  docTitle: string
  /**
   * Set where another module (parity, inventory, teardown) stores this item's automated result.
   * The setup, production and monitoring checks name their items in the checks catalog instead
   * (`src/shared/checks/check-catalog.ts`).
   */
  checkId?: string
}

export interface StepDef {
  id: StepId
  number: number
  title: string
  /** Short label for the left rail. */
  railLabel: string
  summary: string
  docUrl: string
  docTitle: string
  items: readonly ChecklistItemDef[]
}
