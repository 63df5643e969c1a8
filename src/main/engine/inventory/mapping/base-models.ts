import {
  CONTACT_DOC_TYPES,
  PIPELINE_MODEL_NAMES,
} from '../../../../shared/inventory/cht-pipeline-models'
import type { InventoryObject, ObjectMapping } from '../../../../shared/results/inventory-result'
import { COUCH2PG_MAPPINGS, RAW_TABLE_NAMES } from './couch2pg-objects'
import { isDevicePath, PERSON_PATHS, PLACE_PATHS } from './doc-paths'
import { namesRead } from './object-graph'

/** Which base models cover what an object reads, and what the choice was made from. */
export interface BaseModelChoice {
  /** cht-pipeline model names, in `PIPELINE_MODELS` order. */
  models: string[]
  /** The forms it filters on (`doc.form`), sorted: each a `cht_form_model` candidate. */
  forms: string[]
  /** Document types it filters on that no base model holds (`task`, `target`…), sorted. */
  unmodelledTypes: string[]
  /** Whether it reads one of couch2pg's raw document tables itself. */
  readsRaw: boolean
}

/** The base model holding each document type (reference 3.2). */
const TYPE_MODELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(CONTACT_DOC_TYPES.map((t) => [t, 'contact'])),
  data_record: 'data_record',
  feedback: 'feedback',
  telemetry: 'telemetry',
  'user-settings': 'user',
}

/** Most forms a mapping lists (the stored result's bound). */
const MAX_FORMS = 100

const filterValues = (object: InventoryObject, path: string): string[] =>
  (object.analysis?.filters ?? [])
    .filter((f) => f.path.toLowerCase() === path)
    .flatMap((f) => f.values)

const reads = (object: InventoryObject, paths: readonly string[]): boolean => {
  const wanted = new Set(paths)
  return (object.analysis?.jsonPaths ?? []).some((p) => wanted.has(p.toLowerCase()))
}

/**
 * The base models that cover what a custom object reads (the rules of reference 3.2 and 7):
 *
 * - its `type` filters: a contact type → `contact`, `data_record`, `feedback`, `telemetry`,
 *   `user-settings` → `user`; a `form` filter → `data_record` (and the form in `forms`); a
 *   `contact_type` filter → `contact` and `contact_type`;
 * - the objects it reads: couch2pg's views by reference 7 (`form_metadata` → `data_record`,
 *   `contactview_metadata` and `raw_contacts` → `contact`…) and any other object's models, taken
 *   from `mappings` (so the caller maps dependencies first);
 * - a raw table read when nothing above gave a model (no type filter a base model holds, no
 *   object mapped onto one), or with a type no base model holds → `document_metadata`;
 * - with `contact`: `person` for person fields (sex, phones, date of birth, patient id), `place`
 *   for `contact_id`/`place_id`, `contact_type` for `doc.contact_type`; with `telemetry`:
 *   `telemetry_devices` for device fields.
 */
export function chooseBaseModels(
  object: InventoryObject,
  byKey: Map<string, InventoryObject>,
  mappings: ReadonlyMap<string, ObjectMapping>,
): BaseModelChoice {
  const models = new Set<string>()
  const unmodelled = new Set<string>()
  for (const type of filterValues(object, 'type')) {
    const model = Object.hasOwn(TYPE_MODELS, type) ? TYPE_MODELS[type] : undefined
    if (model !== undefined) {
      models.add(model)
    } else unmodelled.add(type)
  }
  const forms = [...new Set(filterValues(object, 'form'))].sort().slice(0, MAX_FORMS)
  if (forms.length > 0) {
    models.add('data_record')
  }
  if (filterValues(object, 'contact_type').length > 0) {
    models.add('contact').add('contact_type')
  }

  const names = namesRead(object, byKey)
  const readsRaw = [...names].some((n) => RAW_TABLE_NAMES.has(n))
  for (const name of names) {
    if (RAW_TABLE_NAMES.has(name) || !Object.hasOwn(COUCH2PG_MAPPINGS, name)) continue
    for (const m of COUCH2PG_MAPPINGS[name]!.models) models.add(m)
  }
  for (const key of object.dependsOn) {
    const upstream = byKey.get(key)
    if (upstream && RAW_TABLE_NAMES.has(upstream.name)) continue
    for (const m of mappings.get(key)?.models ?? []) models.add(m)
  }
  if (readsRaw && (models.size === 0 || unmodelled.size > 0)) models.add('document_metadata')

  if (models.has('contact')) {
    if (reads(object, PERSON_PATHS)) models.add('person')
    if (reads(object, PLACE_PATHS)) models.add('place')
    if (reads(object, ['doc.contact_type'])) models.add('contact_type')
  }
  if (models.has('telemetry') && (object.analysis?.jsonPaths ?? []).some(isDevicePath)) {
    models.add('telemetry_devices')
  }
  return {
    models: PIPELINE_MODEL_NAMES.filter((m) => models.has(m)),
    forms,
    unmodelledTypes: [...unmodelled].sort(),
    readsRaw,
  }
}
