import { functionEntry, indexEntry, matviewEntry, viewEntry } from './entries'
import type { DemoSqlObject } from './types'

// Written after the deployment moved some places to configurable `contact` documents: these
// views read COALESCE(contact_type, type), unlike couch2pg's own contactview_* views.
const typeOf = (alias: string) => `COALESCE(${alias}.contact_type, ${alias}.type)`

/**
 * The deployment's own contact views: people with their age, users with their contact, the CHW
 * hierarchy (area, CHW, branch) and households with member counts, plus the `age_in_months()`
 * helper the age columns use.
 */
export const CUSTOM_CONTACT_OBJECTS: readonly DemoSqlObject[] = [
  functionEntry('age_in_months', {
    purpose: 'Whole months between a date of birth and a date; used for under-1 and under-5.',
    dependsOn: [],
    readBy: 'other view',
    sql: `CREATE OR REPLACE FUNCTION age_in_months(date_of_birth date, on_date date)
RETURNS integer
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT (extract(year FROM age(on_date, date_of_birth)) * 12
    + extract(month FROM age(on_date, date_of_birth)))::int
$fn$`,
  }),
  viewEntry('contactview_person_age', {
    purpose: 'Every person with household, sex, date of birth and age today.',
    dependsOn: ['raw_contacts', 'age_in_months'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW contactview_person_age AS
SELECT
  p.uuid, p.name, p.household_uuid, p.sex, p.date_of_birth,
  age_in_months(p.date_of_birth, current_date) AS age_months,
  age_in_months(p.date_of_birth, current_date) / 12 AS age_years
FROM (
  SELECT
    doc->>'_id' AS uuid,
    doc->>'name' AS name,
    doc#>>'{parent,_id}' AS household_uuid,
    doc->>'sex' AS sex,
    NULLIF(doc->>'date_of_birth', '')::date AS date_of_birth
  FROM raw_contacts
  WHERE COALESCE(doc->>'contact_type', doc->>'type') = 'person'
) p`,
  }),
  viewEntry('contactview_user', {
    purpose: 'CHT users (user-settings documents) with the contact and facility they belong to.',
    dependsOn: ['couchdb'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW contactview_user AS
SELECT
  doc->>'_id' AS user_id,
  doc->>'name' AS username,
  doc->>'contact_id' AS contact_uuid,
  doc->>'facility_id' AS facility_uuid,
  doc->>'language' AS language,
  doc->'roles' AS roles
FROM couchdb
WHERE doc->>'type' = 'user-settings'`,
  }),
  viewEntry('contactview_chw_hierarchy', {
    purpose: 'One row per CHW area: its CHW (primary contact), phone, and branch.',
    dependsOn: ['contactview_metadata', 'contactview_person_fields'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW contactview_chw_hierarchy AS
SELECT
  area.uuid AS area_uuid,
  area.name AS area_name,
  chw.uuid AS chw_uuid,
  chw.name AS chw_name,
  chw_fields.phone AS chw_phone,
  branch.uuid AS branch_uuid,
  branch.name AS branch_name
FROM contactview_metadata area
LEFT JOIN contactview_metadata chw ON chw.uuid = area.contact_uuid
LEFT JOIN contactview_person_fields chw_fields ON chw_fields.uuid = chw.uuid
LEFT JOIN contactview_metadata branch ON branch.uuid = area.parent_uuid
WHERE ${typeOf('area')} = 'health_center'`,
  }),
  matviewEntry('contactview_household', {
    purpose: 'Households with their area, head, members, under-5s and women aged 15-49.',
    dependsOn: ['contactview_metadata', 'contactview_person_age'],
    readBy: 'other view',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS contactview_household AS
SELECT
  hh.uuid,
  hh.name,
  hh.parent_uuid AS area_uuid,
  hh.contact_uuid AS head_uuid,
  hh.reported AS registered,
  count(member.uuid) AS members,
  count(member.uuid) FILTER (WHERE member.age_years < 5) AS under5_members,
  count(member.uuid) FILTER (
    WHERE member.sex = 'female' AND member.age_years BETWEEN 15 AND 49
  ) AS women_15_49
FROM contactview_metadata hh
LEFT JOIN contactview_person_age member ON member.household_uuid = hh.uuid
WHERE ${typeOf('hh')} IN ('clinic', 'household')
GROUP BY hh.uuid, hh.name, hh.parent_uuid, hh.contact_uuid, hh.reported`,
  }),
  indexEntry('contactview_household_uuid', 'contactview_household', {
    definition: '(uuid)',
    unique: true,
    purpose: 'One row per household; added so refresh_matviews() stops failing.',
    readBy: 'couch2pg',
  }),
  indexEntry('contactview_household_area_uuid', 'contactview_household', {
    definition: '(area_uuid)',
    purpose: 'Households of an area, for the coverage view.',
    readBy: 'other view',
  }),
]

/**
 * Indexes the deployment added on the raw tables, created with couch2pg's own after the bulk
 * load: expression indexes for the formviews' filters and joins, one nobody uses any more, and
 * the id and type indexes couch2pg never put on `couchdb_users_meta`.
 */
export const CUSTOM_TABLE_INDEXES: readonly DemoSqlObject[] = [
  indexEntry('couchdb_doc_form', 'couchdb', {
    definition: "((doc->>'form')) WHERE doc->>'type' = 'data_record'",
    purpose: 'Reports by form code: the filter of every formview.',
    readBy: 'other view',
    phase: 'indexes',
  }),
  indexEntry('couchdb_doc_patient_uuid', 'couchdb', {
    definition: "((doc#>>'{fields,patient_uuid}')) WHERE doc->>'type' = 'data_record'",
    purpose: 'Reports by patient, for the visit joins of the maternal views.',
    readBy: 'other view',
    phase: 'indexes',
  }),
  indexEntry('couchdb_doc_contact_type', 'couchdb', {
    definition: "((COALESCE(doc->>'contact_type', doc->>'type')))",
    purpose: 'Contacts by configurable type.',
    readBy: 'other view',
    phase: 'indexes',
  }),
  indexEntry('couchdb_doc_reported_date', 'couchdb', {
    definition: "(((doc->>'reported_date')::bigint))",
    purpose: 'Reported date in ms, for an export script that was retired in 2022.',
    readBy: 'nobody',
    phase: 'indexes',
  }),
  indexEntry('couchdb_users_meta_doc_id', 'couchdb_users_meta', {
    definition: "((doc->>'_id'))",
    unique: true,
    purpose: 'Document id: couch2pg deletes changed documents by id, slow without it.',
    readBy: 'couch2pg',
    phase: 'indexes',
  }),
  indexEntry('couchdb_users_meta_doc_type', 'couchdb_users_meta', {
    definition: "((doc->>'type'))",
    purpose: 'Feedback vs telemetry, the filter of the users-meta views.',
    readBy: 'other view',
    phase: 'indexes',
  }),
]
