import { indexEntry, matviewEntry, viewEntry } from './entries'
import type { DemoSqlObject } from './types'

/**
 * The maternal health use-case views, four levels deep: `formview_pregnancy` →
 * `useview_pregnancy_visits` → `useview_anc_coverage` (materialized) →
 * `useview_dashboard_maternal` (materialized, read by the maternal dashboard), with the delivery
 * and postnatal views beside them.
 */
export const CUSTOM_MATERNAL_OBJECTS: readonly DemoSqlObject[] = [
  viewEntry('useview_pregnancy_visits', {
    purpose: 'Each registered pregnancy with its ANC visits (count, first, last, facility).',
    dependsOn: ['formview_pregnancy', 'formview_anc_visit'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW useview_pregnancy_visits AS
SELECT
  preg.uuid AS pregnancy_uuid,
  preg.patient_uuid,
  preg.patient_id,
  preg.reported AS registered,
  preg.reported_by AS chw_uuid,
  preg.chw_area_uuid,
  preg.branch_uuid,
  preg.lmp_date,
  preg.edd,
  preg.high_risk,
  count(visit.uuid) AS visits,
  min(visit.visit_date) AS first_visit_date,
  max(visit.visit_date) AS last_visit_date,
  COALESCE(bool_or(visit.attended_facility), false) AS attended_facility,
  count(visit.uuid) FILTER (WHERE visit.danger_signs IS NOT NULL) AS visits_with_danger_signs
FROM formview_pregnancy preg
LEFT JOIN formview_anc_visit visit
  ON visit.patient_uuid = preg.patient_uuid
  AND visit.reported >= preg.reported
  AND (preg.edd IS NULL OR visit.visit_date <= preg.edd + 14)
GROUP BY preg.uuid, preg.patient_uuid, preg.patient_id, preg.reported, preg.reported_by,
  preg.chw_area_uuid, preg.branch_uuid, preg.lmp_date, preg.edd, preg.high_risk`,
  }),
  matviewEntry('useview_anc_coverage', {
    purpose: 'Pregnancies registered per area and month with ANC1 / ANC4 coverage.',
    dependsOn: ['useview_pregnancy_visits'],
    readBy: 'other view',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_anc_coverage AS
SELECT
  COALESCE(chw_area_uuid, 'unknown') AS chw_area_uuid,
  date_trunc('month', registered)::date AS reported_month,
  count(*) AS pregnancies,
  count(*) FILTER (WHERE high_risk) AS high_risk_pregnancies,
  count(*) FILTER (WHERE visits >= 1) AS with_anc1,
  count(*) FILTER (WHERE visits >= 4) AS with_anc4,
  round(100.0 * count(*) FILTER (WHERE visits >= 4) / count(*), 1) AS anc4_coverage_pct
FROM useview_pregnancy_visits
GROUP BY 1, 2`,
  }),
  indexEntry('useview_anc_coverage_area_month', 'useview_anc_coverage', {
    definition: '(chw_area_uuid, reported_month)',
    unique: true,
    purpose: 'One row per area and month; allows the CONCURRENTLY refresh.',
    readBy: 'other view',
  }),
  viewEntry('useview_delivery_outcomes', {
    purpose: 'Deliveries per area and month: facility, skilled, live births, stillbirths.',
    dependsOn: ['formview_delivery'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW useview_delivery_outcomes AS
SELECT
  COALESCE(chw_area_uuid, 'unknown') AS chw_area_uuid,
  date_trunc('month', COALESCE(delivery_date, reported::date))::date AS delivery_month,
  count(*) AS deliveries,
  count(*) FILTER (WHERE delivery_place = 'health_facility') AS facility_deliveries,
  count(*) FILTER (WHERE skilled_attendant) AS skilled_deliveries,
  COALESCE(sum(babies_alive), 0) AS live_births,
  count(*) FILTER (WHERE delivery_outcome = 'still_birth') AS stillbirths,
  count(*) FILTER (WHERE mother_outcome = 'deceased') AS maternal_deaths
FROM formview_delivery
GROUP BY 1, 2`,
  }),
  viewEntry('useview_postnatal_followup', {
    purpose: 'Each delivery with its postnatal visits and whether the first came within 3 days.',
    dependsOn: ['formview_delivery', 'formview_pnc'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW useview_postnatal_followup AS
SELECT
  d.uuid AS delivery_uuid,
  d.patient_uuid,
  d.chw_area_uuid,
  d.delivery_date,
  count(p.uuid) AS pnc_visits,
  min(p.visit_date) AS first_pnc_date,
  COALESCE(min(p.visit_date) - d.delivery_date <= 3, false) AS pnc_within_3_days
FROM formview_delivery d
LEFT JOIN formview_pnc p
  ON p.patient_uuid = d.patient_uuid AND p.visit_date >= d.delivery_date
GROUP BY d.uuid, d.patient_uuid, d.chw_area_uuid, d.delivery_date`,
  }),
  matviewEntry('useview_dashboard_maternal', {
    purpose: 'The maternal dashboard: per area and month, ANC, deliveries and postnatal care.',
    dependsOn: [
      'useview_anc_coverage',
      'useview_delivery_outcomes',
      'useview_postnatal_followup',
      'contactview_chw_hierarchy',
    ],
    readBy: 'dashboard',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_dashboard_maternal AS
WITH months AS (
  SELECT a.chw_area_uuid, a.reported_month AS month FROM useview_anc_coverage a
  UNION
  SELECT d.chw_area_uuid, d.delivery_month FROM useview_delivery_outcomes d
),
pnc AS (
  SELECT
    COALESCE(chw_area_uuid, 'unknown') AS chw_area_uuid,
    date_trunc('month', delivery_date)::date AS month,
    count(*) FILTER (WHERE pnc_within_3_days) AS pnc_within_3_days
  FROM useview_postnatal_followup
  GROUP BY 1, 2
)
SELECT
  m.chw_area_uuid,
  h.area_name,
  h.branch_uuid,
  h.branch_name,
  m.month,
  COALESCE(a.pregnancies, 0) AS pregnancies,
  COALESCE(a.high_risk_pregnancies, 0) AS high_risk_pregnancies,
  COALESCE(a.with_anc1, 0) AS anc1,
  COALESCE(a.with_anc4, 0) AS anc4,
  a.anc4_coverage_pct,
  COALESCE(d.deliveries, 0) AS deliveries,
  COALESCE(d.facility_deliveries, 0) AS facility_deliveries,
  COALESCE(d.live_births, 0) AS live_births,
  COALESCE(d.stillbirths, 0) AS stillbirths,
  COALESCE(d.maternal_deaths, 0) AS maternal_deaths,
  COALESCE(pnc.pnc_within_3_days, 0) AS pnc_within_3_days
FROM months m
LEFT JOIN useview_anc_coverage a
  ON a.chw_area_uuid = m.chw_area_uuid AND a.reported_month = m.month
LEFT JOIN useview_delivery_outcomes d
  ON d.chw_area_uuid = m.chw_area_uuid AND d.delivery_month = m.month
LEFT JOIN pnc ON pnc.chw_area_uuid = m.chw_area_uuid AND pnc.month = m.month
LEFT JOIN contactview_chw_hierarchy h ON h.area_uuid = m.chw_area_uuid`,
  }),
  indexEntry('useview_dashboard_maternal_area_month', 'useview_dashboard_maternal', {
    definition: '(chw_area_uuid, month)',
    unique: true,
    purpose: 'One row per area and month; allows the CONCURRENTLY refresh.',
    readBy: 'dashboard',
  }),
  indexEntry('useview_dashboard_maternal_branch_month', 'useview_dashboard_maternal', {
    definition: '(branch_uuid, month)',
    purpose: 'The dashboard filters by branch and period.',
    readBy: 'dashboard',
  }),
]
