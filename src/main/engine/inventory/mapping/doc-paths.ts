/**
 * Which cht-pipeline base-model column holds which document path, as cht-pipeline v2.0.0's model
 * SQL reads them (reference 3.2): what tells a mapping which JSON paths an old object reads are
 * already covered, and what the dbt scaffolds select from a base model instead of the raw table.
 *
 * Paths are dotted from the jsonb column, like `SqlAnalysis.jsonPaths`: `doc.contact.parent._id`.
 * Every model covers `doc._id` (its key) and `doc.type` (it holds rows of its types only: see
 * `isCovered`), though only `document_metadata` and `contact` have a column for the type.
 */
export const DOC_PATH_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  document_metadata: { 'doc._id': 'uuid', 'doc.type': 'doc_type', 'doc._deleted': '_deleted' },
  data_record: {
    'doc._id': 'uuid',
    'doc.form': 'form',
    'doc.reported_date': 'reported',
    'doc.contact._id': 'contact_uuid',
    'doc.contact.parent._id': 'parent_uuid',
    'doc.contact.parent.parent._id': 'grandparent_uuid',
    'doc.from': 'from_phone',
    'doc.patient_id': 'patient_id',
    'doc.fields.patient_id': 'patient_id',
    'doc.fields.patient_uuid': 'patient_id',
    'doc.place_id': 'place_id',
    'doc.fields.place_id': 'place_id',
  },
  contact: {
    'doc._id': 'uuid',
    'doc.name': 'name',
    'doc.parent._id': 'parent_uuid',
    'doc.contact_type': 'contact_type',
    'doc.type': 'contact_type',
    'doc.reported_date': 'reported',
    'doc.is_active': 'active',
    'doc.notes': 'notes',
    'doc.muted': 'muted',
  },
  person: {
    'doc._id': 'uuid',
    'doc.sex': 'sex',
    'doc.phone': 'phone',
    'doc.alternative_phone': 'phone2',
    'doc.patient_id': 'patient_id',
  },
  // cht-pipeline's `place` reads `doc.contact_id`, not the place's `contact._id` (models/contacts/place.sql).
  place: { 'doc._id': 'uuid', 'doc.contact_id': 'contact_id', 'doc.place_id': 'place_id' },
  user: {
    'doc._id': 'user_id',
    'doc.contact_id': 'contact_uuid',
    'doc.facility_id': 'contact_uuid',
    'doc.language': 'language',
    'doc.roles': 'roles',
  },
  feedback: {
    'doc._id': 'uuid',
    'doc.meta.source': 'source',
    'doc.meta.url': 'url',
    'doc.meta.user.name': 'user_name',
    'doc.meta.time': 'period_start',
    'doc.info': 'cause',
    'doc.info.cause': 'cause',
    'doc.info.message': 'message',
  },
  telemetry: {
    'doc._id': 'uuid',
    'doc.metadata.year': 'period_start',
    'doc.metadata.month': 'period_start',
    'doc.metadata.day': 'period_start',
    'doc.metadata.versions.app': 'app_version',
    'doc.metadata.user': 'user_name',
    'doc.metrics.boot_time.min': 'boot_time_min',
    'doc.metrics.boot_time.max': 'boot_time_max',
    'doc.metrics.boot_time.count': 'boot_time_count',
    'doc.dbInfo.doc_count': 'doc_count_on_local_db',
  },
  telemetry_devices: {
    'doc._id': 'uuid',
    'doc.device.deviceInfo.hardware.manufacturer': 'device_manufacturer',
    'doc.device.deviceInfo.hardware.model': 'device_model',
    'doc.device.userAgent': 'user_agent',
    'doc.device.deviceInfo.app.version': 'cht_android_version',
    'doc.device.deviceInfo.software.androidVersion': 'android_version',
    'doc.device.deviceInfo.storage.free': 'storage_free',
    'doc.device.deviceInfo.storage.total': 'storage_total',
    'doc.device.deviceInfo.network.upSpeed': 'network_up_speed',
    'doc.device.deviceInfo.network.downSpeed': 'network_down_speed',
  },
}

/** A base-model column that holds a document path. */
export interface BaseColumn {
  model: string
  column: string
}

const lookup = new Map(
  Object.entries(DOC_PATH_COLUMNS).map(([model, paths]) => [
    model,
    new Map(Object.entries(paths).map(([path, column]) => [path.toLowerCase(), column])),
  ]),
)

/**
 * The first of `models` (in the order given) with a column holding `path`, or null. Compared
 * without case: the table spells `dbInfo` as the SQL analysis may have lower-cased it.
 */
export function baseColumnFor(path: string, models: readonly string[]): BaseColumn | null {
  const key = path.toLowerCase()
  for (const model of models) {
    const column = lookup.get(model)?.get(key)
    if (column !== undefined) return { model, column }
  }
  return null
}

/** Whether one of `models` covers `path`: a column holds it, or it is the type the models filter on. */
export function isCovered(path: string, models: readonly string[]): boolean {
  if (path.toLowerCase() === 'doc.type') return models.length > 0
  return baseColumnFor(path, models) !== null
}

/** The person fields that make a contact reader need `person` (date_of_birth: no column since 1.3.0). */
export const PERSON_PATHS = [
  'doc.sex',
  'doc.phone',
  'doc.alternative_phone',
  'doc.date_of_birth',
  'doc.patient_id',
] as const

/** The place fields that make a contact reader need `place`. */
export const PLACE_PATHS = ['doc.contact_id', 'doc.place_id'] as const

/** A form field path, `doc.fields.<name>…`: what a `cht_form_model` selects. */
export const isFormField = (path: string): boolean => path.toLowerCase().startsWith('doc.fields.')

/** A device path of a telemetry document, which `telemetry_devices` holds. */
export const isDevicePath = (path: string): boolean => path.toLowerCase().startsWith('doc.device.')

/** The last name of a dotted path: `doc.fields.lmp_date` → `lmp_date`. */
export const pathLeaf = (path: string): string => path.slice(path.lastIndexOf('.') + 1)
