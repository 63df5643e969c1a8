import { chtSyncNames, type ChtSyncTarget } from './cht-sync-tables'

/** The contact document types of the `contact` model (old hierarchy names and `contact`). */
const CONTACT_DOC_TYPES = "('contact', 'clinic', 'district_hospital', 'health_center', 'person')"

/**
 * cht-pipeline's `max_existing_timestamp`: the newest `saved_timestamp` already in a model, or
 * 1990 when it is empty (so the first run takes everything).
 */
const maxExisting = (relation: string) =>
  `(SELECT COALESCE(max(saved_timestamp), '1990-01-01 23:00:00'::timestamp) FROM ${relation})`

/** `reported_date` (ms) as cht-pipeline converts it: whole seconds, milliseconds dropped. */
const reported = (doc: string) =>
  `to_timestamp((NULLIF(${doc}->>'reported_date', '')::bigint / 1000)::double precision)`

/**
 * The incremental batch of each model for one dbt run, in run order: the rows to delete (by the
 * model's key) and insert. Each query reads the models before it as this run left them, as dbt
 * does. `dbt_results` is filled from the run itself and has no query.
 *
 * Semantics follow cht-pipeline v2.0.0: `document_metadata` takes every raw row newer than its
 * newest (deleted ones too, removed after by its post-hook, which cascades); the other models
 * take non-deleted rows at least as new as their newest; `contact_type` is the settings'
 * `contact_types` joined with the types actually used, and `contact.contact_type` is
 * `COALESCE(doc.contact_type, doc.type)`.
 */
export function modelBatchQueries(target: ChtSyncTarget): Record<string, string> {
  const { raw, rel } = chtSyncNames(target)
  const dm = rel('document_metadata')
  const fromMetadata = (docType: string, model: string) => `FROM ${dm} dm
JOIN ${raw} src ON src._id = dm.uuid
WHERE dm.doc_type ${docType} AND dm._deleted = false
  AND dm.saved_timestamp >= ${maxExisting(rel(model))}`
  const telemetryDate = `concat_ws('-',
    src.doc#>>'{metadata,year}',
    CASE
      WHEN string_to_array(
          substring(src.doc#>>'{metadata,versions,app}' FROM '[0-9]+[.][0-9]+[.][0-9]+'), '.'
        )::int[] < '{3,8,0}'::int[]
      THEN (src.doc#>>'{metadata,month}')::int + 1
      ELSE (src.doc#>>'{metadata,month}')::int
    END,
    COALESCE(src.doc#>>'{metadata,day}', '1'))::timestamptz`

  return {
    document_metadata: `SELECT
  _id AS uuid, _deleted, saved_timestamp, doc->>'type' AS doc_type,
  split_part(source, '/', 1) AS instance, split_part(source, '/', 2) AS dbname
FROM ${raw}
WHERE saved_timestamp > ${maxExisting(dm)}`,

    contact: `SELECT
  dm.uuid, dm.saved_timestamp, ${reported('src.doc')} AS reported,
  src.doc#>>'{parent,_id}' AS parent_uuid,
  src.doc->>'name' AS name,
  COALESCE(src.doc->>'contact_type', src.doc->>'type') AS contact_type,
  src.doc->>'is_active' AS active,
  src.doc->>'notes' AS notes,
  NULLIF(src.doc->>'muted', '') AS muted
${fromMetadata(`IN ${CONTACT_DOC_TYPES}`, 'contact')}`,

    contact_type: `WITH settings AS (
  SELECT jsonb_array_elements(src.doc->'settings'->'contact_types') AS element
  FROM ${raw} src
  WHERE src._id = 'settings'
), existing AS (
  SELECT DISTINCT c.contact_type AS id FROM ${rel('contact')} c
)
SELECT
  COALESCE(settings.element->>'id', existing.id) AS id,
  CASE WHEN existing.id = 'person' THEN true
    ELSE COALESCE(settings.element->>'person', 'false')::boolean END AS person,
  settings.element IS NOT NULL AS configured
FROM settings
FULL OUTER JOIN existing ON existing.id = settings.element->>'id'`,

    person: `SELECT
  c.uuid, c.saved_timestamp, src.doc->>'sex' AS sex, src.doc->>'patient_id' AS patient_id,
  src.doc->>'phone' AS phone, src.doc->>'alternative_phone' AS phone2
FROM ${rel('contact')} c
JOIN ${rel('contact_type')} ct ON ct.id = c.contact_type
JOIN ${raw} src ON src._id = c.uuid
WHERE ct.person = true AND c.saved_timestamp >= ${maxExisting(rel('person'))}`,

    place: `SELECT
  c.uuid, c.saved_timestamp, src.doc->>'place_id' AS place_id, src.doc->>'contact_id' AS contact_id
FROM ${rel('contact')} c
JOIN ${rel('contact_type')} ct ON ct.id = c.contact_type
JOIN ${raw} src ON src._id = c.uuid
WHERE ct.person = false AND c.saved_timestamp >= ${maxExisting(rel('place'))}`,

    patient: `SELECT p.uuid, p.saved_timestamp, src.doc->>'patient_id' AS patient_id
FROM ${rel('person')} p
JOIN ${raw} src ON src._id = p.uuid
WHERE src.doc->>'patient_id' IS NOT NULL AND p.saved_timestamp >= ${maxExisting(rel('patient'))}`,

    data_record: `SELECT
  dm.uuid, dm.saved_timestamp, ${reported('src.doc')} AS reported,
  src.doc->>'form' AS form,
  src.doc->>'from' AS from_phone,
  COALESCE(src.doc->>'patient_id', src.doc#>>'{fields,patient_id}',
    src.doc#>>'{fields,patient_uuid}') AS patient_id,
  COALESCE(src.doc->>'place_id', src.doc#>>'{fields,place_id}') AS place_id,
  src.doc#>>'{contact,_id}' AS contact_uuid,
  src.doc#>>'{contact,parent,_id}' AS parent_uuid,
  src.doc#>>'{contact,parent,parent,_id}' AS grandparent_uuid
${fromMetadata("= 'data_record'", 'data_record')}`,

    user: `SELECT
  dm.uuid AS user_id, dm.saved_timestamp,
  COALESCE(src.doc->>'contact_id', src.doc->>'facility_id') AS contact_uuid,
  src.doc->>'language' AS language,
  src.doc->>'roles' AS roles
${fromMetadata("= 'user-settings'", 'user')}`,

    feedback: `SELECT
  dm.uuid, dm.saved_timestamp,
  src.doc#>>'{meta,source}' AS source,
  src.doc#>>'{meta,url}' AS url,
  src.doc#>>'{meta,user,name}' AS user_name,
  src.doc#>>'{meta,time}' AS period_start,
  COALESCE(src.doc#>>'{info,cause}', src.doc->>'info') AS cause,
  src.doc#>>'{info,message}' AS message
${fromMetadata("= 'feedback'", 'feedback')}`,

    telemetry: `SELECT
  dm.uuid, dm.saved_timestamp,
  ${telemetryDate} AS period_start,
  src.doc#>>'{metadata,user}' AS user_name,
  src.doc#>>'{metadata,versions,app}' AS app_version,
  src.doc#>>'{metrics,boot_time,min}' AS boot_time_min,
  src.doc#>>'{metrics,boot_time,max}' AS boot_time_max,
  src.doc#>>'{metrics,boot_time,count}' AS boot_time_count,
  src.doc#>>'{dbInfo,doc_count}' AS doc_count_on_local_db
${fromMetadata("= 'telemetry'", 'telemetry')}`,

    telemetry_devices: `SELECT
  t.uuid, t.saved_timestamp, t.period_start,
  src.doc#>>'{device,deviceInfo,hardware,manufacturer}' AS device_manufacturer,
  src.doc#>>'{device,deviceInfo,hardware,model}' AS device_model,
  src.doc#>>'{device,userAgent}' AS user_agent,
  src.doc#>>'{device,deviceInfo,app,version}' AS cht_android_version,
  src.doc#>>'{device,deviceInfo,software,androidVersion}' AS android_version,
  src.doc#>>'{device,deviceInfo,storage,free}' AS storage_free,
  src.doc#>>'{device,deviceInfo,storage,total}' AS storage_total,
  src.doc#>>'{device,deviceInfo,network,upSpeed}' AS network_up_speed,
  src.doc#>>'{device,deviceInfo,network,downSpeed}' AS network_down_speed
FROM ${rel('telemetry')} t
JOIN ${raw} src ON src._id = t.uuid
WHERE t.saved_timestamp >= ${maxExisting(rel('telemetry_devices'))}`,
  }
}
