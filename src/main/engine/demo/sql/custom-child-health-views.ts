import { indexEntry, matviewEntry, viewEntry } from './entries'
import type { DemoSqlObject } from './types'

const has = (column: string, code: string) => `string_to_array(${column}, ' ') @> ARRAY['${code}']`

const uniqueIndex = (name: string, on: string, definition: string, readBy: 'dashboard') =>
  indexEntry(name, on, {
    definition,
    unique: true,
    purpose: 'One row per key; allows the CONCURRENTLY refresh.',
    readBy,
  })

/**
 * Child health, family planning, deaths and household use-case views: iCCM classification and
 * monthly totals, immunization coverage, current family planning users, deaths per month and
 * household coverage. The materialized ones are what the dashboards read.
 */
export const CUSTOM_CHILD_HEALTH_OBJECTS: readonly DemoSqlObject[] = [
  viewEntry('useview_under5_assessments', {
    purpose: 'Each under-5 assessment classified: malaria, diarrhoea, pneumonia, malnutrition.',
    dependsOn: ['formview_assessment'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW useview_under5_assessments AS
SELECT
  a.uuid,
  a.reported,
  a.reported_by AS chw_uuid,
  a.chw_area_uuid,
  a.patient_uuid,
  a.patient_age_in_months,
  a.patient_age_in_months < 12 AS under_1,
  a.fever,
  a.mrdt_result = 'positive' AS malaria_positive,
  a.mrdt_result = 'positive' AND ${has('a.treatment_given', 'act')} AS malaria_treated_act,
  a.diarrhoea,
  a.diarrhoea AND ${has('a.treatment_given', 'ors')} AND ${has('a.treatment_given', 'zinc')}
    AS diarrhoea_treated_ors_zinc,
  a.cough AND a.fast_breathing AS pneumonia_suspected,
  a.cough AND a.fast_breathing AND ${has('a.treatment_given', 'amoxicillin')} AS pneumonia_treated,
  a.muac_colour = 'red' AS severe_malnutrition,
  a.referred OR a.danger_signs IS NOT NULL AS referred
FROM formview_assessment a`,
  }),
  matviewEntry('useview_iccm_monthly', {
    purpose: 'iCCM totals per area and month: cases seen, tested, treated and referred.',
    dependsOn: ['useview_under5_assessments'],
    readBy: 'other view',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_iccm_monthly AS
SELECT
  COALESCE(chw_area_uuid, 'unknown') AS chw_area_uuid,
  date_trunc('month', reported)::date AS reported_month,
  count(*) AS assessments,
  count(*) FILTER (WHERE under_1) AS under1_assessments,
  count(*) FILTER (WHERE fever) AS fever_cases,
  count(*) FILTER (WHERE malaria_positive) AS malaria_positive,
  count(*) FILTER (WHERE malaria_treated_act) AS malaria_treated_act,
  count(*) FILTER (WHERE diarrhoea) AS diarrhoea_cases,
  count(*) FILTER (WHERE diarrhoea_treated_ors_zinc) AS diarrhoea_treated_ors_zinc,
  count(*) FILTER (WHERE pneumonia_suspected) AS pneumonia_suspected,
  count(*) FILTER (WHERE pneumonia_treated) AS pneumonia_treated,
  count(*) FILTER (WHERE severe_malnutrition) AS severe_malnutrition,
  count(*) FILTER (WHERE referred) AS referrals
FROM useview_under5_assessments
GROUP BY 1, 2`,
  }),
  indexEntry('useview_iccm_monthly_area_month', 'useview_iccm_monthly', {
    definition: '(chw_area_uuid, reported_month)',
    unique: true,
    purpose: 'One row per area and month; allows the CONCURRENTLY refresh.',
    readBy: 'other view',
  }),
  matviewEntry('useview_immunization_coverage', {
    purpose: 'Children vaccinated per area and month, under-1s and fully immunized.',
    dependsOn: ['formview_immunization', 'contactview_person_age', 'age_in_months'],
    readBy: 'dashboard',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_immunization_coverage AS
SELECT
  COALESCE(i.chw_area_uuid, 'unknown') AS chw_area_uuid,
  date_trunc('month', i.reported)::date AS reported_month,
  count(DISTINCT i.patient_uuid) AS children_vaccinated,
  count(DISTINCT i.patient_uuid) FILTER (
    WHERE age_in_months(p.date_of_birth, COALESCE(i.visit_date, i.reported::date)) < 12
  ) AS under1_vaccinated,
  count(DISTINCT i.patient_uuid) FILTER (WHERE i.fully_immunized) AS fully_immunized,
  count(*) FILTER (WHERE ${has('i.vaccines_given', 'measles1')}) AS measles1_doses
FROM formview_immunization i
LEFT JOIN contactview_person_age p ON p.uuid = i.patient_uuid
GROUP BY 1, 2`,
  }),
  uniqueIndex(
    'useview_immunization_coverage_area_month',
    'useview_immunization_coverage',
    '(chw_area_uuid, reported_month)',
    'dashboard',
  ),
  viewEntry('useview_fp_users', {
    purpose: 'Each family planning client with their latest method and refill date.',
    dependsOn: ['formview_family_planning'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW useview_fp_users AS
SELECT DISTINCT ON (patient_uuid)
  patient_uuid,
  uuid AS latest_report_uuid,
  reported AS last_reported,
  chw_area_uuid,
  fp_method,
  new_or_continuing,
  next_refill_date,
  next_refill_date < current_date AS refill_overdue
FROM formview_family_planning
WHERE patient_uuid IS NOT NULL
ORDER BY patient_uuid, reported DESC`,
  }),
  matviewEntry('useview_fp_current_users', {
    purpose: 'Current family planning users per area and method, new users, overdue refills.',
    dependsOn: ['useview_fp_users'],
    readBy: 'dashboard',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_fp_current_users AS
SELECT
  COALESCE(chw_area_uuid, 'unknown') AS chw_area_uuid,
  COALESCE(fp_method, 'unknown') AS fp_method,
  count(*) AS current_users,
  count(*) FILTER (WHERE new_or_continuing = 'new') AS new_users,
  count(*) FILTER (WHERE refill_overdue) AS refills_overdue
FROM useview_fp_users
WHERE fp_method IS DISTINCT FROM 'none'
GROUP BY 1, 2`,
  }),
  uniqueIndex(
    'useview_fp_current_users_area_method',
    'useview_fp_current_users',
    '(chw_area_uuid, fp_method)',
    'dashboard',
  ),
  viewEntry('useview_deaths_monthly', {
    purpose: 'Deaths per area, month and category (maternal, neonatal, child, adult).',
    dependsOn: ['formview_death_report'],
    readBy: 'dashboard',
    sql: `CREATE OR REPLACE VIEW useview_deaths_monthly AS
SELECT
  COALESCE(chw_area_uuid, 'unknown') AS chw_area_uuid,
  date_trunc('month', COALESCE(date_of_death, reported::date))::date AS death_month,
  COALESCE(death_category, 'unknown') AS death_category,
  count(*) AS deaths,
  count(*) FILTER (WHERE place_of_death = 'health_facility') AS facility_deaths
FROM formview_death_report
GROUP BY 1, 2, 3`,
  }),
  matviewEntry('useview_household_coverage', {
    purpose: 'Households per area: visited, visited in the last 90 days, WASH and bednets.',
    dependsOn: ['contactview_household', 'formview_household_visit'],
    readBy: 'dashboard',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS useview_household_coverage AS
WITH last_visit AS (
  SELECT DISTINCT ON (place_id)
    place_id, visit_date, has_latrine, has_clean_water, uses_bednets
  FROM formview_household_visit
  WHERE place_id IS NOT NULL
  ORDER BY place_id, reported DESC
)
SELECT
  COALESCE(hh.area_uuid, 'unknown') AS area_uuid,
  count(*) AS households,
  COALESCE(sum(hh.members), 0) AS people,
  count(lv.place_id) AS households_visited,
  count(*) FILTER (WHERE lv.visit_date >= current_date - 90) AS visited_last_90_days,
  count(*) FILTER (WHERE lv.has_latrine) AS with_latrine,
  count(*) FILTER (WHERE lv.has_clean_water) AS with_clean_water,
  count(*) FILTER (WHERE lv.uses_bednets) AS using_bednets
FROM contactview_household hh
LEFT JOIN last_visit lv ON lv.place_id = hh.uuid
GROUP BY 1`,
  }),
  uniqueIndex(
    'useview_household_coverage_area',
    'useview_household_coverage',
    '(area_uuid)',
    'dashboard',
  ),
]
