import { indexEntry, matviewEntry, viewEntry } from './entries'
import type { DemoSqlObject } from './types'

/**
 * CHW performance views: reports per CHW and month (from couch2pg's `form_metadata`), and the
 * task and target documents the CHT app writes (`type: task`, `type: target`).
 */
export const CUSTOM_ACTIVITY_OBJECTS: readonly DemoSqlObject[] = [
  matviewEntry('useview_chw_activity', {
    purpose: 'Reports per CHW and month, by form, with the number of active days.',
    dependsOn: ['form_metadata'],
    readBy: 'other view',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_chw_activity AS
SELECT
  fm.chw AS chw_uuid,
  max(fm.chw_area) AS chw_area_uuid,
  date_trunc('month', fm.reported)::date AS reported_month,
  count(*) AS reports,
  count(DISTINCT fm.reported::date) AS active_days,
  count(*) FILTER (WHERE fm.formname = 'household_visit') AS household_visits,
  count(*) FILTER (WHERE fm.formname = 'assessment') AS assessments,
  count(*) FILTER (WHERE fm.formname IN ('pregnancy', 'anc_visit')) AS anc_reports,
  count(*) FILTER (WHERE fm.formname IN ('delivery', 'pnc')) AS delivery_pnc_reports
FROM form_metadata fm
WHERE fm.chw IS NOT NULL
GROUP BY fm.chw, date_trunc('month', fm.reported)::date`,
  }),
  indexEntry('useview_chw_activity_chw_month', 'useview_chw_activity', {
    definition: '(chw_uuid, reported_month)',
    unique: true,
    purpose: 'One row per CHW and month; allows the CONCURRENTLY refresh.',
    readBy: 'other view',
  }),
  indexEntry('useview_chw_activity_area_month', 'useview_chw_activity', {
    definition: '(chw_area_uuid, reported_month)',
    purpose: 'Activity of the CHWs of an area.',
    readBy: 'other view',
  }),
  viewEntry('useview_tasks', {
    purpose: 'Task documents: user, owner, state and due date.',
    dependsOn: ['couchdb'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW useview_tasks AS
SELECT
  doc->>'_id' AS uuid,
  doc->>'user' AS user_id,
  doc->>'owner' AS owner_uuid,
  doc->>'requester' AS requester_uuid,
  doc->>'state' AS state,
  doc#>>'{emission,title}' AS title,
  doc#>>'{emission,forId}' AS for_id,
  NULLIF(doc#>>'{emission,dueDate}', '')::date AS due_date,
  to_timestamp((doc->>'authoredOn')::bigint / 1000.0) AS authored
FROM couchdb
WHERE doc->>'type' = 'task'`,
  }),
  viewEntry('useview_targets', {
    purpose: 'Target documents, one row per target and period: pass and total.',
    dependsOn: ['couchdb'],
    readBy: 'dashboard',
    sql: `CREATE OR REPLACE VIEW useview_targets AS
SELECT
  t.doc->>'_id' AS uuid,
  t.doc->>'user' AS user_id,
  t.doc->>'owner' AS owner_uuid,
  split_part(t.doc->>'_id', '~', 2) AS period,
  target->>'id' AS target_id,
  (target#>>'{value,pass}')::numeric AS pass,
  (target#>>'{value,total}')::numeric AS total,
  to_timestamp((t.doc->>'updated_date')::bigint / 1000.0) AS updated
FROM couchdb t
CROSS JOIN LATERAL jsonb_array_elements(t.doc->'targets') AS target
WHERE t.doc->>'type' = 'target' AND jsonb_typeof(t.doc->'targets') = 'array'`,
  }),
]
