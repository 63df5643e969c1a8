import { viewEntry } from './entries'
import type { DemoSqlObject } from './types'

// The columns every formview starts with. Different people wrote these views over the years, so
// they do not all spell the jsonb paths the same way; the columns are the same.
const COMMON = `doc->>'_id' AS uuid,
  to_timestamp((doc->>'reported_date')::bigint / 1000.0) AS reported,
  doc#>>'{contact,_id}' AS reported_by,
  doc#>>'{contact,parent,_id}' AS chw_area_uuid,
  doc#>>'{contact,parent,parent,_id}' AS branch_uuid`

const formview = (form: string, purpose: string, dependsOn: string[], select: string) =>
  viewEntry(`formview_${form}`, {
    purpose,
    dependsOn,
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW formview_${form} AS\n${select}`,
  })

/**
 * One `formview_<form>` per report form of the demo deployment (see `DEMO_FORM_FIELDS`): the raw
 * `fields` of each report as typed columns, with the submitter and their area and branch.
 */
export const CUSTOM_FORMVIEWS: readonly DemoSqlObject[] = [
  formview(
    'pregnancy',
    'Pregnancy registrations: LMP, EDD, gravida/parity, risk factors and danger signs.',
    ['couchdb'],
    `SELECT
  ${COMMON},
  doc#>>'{fields,patient_id}' AS patient_id,
  doc#>>'{fields,patient_uuid}' AS patient_uuid,
  doc#>>'{fields,patient_name}' AS patient_name,
  NULLIF(doc#>>'{fields,lmp_date}', '')::date AS lmp_date,
  NULLIF(doc#>>'{fields,edd}', '')::date AS edd,
  NULLIF(doc#>>'{fields,weeks_pregnant}', '')::int AS weeks_pregnant,
  NULLIF(doc#>>'{fields,gravida}', '')::int AS gravida,
  NULLIF(doc#>>'{fields,parity}', '')::int AS parity,
  NULLIF(doc#>>'{fields,risk_factors}', '') AS risk_factors,
  NULLIF(doc#>>'{fields,danger_signs}', '') AS danger_signs,
  COALESCE(doc#>>'{fields,risk_factors}', '') <> ''
    OR COALESCE(doc#>>'{fields,danger_signs}', '') <> '' AS high_risk
FROM couchdb
WHERE doc->>'type' = 'data_record' AND doc->>'form' = 'pregnancy'`,
  ),
  formview(
    'anc_visit',
    'Antenatal home visits: gestation, facility attendance, danger signs, iron/folate.',
    ['couchdb'],
    `SELECT
  ${COMMON},
  doc->'fields'->>'patient_id' AS patient_id,
  doc->'fields'->>'patient_uuid' AS patient_uuid,
  NULLIF(doc->'fields'->>'visit_date', '')::date AS visit_date,
  NULLIF(doc->'fields'->>'weeks_pregnant', '')::int AS weeks_pregnant,
  NULLIF(doc->'fields'->>'visit_number', '')::int AS visit_number,
  doc->'fields'->>'attended_facility' = 'yes' AS attended_facility,
  NULLIF(doc->'fields'->>'danger_signs', '') AS danger_signs,
  doc->'fields'->>'iron_folate_given' = 'yes' AS iron_folate_given
FROM couchdb
WHERE doc->>'type' = 'data_record' AND doc->>'form' = 'anc_visit'`,
  ),
  // Written when form_metadata was the way in to reports: it joins back to couchdb by id.
  formview(
    'delivery',
    'Deliveries: date, place, outcome, live births, skilled attendance, mother outcome.',
    ['form_metadata', 'couchdb'],
    `SELECT
  fm.uuid,
  fm.reported AT TIME ZONE 'UTC' AS reported,
  fm.chw AS reported_by,
  fm.chw_area AS chw_area_uuid,
  c.doc#>>'{contact,parent,parent,_id}' AS branch_uuid,
  c.doc#>>'{fields,patient_id}' AS patient_id,
  c.doc#>>'{fields,patient_uuid}' AS patient_uuid,
  NULLIF(c.doc#>>'{fields,delivery_date}', '')::date AS delivery_date,
  c.doc#>>'{fields,delivery_place}' AS delivery_place,
  c.doc#>>'{fields,delivery_outcome}' AS delivery_outcome,
  NULLIF(c.doc#>>'{fields,babies_alive}', '')::int AS babies_alive,
  c.doc#>>'{fields,skilled_attendant}' = 'yes' AS skilled_attendant,
  c.doc#>>'{fields,mother_outcome}' AS mother_outcome
FROM form_metadata fm
JOIN couchdb c ON c.doc->>'_id' = fm.uuid
WHERE fm.formname = 'delivery'`,
  ),
  formview(
    'pnc',
    'Postnatal care visits: visit number, mother and baby danger signs, breastfeeding.',
    ['couchdb'],
    `WITH pnc AS (
  SELECT doc, doc->'fields' AS f
  FROM couchdb
  WHERE doc->>'type' = 'data_record' AND doc->>'form' = 'pnc'
)
SELECT
  ${COMMON},
  f->>'patient_id' AS patient_id,
  f->>'patient_uuid' AS patient_uuid,
  NULLIF(f->>'visit_date', '')::date AS visit_date,
  NULLIF(f->>'pnc_visit_number', '')::int AS pnc_visit_number,
  NULLIF(f->>'mother_danger_signs', '') AS mother_danger_signs,
  NULLIF(f->>'baby_danger_signs', '') AS baby_danger_signs,
  f->>'breastfeeding' = 'yes' AS breastfeeding,
  f->>'referred' = 'yes' AS referred
FROM pnc`,
  ),
  formview(
    'assessment',
    'Under-5 assessments (iCCM): fever, diarrhoea, cough, malaria RDT, MUAC, treatment.',
    ['couchdb'],
    `SELECT
  ${COMMON},
  doc#>>'{fields,patient_id}' AS patient_id,
  doc#>>'{fields,patient_uuid}' AS patient_uuid,
  NULLIF(doc#>>'{fields,patient_age_in_months}', '')::int AS patient_age_in_months,
  doc#>>'{fields,fever}' = 'yes' AS fever,
  NULLIF(doc#>>'{fields,fever_days}', '')::int AS fever_days,
  doc#>>'{fields,diarrhoea}' = 'yes' AS diarrhoea,
  NULLIF(doc#>>'{fields,diarrhoea_days}', '')::int AS diarrhoea_days,
  doc#>>'{fields,cough}' = 'yes' AS cough,
  doc#>>'{fields,fast_breathing}' = 'yes' AS fast_breathing,
  doc#>>'{fields,mrdt_result}' AS mrdt_result,
  doc#>>'{fields,muac_colour}' AS muac_colour,
  NULLIF(doc#>>'{fields,danger_signs}', '') AS danger_signs,
  NULLIF(doc#>>'{fields,treatment_given}', '') AS treatment_given,
  doc#>>'{fields,referred}' = 'yes' AS referred
FROM couchdb
WHERE doc->>'type' = 'data_record' AND doc->>'form' = 'assessment'`,
  ),
  formview(
    'immunization',
    'Immunization visits: vaccines given and whether the child is fully immunized.',
    ['couchdb'],
    `SELECT
  r.uuid, r.reported, r.reported_by, r.chw_area_uuid, r.branch_uuid,
  r.f->>'patient_id' AS patient_id,
  r.f->>'patient_uuid' AS patient_uuid,
  NULLIF(r.f->>'visit_date', '')::date AS visit_date,
  NULLIF(r.f->>'vaccines_given', '') AS vaccines_given,
  r.f->>'fully_immunized' = 'yes' AS fully_immunized
FROM (
  SELECT ${COMMON}, doc->'fields' AS f
  FROM couchdb
  WHERE doc->>'type' = 'data_record' AND doc->>'form' = 'immunization'
) r`,
  ),
  formview(
    'family_planning',
    'Family planning visits: method, new or continuing user, side effects, next refill.',
    ['couchdb'],
    `SELECT
  ${COMMON},
  doc#>>'{fields,patient_id}' AS patient_id,
  doc#>>'{fields,patient_uuid}' AS patient_uuid,
  doc#>>'{fields,fp_method}' AS fp_method,
  doc#>>'{fields,new_or_continuing}' AS new_or_continuing,
  doc#>>'{fields,side_effects}' = 'yes' AS side_effects,
  NULLIF(doc#>>'{fields,next_refill_date}', '')::date AS next_refill_date
FROM couchdb
WHERE doc->>'type' = 'data_record' AND doc->>'form' = 'family_planning'`,
  ),
  formview(
    'death_report',
    'Death reports: date, place, category (maternal, neonatal, child, adult), probable cause.',
    ['couchdb'],
    `SELECT
  ${COMMON},
  doc#>>'{fields,patient_id}' AS patient_id,
  doc#>>'{fields,patient_uuid}' AS patient_uuid,
  NULLIF(doc#>>'{fields,date_of_death}', '')::date AS date_of_death,
  doc#>>'{fields,place_of_death}' AS place_of_death,
  doc#>>'{fields,death_category}' AS death_category,
  doc#>>'{fields,probable_cause}' AS probable_cause
FROM couchdb
WHERE doc->>'type' = 'data_record' AND doc->>'form' = 'death_report'`,
  ),
  formview(
    'household_visit',
    'Household visits: household size, latrine, clean water and bednet use.',
    ['couchdb'],
    `SELECT
  ${COMMON},
  doc#>>'{fields,place_id}' AS place_id,
  NULLIF(doc#>>'{fields,visit_date}', '')::date AS visit_date,
  NULLIF(doc#>>'{fields,household_size}', '')::int AS household_size,
  doc#>>'{fields,has_latrine}' = 'yes' AS has_latrine,
  doc#>>'{fields,has_clean_water}' = 'yes' AS has_clean_water,
  doc#>>'{fields,uses_bednets}' = 'yes' AS uses_bednets
FROM couchdb
WHERE doc->>'type' = 'data_record' AND doc->>'form' = 'household_visit'`,
  ),
]
