/**
 * The JSON paths of every view and materialized view of the demo's couch2pg database, as the
 * analysis must find them in PostgreSQL's own printing of each definition (`pg_get_viewdef`):
 * space-separated, `doc.` left out (paths on another column keep it: `value.min`). Read against
 * the SQL of `src/main/engine/demo/sql/*.ts` by hand; an empty string: the view reads no JSON.
 */
export const DEMO_VIEW_JSON_PATHS: Readonly<Record<string, string>> = {
  contactview_chw: '',
  contactview_chw_hierarchy: '',
  contactview_clinic: '',
  contactview_clinic_person: '_id alternative_phone date_of_birth name parent._id phone type',
  contactview_hospital: '',
  contactview_household: '',
  contactview_metadata: '_id contact._id contact_type name notes parent._id reported_date type',
  contactview_person_age: '_id contact_type date_of_birth name parent._id sex type',
  contactview_person_fields: '_id alternative_phone date_of_birth parent._id phone type',
  contactview_user: '_id contact_id facility_id language name roles type',
  form_metadata: '_id contact._id contact.parent._id form reported_date type',
  formview_anc_visit:
    '_id contact._id contact.parent._id contact.parent.parent._id fields.attended_facility fields.danger_signs fields.iron_folate_given fields.patient_id fields.patient_uuid fields.visit_date fields.visit_number fields.weeks_pregnant form reported_date type',
  formview_assessment:
    '_id contact._id contact.parent._id contact.parent.parent._id fields.cough fields.danger_signs fields.diarrhoea fields.diarrhoea_days fields.fast_breathing fields.fever fields.fever_days fields.mrdt_result fields.muac_colour fields.patient_age_in_months fields.patient_id fields.patient_uuid fields.referred fields.treatment_given form reported_date type',
  formview_death_report:
    '_id contact._id contact.parent._id contact.parent.parent._id fields.date_of_death fields.death_category fields.patient_id fields.patient_uuid fields.place_of_death fields.probable_cause form reported_date type',
  formview_delivery:
    '_id contact.parent.parent._id fields.babies_alive fields.delivery_date fields.delivery_outcome fields.delivery_place fields.mother_outcome fields.patient_id fields.patient_uuid fields.skilled_attendant',
  formview_family_planning:
    '_id contact._id contact.parent._id contact.parent.parent._id fields.fp_method fields.new_or_continuing fields.next_refill_date fields.patient_id fields.patient_uuid fields.side_effects form reported_date type',
  formview_household_visit:
    '_id contact._id contact.parent._id contact.parent.parent._id fields.has_clean_water fields.has_latrine fields.household_size fields.place_id fields.uses_bednets fields.visit_date form reported_date type',
  formview_immunization:
    '_id contact._id contact.parent._id contact.parent.parent._id fields.fully_immunized fields.patient_id fields.patient_uuid fields.vaccines_given fields.visit_date form reported_date type',
  formview_pnc:
    '_id contact._id contact.parent._id contact.parent.parent._id fields.baby_danger_signs fields.breastfeeding fields.mother_danger_signs fields.patient_id fields.patient_uuid fields.pnc_visit_number fields.referred fields.visit_date form reported_date type',
  formview_pregnancy:
    '_id contact._id contact.parent._id contact.parent.parent._id fields.danger_signs fields.edd fields.gravida fields.lmp_date fields.parity fields.patient_id fields.patient_name fields.patient_uuid fields.risk_factors fields.weeks_pregnant form reported_date type',
  raw_contacts: 'type',
  useview_anc_coverage: '',
  useview_chw_activity: '',
  useview_dashboard_maternal: '',
  useview_deaths_monthly: '',
  useview_delivery_outcomes: '',
  useview_feedback:
    '_id info info.cause info.message meta.source meta.time meta.url meta.user.name type',
  useview_fp_current_users: '',
  useview_fp_users: '',
  useview_household_coverage: '',
  useview_iccm_monthly: '',
  useview_immunization_coverage: '',
  useview_monthly_visits_old: 'form reported_date type',
  useview_postnatal_followup: '',
  useview_pregnancy_visits: '',
  useview_pregnancy_visits_old: '_id fields.patient_id form reported_date type',
  useview_targets:
    '_id owner targets type updated_date user value.id value.value.pass value.value.total',
  useview_tasks:
    '_id authoredOn emission.dueDate emission.forId emission.title owner requester state type user',
  useview_telemetry:
    '_id dbInfo.doc_count metadata.day metadata.month metadata.user metadata.versions.app metadata.year metrics.boot_time.count metrics.boot_time.max metrics.boot_time.min type',
  useview_telemetry_devices:
    '_id dbInfo.doc_count device.deviceInfo.app.version device.deviceInfo.hardware.manufacturer device.deviceInfo.hardware.model device.deviceInfo.network.downSpeed device.deviceInfo.network.upSpeed device.deviceInfo.software.androidVersion device.deviceInfo.storage.free device.deviceInfo.storage.total device.userAgent metadata.day metadata.deviceId metadata.month metadata.user metadata.versions.app metadata.year type',
  useview_telemetry_metrics:
    '_id metadata.day metadata.deviceId metadata.month metadata.user metadata.versions.app metadata.year metrics type value.count value.max value.min value.sum value.sumsqr',
  useview_under5_assessments: '',
}

/**
 * The paths of the 3.5 variant's views where they differ: 3.5.1's metrics view reads each metric
 * by a key taken from the data (`doc->'metrics'->metric`), so the analysis sees `metrics.?`, and
 * `jsonb_to_record` reads the values with no JSON path at all.
 */
export const DEMO_VIEW_JSON_PATHS_3_5: Readonly<Record<string, string>> = {
  ...DEMO_VIEW_JSON_PATHS,
  useview_telemetry_metrics:
    '_id metadata.day metadata.deviceId metadata.month metadata.user metadata.versions.app metadata.year metrics metrics.? type',
}

/** `doc.`-prefixed paths of an entry, as the analysis stores them. */
export function expectedPaths(entry: string): string[] {
  return entry === '' ? [] : entry.split(' ').map((p) => (p.startsWith('value.') ? p : `doc.${p}`))
}
