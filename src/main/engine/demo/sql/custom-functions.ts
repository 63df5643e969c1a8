import { DEMO_FORMS } from './form-fields'
import { functionEntry } from './entries'
import type { DemoSqlObject } from './types'

/**
 * Functions the dashboards call: the maternal and iCCM summaries (SQL), the CHW scorecard
 * (plpgsql), one panel function that picks its formview at run time with `EXECUTE format(...)`,
 * and a refresh helper nobody schedules any more.
 */
export const CUSTOM_FUNCTIONS: readonly DemoSqlObject[] = [
  functionEntry('get_maternal_dashboard', {
    purpose: 'Maternal dashboard rows for a branch (or all) between two months.',
    dependsOn: ['useview_dashboard_maternal'],
    readBy: 'dashboard',
    sql: `CREATE OR REPLACE FUNCTION get_maternal_dashboard(p_branch_uuid text, p_from date, p_to date)
RETURNS TABLE (
  area_name text, month date, pregnancies bigint, anc4 bigint, deliveries bigint,
  facility_deliveries bigint, pnc_within_3_days bigint
)
LANGUAGE sql STABLE AS $fn$
  SELECT d.area_name, d.month, d.pregnancies, d.anc4, d.deliveries, d.facility_deliveries,
    d.pnc_within_3_days
  FROM useview_dashboard_maternal d
  WHERE (p_branch_uuid IS NULL OR d.branch_uuid = p_branch_uuid)
    AND d.month BETWEEN date_trunc('month', p_from)::date AND p_to
  ORDER BY d.area_name, d.month
$fn$`,
  }),
  functionEntry('get_iccm_summary', {
    purpose: 'iCCM totals per area over a period, with area names, for the child health page.',
    dependsOn: ['useview_iccm_monthly', 'contactview_chw_hierarchy'],
    readBy: 'dashboard',
    sql: `CREATE OR REPLACE FUNCTION get_iccm_summary(p_from date, p_to date)
RETURNS TABLE (
  area_uuid text, area_name text, assessments bigint, malaria_positive bigint,
  malaria_treated_act bigint, diarrhoea_treated_ors_zinc bigint, pneumonia_treated bigint,
  referrals bigint
)
LANGUAGE sql STABLE AS $fn$
  SELECT i.chw_area_uuid, h.area_name,
    sum(i.assessments)::bigint, sum(i.malaria_positive)::bigint,
    sum(i.malaria_treated_act)::bigint, sum(i.diarrhoea_treated_ors_zinc)::bigint,
    sum(i.pneumonia_treated)::bigint, sum(i.referrals)::bigint
  FROM useview_iccm_monthly i
  LEFT JOIN contactview_chw_hierarchy h ON h.area_uuid = i.chw_area_uuid
  WHERE i.reported_month BETWEEN date_trunc('month', p_from)::date AND p_to
  GROUP BY i.chw_area_uuid, h.area_name
  ORDER BY h.area_name
$fn$`,
  }),
  functionEntry('get_chw_scorecard', {
    purpose: 'Monthly CHW scorecard: reports, active days, tasks completed and overdue.',
    dependsOn: [
      'contactview_chw_hierarchy',
      'useview_chw_activity',
      'useview_tasks',
      'contactview_user',
    ],
    readBy: 'dashboard',
    sql: `CREATE OR REPLACE FUNCTION get_chw_scorecard(p_month date)
RETURNS TABLE (
  chw_uuid text, chw_name text, area_name text, reports bigint, active_days bigint,
  tasks_completed bigint, tasks_overdue bigint
)
LANGUAGE plpgsql STABLE AS $fn$
#variable_conflict use_column
DECLARE
  v_month date := date_trunc('month', p_month)::date;
BEGIN
  RETURN QUERY
  WITH task_counts AS (
    SELECT u.contact_uuid,
      count(*) FILTER (WHERE t.state = 'Completed') AS completed,
      count(*) FILTER (WHERE t.state IN ('Draft', 'Ready') AND t.due_date < current_date) AS overdue
    FROM useview_tasks t
    JOIN contactview_user u ON u.user_id = t.user_id
    WHERE t.due_date >= v_month AND t.due_date < v_month + interval '1 month'
    GROUP BY u.contact_uuid
  )
  SELECT h.chw_uuid, h.chw_name, h.area_name,
    COALESCE(a.reports, 0), COALESCE(a.active_days, 0),
    COALESCE(tc.completed, 0), COALESCE(tc.overdue, 0)
  FROM contactview_chw_hierarchy h
  LEFT JOIN useview_chw_activity a ON a.chw_uuid = h.chw_uuid AND a.reported_month = v_month
  LEFT JOIN task_counts tc ON tc.contact_uuid = h.chw_uuid
  WHERE h.chw_uuid IS NOT NULL
  ORDER BY h.area_name, h.chw_name;
END
$fn$`,
  }),
  functionEntry('get_form_submissions', {
    purpose:
      'Submissions per area and month for any form: one function behind every form panel, ' +
      'reading formview_<form> chosen at run time.',
    dependsOn: DEMO_FORMS.map((form) => `formview_${form}`),
    readBy: 'dashboard',
    // The view name is built from the argument, so no parser can tell which views it reads.
    parsesCleanly: false,
    sql: `CREATE OR REPLACE FUNCTION get_form_submissions(p_form text, p_from date, p_to date)
RETURNS TABLE (chw_area_uuid text, reported_month date, submissions bigint)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN QUERY EXECUTE format(
    'SELECT v.chw_area_uuid, date_trunc(''month'', v.reported)::date, count(*)
       FROM %I v
      WHERE v.reported >= $1 AND v.reported < $2 + 1
      GROUP BY 1, 2
      ORDER BY 1, 2',
    'formview_' || p_form)
  USING p_from, p_to;
END
$fn$`,
  }),
  functionEntry('refresh_maternal_views', {
    purpose:
      'Refreshed the maternal views in dependency order from cron; unscheduled since ' +
      'refresh_matviews() refreshes every materialized view.',
    dependsOn: ['useview_anc_coverage', 'useview_dashboard_maternal'],
    readBy: 'nobody',
    sql: `CREATE OR REPLACE FUNCTION refresh_maternal_views() RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY useview_anc_coverage;
  REFRESH MATERIALIZED VIEW CONCURRENTLY useview_dashboard_maternal;
END
$fn$`,
  }),
]
