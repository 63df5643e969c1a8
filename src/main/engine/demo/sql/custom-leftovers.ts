import { indexEntry, matviewEntry, tableAsEntry, viewEntry } from './entries'
import type { DemoSqlObject } from './types'

/**
 * What years of dashboard work leave behind: an old version of a view kept "just in case", a
 * materialized view still refreshed every run though nothing reads it, an export table and a
 * backup table. The copies were made from other objects once and depend on nothing now.
 */
export const CUSTOM_LEFTOVERS: readonly DemoSqlObject[] = [
  viewEntry('useview_pregnancy_visits_old', {
    purpose:
      'First version of useview_pregnancy_visits, matching visits by shortcode and the ' +
      'retired pregnancy_visit form code, so every count is 0.',
    dependsOn: ['couchdb'],
    readBy: 'nobody',
    sql: `CREATE OR REPLACE VIEW useview_pregnancy_visits_old AS
SELECT
  p.doc->>'_id' AS pregnancy_uuid,
  p.doc#>>'{fields,patient_id}' AS patient_id,
  to_timestamp((p.doc->>'reported_date')::bigint / 1000.0) AS registered,
  (
    SELECT count(*)
    FROM couchdb v
    WHERE v.doc->>'type' = 'data_record'
      AND v.doc->>'form' = 'pregnancy_visit'
      AND v.doc#>>'{fields,patient_id}' = p.doc#>>'{fields,patient_id}'
  ) AS visits
FROM couchdb p
WHERE p.doc->>'type' = 'data_record' AND p.doc->>'form' = 'pregnancy'`,
  }),
  matviewEntry('useview_monthly_visits_old', {
    purpose:
      'Reports per form and month straight from couchdb, from before form_metadata; still ' +
      'refreshed by every refresh_matviews() run.',
    dependsOn: ['couchdb'],
    readBy: 'nobody',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_monthly_visits_old AS
SELECT
  doc->>'form' AS form,
  date_trunc('month', to_timestamp((doc->>'reported_date')::bigint / 1000.0))::date AS month,
  count(*) AS reports
FROM couchdb
WHERE doc->>'type' = 'data_record' AND doc->>'form' IS NOT NULL
GROUP BY 1, 2`,
  }),
  indexEntry('useview_monthly_visits_old_form_month', 'useview_monthly_visits_old', {
    definition: '(form, month)',
    unique: true,
    purpose: 'One row per form and month; allows the CONCURRENTLY refresh.',
    readBy: 'couch2pg',
  }),
  tableAsEntry('tmp_anc_export', {
    purpose: 'One-off copy of formview_anc_visit made for a data request.',
    dependsOn: [],
    readBy: 'nobody',
    sql: 'CREATE TABLE IF NOT EXISTS tmp_anc_export AS SELECT * FROM formview_anc_visit',
  }),
  tableAsEntry('backup_form_metadata_2022', {
    purpose: 'Copy of the 2022 rows of form_metadata taken before an upgrade.',
    dependsOn: [],
    readBy: 'nobody',
    sql: `CREATE TABLE IF NOT EXISTS backup_form_metadata_2022 AS
SELECT * FROM form_metadata WHERE reported >= '2022-01-01' AND reported < '2023-01-01'`,
  }),
]
