import { matviewEntry } from './entries'
import type { DemoSqlObject } from './types'

/**
 * A telemetry period's start date as the views of cht-couch2pg before 3.7.0 compute it inline:
 * a `year-month-day` text cast to a date, months made one-based for apps before 3.8.0 that send
 * no day, and 1970-01-01 when the year is missing. `get_telemetry_date()` (3.7.0) replaced it.
 */
const INLINE_PERIOD_START = `(CASE
    WHEN doc#>>'{metadata,year}' IS NULL THEN '1970-01-01'
    ELSE concat_ws('-',
      doc#>>'{metadata,year}',
      (doc#>>'{metadata,month}')::int + CASE
        WHEN doc#>>'{metadata,day}' IS NULL
          AND (doc#>>'{metadata,versions,app}' IS NULL
            OR string_to_array(
                substring(doc#>>'{metadata,versions,app}' FROM '[0-9]+[.][0-9]+[.][0-9]+'), '.'
              )::int[] < ARRAY[3, 8, 0])
        THEN 1 ELSE 0 END,
      COALESCE(doc#>>'{metadata,day}', '1'))
  END)::date`

/**
 * The device and metric telemetry views in the shape cht-couch2pg 3.5.1 installs them (reference
 * 1.5 c): the same columns and unique keys as 3.7.0's, the date computed inline (there is no
 * `get_telemetry_date()` before 3.7.0), the metrics split with `jsonb_object_keys` and
 * `jsonb_to_record` (the slow form 3.7.0 rewrote). Their indexes are the 3.7 entries'.
 */
export const COUCH2PG_3_5_TELEMETRY_VIEWS: readonly DemoSqlObject[] = [
  matviewEntry('useview_telemetry_devices', {
    purpose: 'One row per device and user (their first telemetry period): hardware, versions.',
    dependsOn: ['couchdb_users_meta'],
    readBy: 'dashboard',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_telemetry_devices AS
SELECT DISTINCT ON (doc#>>'{metadata,deviceId}', doc#>>'{metadata,user}')
  doc->>'_id' AS telemetry_doc_id,
  doc#>>'{metadata,deviceId}' AS device_id,
  doc#>>'{metadata,user}' AS user_name,
  ${INLINE_PERIOD_START} AS period_start,
  doc#>>'{device,deviceInfo,hardware,manufacturer}' AS device_manufacturer,
  doc#>>'{device,deviceInfo,hardware,model}' AS device_model,
  doc#>>'{dbInfo,doc_count}' AS doc_count,
  doc#>>'{device,userAgent}' AS user_agent,
  doc#>>'{device,deviceInfo,app,version}' AS cht_android_version,
  doc#>>'{device,deviceInfo,software,androidVersion}' AS android_version,
  doc#>>'{device,deviceInfo,storage,free}' AS storage_free,
  doc#>>'{device,deviceInfo,storage,total}' AS storage_total,
  doc#>>'{device,deviceInfo,network,upSpeed}' AS network_up_speed,
  doc#>>'{device,deviceInfo,network,downSpeed}' AS network_down_speed
FROM couchdb_users_meta
WHERE doc->>'type' = 'telemetry'
ORDER BY 2, 3, 4`,
  }),
  matviewEntry('useview_telemetry_metrics', {
    purpose: 'One row per telemetry document and metric: min, max, sum, count, sumsqr.',
    dependsOn: ['couchdb_users_meta'],
    readBy: 'dashboard',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_telemetry_metrics AS
WITH telemetry AS (
  SELECT
    doc->>'_id' AS telemetry_doc_id,
    doc#>>'{metadata,deviceId}' AS device_id,
    doc#>>'{metadata,user}' AS user_name,
    ${INLINE_PERIOD_START} AS period_start,
    jsonb_object_keys(doc->'metrics') AS metric,
    doc->'metrics' AS metrics
  FROM couchdb_users_meta
  WHERE doc->>'type' = 'telemetry'
)
SELECT
  telemetry.telemetry_doc_id,
  telemetry.metric,
  telemetry.period_start,
  telemetry.user_name,
  telemetry.device_id,
  v.min,
  v.max,
  v.sum,
  v.count,
  v.sumsqr
FROM telemetry
CROSS JOIN LATERAL jsonb_to_record(telemetry.metrics -> telemetry.metric)
  AS v(min numeric, max numeric, sum numeric, count bigint, sumsqr numeric)`,
  }),
]
