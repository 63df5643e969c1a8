/**
 * The columns cht-pipeline's models are joined and looked up on: each model's `uuid`, the
 * contact hierarchy (`parent_uuid`, `grandparent_uuid`, `contact_uuid`, `contact_id`), the
 * subjects of reports (`patient_id`, `place_id`) and the form models' `reported_by` and
 * `reported_by_parent` (the `cht_form_model` macro). The base models index most of them; models
 * a deployment writes itself often do not.
 */
export const JOIN_KEYS = [
  'uuid',
  'parent_uuid',
  'grandparent_uuid',
  'contact_uuid',
  'contact_id',
  'patient_id',
  'place_id',
  'reported_by',
  'reported_by_parent',
] as const
