import { functionEntry, indexEntry, matviewEntry } from './entries'
import type { DemoSqlObject } from './types'

/** The telemetry date arguments, taken from a telemetry document's metadata. */
const TELEMETRY_DATE_ARGS = `doc#>>'{metadata,versions,app}',
    doc#>>'{metadata,year}',
    doc#>>'{metadata,month}',
    doc#>>'{metadata,day}'`

/**
 * What cht-couch2pg's `libs/medic-users-meta` migrations leave (reference 1.5 c), in their 3.7.0
 * shape: the feedback and telemetry materialized views over `couchdb_users_meta` with their
 * unique indexes, and `get_telemetry_date()` (3.7.0), which the device and metric views use.
 * `useview_telemetry` keeps its 2021 inline date expression, which is not null-safe.
 */
export const COUCH2PG_USERS_META_OBJECTS: readonly DemoSqlObject[] = [
  functionEntry('get_telemetry_date', {
    purpose:
      'Start date of a telemetry period from metadata year/month/day: null when the year is ' +
      'missing; months were zero-based before app 3.8.0 when there was no day.',
    dependsOn: [],
    readBy: 'other view',
    sql: `CREATE OR REPLACE FUNCTION get_telemetry_date(app_version text, year text, month text, day text)
RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT CASE
    WHEN NULLIF(year, '') IS NULL THEN NULL
    ELSE make_date(
      year::int,
      month::int + CASE
        WHEN NULLIF(day, '') IS NULL
          AND (NULLIF(app_version, '') IS NULL
            OR string_to_array(substring(app_version FROM '[0-9]+[.][0-9]+[.][0-9]+'), '.')::int[]
              < ARRAY[3, 8, 0])
        THEN 1 ELSE 0 END,
      COALESCE(NULLIF(day, '')::int, 1))
  END
$fn$`,
  }),
  matviewEntry('useview_feedback', {
    purpose: 'Feedback documents (app errors and user feedback) from medic-users-meta.',
    dependsOn: ['couchdb_users_meta'],
    readBy: 'dashboard',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_feedback AS
SELECT
  doc->>'_id' AS uuid,
  doc#>>'{meta,source}' AS source,
  doc#>>'{meta,url}' AS url,
  doc#>>'{meta,user,name}' AS user_name,
  doc#>>'{meta,time}' AS period_start,
  COALESCE(doc#>>'{info,cause}', doc->>'info') AS cause,
  doc#>>'{info,message}' AS message
FROM couchdb_users_meta
WHERE doc->>'type' = 'feedback'`,
  }),
  indexEntry('idx_useview_feedback_uuid', 'useview_feedback', {
    definition: '(uuid)',
    unique: true,
    purpose: 'Unique feedback id, only there so the view can be refreshed CONCURRENTLY.',
    readBy: 'couch2pg',
  }),
  indexEntry('idx_useview_feedback_period_start_user', 'useview_feedback', {
    definition: '(period_start, user_name)',
    purpose: 'Feedback per user and period.',
    readBy: 'dashboard',
  }),
  matviewEntry('useview_telemetry', {
    purpose: 'One row per telemetry document: period, user, app version, boot times.',
    dependsOn: ['couchdb_users_meta'],
    readBy: 'dashboard',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_telemetry AS
SELECT
  doc->>'_id' AS uuid,
  make_date(
    (doc#>>'{metadata,year}')::int,
    (doc#>>'{metadata,month}')::int + CASE
      WHEN string_to_array(
          substring(doc#>>'{metadata,versions,app}' FROM '[0-9]+[.][0-9]+[.][0-9]+'), '.'
        )::int[] < ARRAY[3, 8, 0]
      THEN 1 ELSE 0 END,
    COALESCE((doc#>>'{metadata,day}')::int, 1)
  ) AS period_start,
  doc#>>'{metadata,user}' AS user_name,
  doc#>>'{metadata,versions,app}' AS app_version,
  doc#>>'{metrics,boot_time,min}' AS boot_time_min,
  doc#>>'{metrics,boot_time,max}' AS boot_time_max,
  doc#>>'{metrics,boot_time,count}' AS boot_time_count,
  doc#>>'{dbInfo,doc_count}' AS doc_count_on_local_db
FROM couchdb_users_meta
WHERE doc->>'type' = 'telemetry'`,
  }),
  indexEntry('idx_useview_telemetry_uuid', 'useview_telemetry', {
    definition: '(uuid)',
    unique: true,
    purpose: 'Unique telemetry id, only there so the view can be refreshed CONCURRENTLY.',
    readBy: 'couch2pg',
  }),
  indexEntry('idx_useview_telemetry_period_start_user', 'useview_telemetry', {
    definition: '(period_start, user_name)',
    purpose: 'Telemetry per user and period.',
    readBy: 'dashboard',
  }),
  matviewEntry('useview_telemetry_devices', {
    purpose: 'One row per device and user (their first telemetry period): hardware, versions.',
    dependsOn: ['couchdb_users_meta', 'get_telemetry_date'],
    readBy: 'dashboard',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_telemetry_devices AS
SELECT DISTINCT ON (device_id, user_name) *
FROM (
  SELECT
    doc->>'_id' AS telemetry_doc_id,
    doc#>>'{metadata,deviceId}' AS device_id,
    doc#>>'{metadata,user}' AS user_name,
    get_telemetry_date(${TELEMETRY_DATE_ARGS}) AS period_start,
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
) telemetry
ORDER BY device_id, user_name, period_start`,
  }),
  indexEntry('useview_telemetry_devices_device_user', 'useview_telemetry_devices', {
    definition: '(device_id, user_name)',
    unique: true,
    purpose: 'One row per device and user; allows the CONCURRENTLY refresh.',
    readBy: 'couch2pg',
  }),
  matviewEntry('useview_telemetry_metrics', {
    purpose: 'One row per telemetry document and metric: min, max, sum, count, sumsqr.',
    dependsOn: ['couchdb_users_meta', 'get_telemetry_date'],
    readBy: 'dashboard',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_telemetry_metrics AS
SELECT
  doc->>'_id' AS telemetry_doc_id,
  metric.key AS metric,
  get_telemetry_date(${TELEMETRY_DATE_ARGS}) AS period_start,
  doc#>>'{metadata,user}' AS user_name,
  doc#>>'{metadata,deviceId}' AS device_id,
  (metric.value->>'min')::numeric AS min,
  (metric.value->>'max')::numeric AS max,
  (metric.value->>'sum')::numeric AS sum,
  (metric.value->>'count')::numeric::bigint AS count,
  (metric.value->>'sumsqr')::numeric AS sumsqr
FROM couchdb_users_meta
CROSS JOIN LATERAL jsonb_each(doc->'metrics') AS metric
WHERE doc->>'type' = 'telemetry' AND jsonb_typeof(doc->'metrics') = 'object'`,
  }),
  ...(
    [
      ['docid_metric', '(telemetry_doc_id, metric)', true],
      ['period_start', '(period_start)', false],
      ['device_id', '(device_id)', false],
      ['user_name', '(user_name)', false],
    ] as const
  ).map(([suffix, definition, unique]) =>
    indexEntry(`useview_telemetry_metrics_${suffix}`, 'useview_telemetry_metrics', {
      definition,
      unique,
      purpose: unique
        ? 'One row per document and metric; allows the CONCURRENTLY refresh.'
        : `Metrics filtered by ${suffix}.`,
      readBy: unique ? 'couch2pg' : 'dashboard',
    }),
  ),
]
