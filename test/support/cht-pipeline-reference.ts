/**
 * cht-pipeline v2.0.0's base model tables as the domain reference (section 3.2) lists them,
 * written out independently of the product's CHT_SYNC_MODEL_TABLES so the tests compare the two.
 * Columns are `name` (text) or `name:type`; dbt `string` is text, `timestamp` has no time zone.
 */
const TYPES: Record<string, string> = {
  ts: 'timestamp without time zone',
  tz: 'timestamp with time zone',
  bool: 'boolean',
  float: 'double precision',
  int: 'integer',
}

const columns = (spec: string) =>
  Object.fromEntries(
    spec.split(/\s+/).map((c) => {
      const [name, type] = c.split(':')
      return [name, type ? TYPES[type] : 'text']
    }),
  )

export const PIPELINE_COLUMNS: Record<string, Record<string, string | undefined>> = {
  document_metadata: columns('uuid saved_timestamp:ts _deleted:bool doc_type instance dbname'),
  contact: columns(
    'uuid saved_timestamp:ts reported:tz parent_uuid name contact_type active notes muted',
  ),
  contact_type: columns('id person:bool configured:bool'),
  person: columns('uuid saved_timestamp:ts sex phone phone2 patient_id'),
  place: columns('uuid saved_timestamp:ts contact_id place_id'),
  patient: columns('uuid saved_timestamp:ts patient_id'),
  data_record: columns(
    'uuid saved_timestamp:ts reported:tz form from_phone patient_id place_id contact_uuid ' +
      'parent_uuid grandparent_uuid',
  ),
  user: columns('user_id saved_timestamp:ts contact_uuid language roles'),
  feedback: columns('uuid saved_timestamp:ts source url user_name period_start cause message'),
  telemetry: columns(
    'uuid saved_timestamp:ts period_start:tz user_name app_version boot_time_min boot_time_max ' +
      'boot_time_count doc_count_on_local_db',
  ),
  telemetry_devices: columns(
    'uuid saved_timestamp:ts period_start:tz device_manufacturer device_model user_agent ' +
      'cht_android_version android_version storage_free storage_total network_up_speed ' +
      'network_down_speed',
  ),
  dbt_results: columns(
    'result_id invocation_id unique_id database_name schema_name name resource_type status ' +
      'start_time:ts end_time:ts execution_time:float rows_affected:int',
  ),
}

/** The reference's "Indexes" column as `method(column)`, `hash` where it says hash. */
const indexes = (spec: string) =>
  spec
    .split(/\s+/)
    .filter(Boolean)
    .map((c) => (c.startsWith('#') ? `hash(${c.slice(1)})` : `btree(${c})`))

export const PIPELINE_INDEXES: Record<string, string[]> = {
  document_metadata: indexes('#uuid saved_timestamp doc_type _deleted instance dbname'),
  contact: indexes('#uuid saved_timestamp reported parent_uuid contact_type'),
  contact_type: [],
  person: indexes('#uuid saved_timestamp'),
  place: indexes('#uuid saved_timestamp place_id'),
  patient: indexes('#uuid saved_timestamp #patient_id'),
  data_record: indexes(
    '#uuid saved_timestamp reported from_phone form patient_id contact_uuid parent_uuid ' +
      'grandparent_uuid',
  ),
  user: indexes('#user_id saved_timestamp'),
  feedback: indexes('#uuid saved_timestamp period_start user_name'),
  telemetry: indexes('#uuid saved_timestamp period_start user_name app_version'),
  telemetry_devices: indexes('#uuid saved_timestamp period_start android_version'),
  dbt_results: [],
}

/** The contract foreign keys, all ON DELETE CASCADE: `model.column → referenced model`. */
export const PIPELINE_FOREIGN_KEYS = [
  'contact.uuid → document_metadata',
  'data_record.uuid → document_metadata',
  'feedback.uuid → document_metadata',
  'patient.uuid → contact',
  'person.uuid → contact',
  'place.uuid → contact',
  'telemetry.uuid → document_metadata',
  'telemetry_devices.uuid → document_metadata',
  'user.user_id → document_metadata',
]
