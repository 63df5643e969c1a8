import { PIPELINE_MODEL_NAMES } from '../../../shared/inventory/cht-pipeline-models'
import type { Decision, DecisionAction, DecisionInput } from '../../../shared/inventory/decisions'
import { TEXT_LIMITS } from '../../../shared/results/common'
import type { InventoryObject } from '../../../shared/results/inventory-result'

/**
 * The decision form of the Plan step and its bulk variant: what the fields start with, and
 * what they send (`inventory.decide`) once valid. Pure, so the rules are unit-tested.
 */

/** The decision form's fields as typed. */
export interface DecisionDraft {
  action: DecisionAction | null
  /** `replace`: the chosen base models. */
  models: string[]
  /** `rebuild`: the new dbt model's name. */
  newModel: string
  owner: string
  /** `YYYY-MM-DD`, or empty. */
  due: string
  note: string
}

/** What is wrong with each field of the form, in words. */
export type DraftErrors = Partial<Record<keyof DecisionDraft, string>>

const MODEL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** `formview_pregnancy` → `formview_pregnancy`; `My View!` → `my_view`: a dbt model name. */
export function suggestedModelName(o: Pick<InventoryObject, 'name'>): string {
  const base = o.name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
  const name = /^[a-z_]/.test(base) ? base : `m_${base}`
  return name.slice(0, 63).replace(/_+$/, '') || 'new_model'
}

/** The base models an object's mapping names that cht-pipeline has (the replace preselection). */
const mappedPipelineModels = (o: InventoryObject): string[] =>
  (o.mapping?.models ?? []).filter((m) => PIPELINE_MODEL_NAMES.includes(m))

/** The form's starting fields: the decision made, or suggestions from the mapping. */
export function draftFor(o: InventoryObject, decision: Decision | undefined): DecisionDraft {
  const suggested = suggestedModelName(o)
  if (!decision) {
    return {
      action: null,
      models: mappedPipelineModels(o),
      newModel: suggested,
      owner: '',
      due: '',
      note: '',
    }
  }
  return {
    action: decision.action,
    models: decision.action === 'replace' ? decision.models : mappedPipelineModels(o),
    newModel: decision.action === 'rebuild' ? (decision.models[0] ?? suggested) : suggested,
    owner: decision.owner,
    due: decision.due ?? '',
    note: decision.note,
  }
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isDay(text: string): boolean {
  const m = DAY.exec(text)
  if (!m) return false
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return date.toISOString().slice(0, 10) === text
}

const DUE_ERROR = 'Give a date like 2026-12-31, or leave it empty.'
const OWNER_ERROR = `Keep the owner under ${TEXT_LIMITS.short} characters.`

/** The decision to send, or what is wrong with the fields. */
export function validateDraft(
  draft: DecisionDraft,
): { ok: true; input: DecisionInput } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {}
  const owner = draft.owner.trim()
  const due = draft.due.trim()
  const note = draft.note.trim()
  const newModel = draft.newModel.trim()
  if (!draft.action) errors.action = 'Choose what happens to this object.'
  if (draft.action === 'replace' && draft.models.length === 0) {
    errors.models = 'Choose at least one base model.'
  }
  if (draft.action === 'rebuild' && !MODEL_NAME.test(newModel)) {
    errors.newModel =
      'Name the new model with letters, digits and underscores, starting with a letter or an underscore (at most 63 characters).'
  }
  if (owner.length > TEXT_LIMITS.short) errors.owner = OWNER_ERROR
  if (due !== '' && !isDay(due)) errors.due = DUE_ERROR
  if (note.length > TEXT_LIMITS.paragraph) {
    errors.note = `Keep the note under ${TEXT_LIMITS.paragraph.toLocaleString('en-US')} characters.`
  }
  if (!draft.action || Object.keys(errors).length > 0) return { ok: false, errors }
  const models =
    draft.action === 'replace' ? draft.models : draft.action === 'rebuild' ? [newModel] : []
  return {
    ok: true,
    input: { action: draft.action, models, owner, due: due === '' ? null : due, note },
  }
}

/** The bulk form's fields: an action for every selected object, an owner and a due date. */
export interface BulkDraft {
  action: DecisionAction | ''
  owner: string
  due: string
}

/**
 * The decision a bulk form sends: the action, and the owner and due date only when given, so
 * each object keeps its own otherwise (its models and note are never touched).
 */
export function validateBulk(
  draft: BulkDraft,
):
  | { ok: true; input: DecisionInput }
  | { ok: false; errors: Partial<Record<keyof BulkDraft, string>> } {
  const errors: Partial<Record<keyof BulkDraft, string>> = {}
  const owner = draft.owner.trim()
  const due = draft.due.trim()
  if (draft.action === '') errors.action = 'Choose what happens to the selected objects.'
  if (owner.length > TEXT_LIMITS.short) errors.owner = OWNER_ERROR
  if (due !== '' && !isDay(due)) errors.due = DUE_ERROR
  if (draft.action === '' || Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    input: {
      action: draft.action,
      ...(owner === '' ? {} : { owner }),
      ...(due === '' ? {} : { due }),
    },
  }
}

/** Splits keys into runs of at most `size` (one `inventory.decide` intent each). */
export function chunkKeys(keys: readonly string[], size: number): string[][] {
  const chunks: string[][] = []
  for (let i = 0; i < keys.length; i += size) chunks.push(keys.slice(i, i + size))
  return chunks
}
