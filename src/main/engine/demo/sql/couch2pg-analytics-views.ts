import { functionEntry, indexEntry, matviewEntry, viewEntry } from './entries'
import type { DemoSqlObject } from './types'

const CONTACT_TYPES = "('contact', 'clinic', 'district_hospital', 'health_center', 'person')"

const metadataIndex = (suffix: string, column: string, unique = false) =>
  indexEntry(`contactview_metadata_${suffix}`, 'contactview_metadata', {
    definition: `(${column})`,
    unique,
    purpose: unique
      ? 'Unique contact id; lets refresh_matviews() refresh the view CONCURRENTLY.'
      : `Lookups of contacts by ${column}.`,
    readBy: unique ? 'couch2pg' : 'other view',
  })

const formMetadataIndex = (suffix: string, column: string, unique = false) =>
  indexEntry(`form_metadata_${suffix}`, 'form_metadata', {
    definition: `(${column})`,
    unique,
    purpose: unique
      ? 'Unique report id; lets refresh_matviews() refresh the view CONCURRENTLY.'
      : `Report lookups by ${column}.`,
    readBy: unique ? 'couch2pg' : 'dashboard',
  })

/**
 * The analytics objects cht-couch2pg's `libs/analytics` migrations leave (reference 1.5 b), in
 * their 3.7.0 shape: `raw_contacts`, `contactview_metadata` and the contact views built on it
 * (which hard-code the pre-3.7 type names, so they are empty for a deployment that only uses
 * configurable `contact` documents), `form_metadata` and `refresh_matviews()`.
 */
export const COUCH2PG_ANALYTICS_OBJECTS: readonly DemoSqlObject[] = [
  viewEntry('raw_contacts', {
    purpose: 'Contact documents of every hierarchy level, old and configurable types.',
    dependsOn: ['couchdb'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW raw_contacts AS
SELECT doc FROM couchdb WHERE doc->>'type' IN ${CONTACT_TYPES}`,
  }),
  matviewEntry('contactview_metadata', {
    purpose: 'One row per contact: name, type, contact_type, primary contact, parent, created.',
    dependsOn: ['raw_contacts'],
    readBy: 'other view',
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS contactview_metadata AS
SELECT
  c.doc->>'_id' AS uuid,
  c.doc->>'name' AS name,
  c.doc->>'type' AS type,
  c.doc->>'contact_type' AS contact_type,
  c.doc#>>'{contact,_id}' AS contact_uuid,
  c.doc#>>'{parent,_id}' AS parent_uuid,
  c.doc->>'notes' AS notes,
  to_timestamp(((c.doc->>'reported_date')::numeric / 1000)::double precision) AS reported
FROM raw_contacts c`,
  }),
  metadataIndex('uuid', 'uuid', true),
  metadataIndex('contact_uuid', 'contact_uuid'),
  metadataIndex('parent_uuid', 'parent_uuid'),
  metadataIndex('type', 'type'),
  viewEntry('contactview_hospital', {
    purpose: 'Branches (district hospitals): uuid and name.',
    dependsOn: ['contactview_metadata'],
    readBy: 'dashboard',
    sql: `CREATE OR REPLACE VIEW contactview_hospital AS
SELECT m.uuid, m.name FROM contactview_metadata m WHERE m.type = 'district_hospital'`,
  }),
  viewEntry('contactview_person_fields', {
    purpose: 'Phone numbers and date of birth of every person, with the type of their parent.',
    dependsOn: ['raw_contacts', 'contactview_metadata'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW contactview_person_fields AS
SELECT
  person.doc->>'_id' AS uuid,
  person.doc->>'phone' AS phone,
  person.doc->>'alternative_phone' AS phone2,
  person.doc->>'date_of_birth' AS date_of_birth,
  parent.type AS parent_type
FROM raw_contacts person
LEFT JOIN contactview_metadata parent ON parent.uuid = person.doc#>>'{parent,_id}'
WHERE person.doc->>'type' = 'person'`,
  }),
  viewEntry('contactview_chw', {
    purpose: 'CHWs (persons placed in a health centre) with their area and branch.',
    dependsOn: ['contactview_person_fields', 'contactview_metadata'],
    readBy: 'other view',
    sql: `CREATE OR REPLACE VIEW contactview_chw AS
SELECT
  chw.name,
  fields.uuid,
  fields.phone,
  fields.phone2,
  fields.date_of_birth,
  fields.parent_type,
  area.uuid AS area_uuid,
  area.parent_uuid AS branch_uuid
FROM contactview_person_fields fields
JOIN contactview_metadata chw ON chw.uuid = fields.uuid
JOIN contactview_metadata area ON area.uuid = chw.parent_uuid
WHERE fields.parent_type = 'health_center'`,
  }),
  viewEntry('contactview_clinic', {
    purpose: 'Families (clinics) with the CHW of their area and when they were registered.',
    dependsOn: ['contactview_metadata', 'contactview_chw'],
    readBy: 'dashboard',
    sql: `CREATE OR REPLACE VIEW contactview_clinic AS
SELECT family.uuid, family.name, chw.uuid AS chw_uuid, family.reported AS created
FROM contactview_metadata family
JOIN contactview_chw chw ON chw.area_uuid = family.parent_uuid
WHERE family.type = 'clinic'`,
  }),
  viewEntry('contactview_clinic_person', {
    purpose: 'Primary contacts of families, with their phone numbers and date of birth.',
    dependsOn: ['raw_contacts', 'contactview_metadata'],
    readBy: 'dashboard',
    sql: `CREATE OR REPLACE VIEW contactview_clinic_person AS
SELECT
  person.doc->>'_id' AS uuid,
  person.doc->>'name' AS name,
  person.doc->>'type' AS type,
  person.doc#>>'{parent,_id}' AS family_uuid,
  person.doc->>'phone' AS phone,
  person.doc->>'alternative_phone' AS phone2,
  person.doc->>'date_of_birth' AS date_of_birth,
  parent.type AS parent_type
FROM raw_contacts person
LEFT JOIN contactview_metadata parent ON parent.uuid = person.doc#>>'{parent,_id}'
WHERE person.doc->>'type' = 'person'
  AND person.doc->>'_id' IN (
    SELECT m.contact_uuid FROM contactview_metadata m WHERE m.type = 'clinic'
  )`,
  }),
  matviewEntry('form_metadata', {
    purpose: 'One row per form report: submitter, submitter area, form and time reported.',
    dependsOn: ['couchdb'],
    readBy: 'dashboard',
    // reported is a timestamp without time zone (UTC), unlike contactview_metadata.reported.
    sql: `CREATE MATERIALIZED VIEW IF NOT EXISTS form_metadata AS
SELECT
  doc->>'_id' AS uuid,
  doc#>>'{contact,_id}' AS chw,
  doc#>>'{contact,parent,_id}' AS chw_area,
  doc->>'form' AS formname,
  to_timestamp(((doc->>'reported_date')::numeric / 1000)::double precision)
    AT TIME ZONE 'UTC' AS reported
FROM couchdb
WHERE doc->>'type' = 'data_record' AND doc->>'form' IS NOT NULL`,
  }),
  formMetadataIndex('uuid', 'uuid', true),
  formMetadataIndex('chw', 'chw'),
  formMetadataIndex('reported', 'reported'),
  formMetadataIndex('formname', 'formname'),
  functionEntry('refresh_matviews', {
    purpose:
      'Called by couch2pg after each run with changes: refreshes every materialized view ' +
      'CONCURRENTLY, contactview_metadata first.',
    dependsOn: ['contactview_metadata'],
    readBy: 'couch2pg',
    // Every other materialized view is refreshed by a name read from pg_matviews at run time.
    parsesCleanly: false,
    sql: `CREATE OR REPLACE FUNCTION refresh_matviews() RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  view_name text;
BEGIN
  -- The contact views and most custom views read contactview_metadata: refresh it first.
  RAISE NOTICE 'Refreshing base metaviews';
  REFRESH MATERIALIZED VIEW CONCURRENTLY contactview_metadata;
  -- Every materialized view of every schema, by unqualified name: one without a unique index
  -- makes the whole refresh fail.
  FOR view_name IN
    SELECT mv.matviewname FROM pg_catalog.pg_matviews mv
    WHERE mv.matviewname <> 'contactview_metadata'
  LOOP
    RAISE NOTICE 'Refreshing %', view_name;
    EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %I', view_name);
  END LOOP;
  RETURN 1;
END
$fn$`,
  }),
]
