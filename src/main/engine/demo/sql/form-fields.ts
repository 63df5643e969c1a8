/**
 * How one `fields` value of a demo report is written. CHT stores form answers as strings:
 * `date` is `YYYY-MM-DD`, `integer` a decimal string (a JSON number works too), `yes_no` is
 * `yes` or `no`, `code` one of `values`, `codes` several of them separated by single spaces (or
 * `''` for none), `uuid` a contact `_id`, `text` free text. The formviews cast dates and integers
 * with `NULLIF(…, '')::date` / `::int`: anything else fails the view, as it would in a real
 * deployment.
 */
export type DemoFieldSpec =
  | { type: 'text' }
  | { type: 'uuid' }
  | { type: 'date' }
  | { type: 'yes_no' }
  | { type: 'integer'; min: number; max: number }
  | { type: 'code'; values: readonly string[] }
  | { type: 'codes'; values: readonly string[] }

const text = { type: 'text' } as const
const uuid = { type: 'uuid' } as const
const date = { type: 'date' } as const
const yesNo = { type: 'yes_no' } as const
const int = (min: number, max: number) => ({ type: 'integer', min, max }) as const
const code = (...values: string[]) => ({ type: 'code', values }) as const
const codes = (...values: string[]) => ({ type: 'codes', values }) as const

/** Who a report is about: a person by shortcode and `_id` (CHT writes both). */
const patient = { patient_id: text, patient_uuid: uuid } as const

const DANGER_SIGNS = codes('bleeding', 'fever', 'severe_headache', 'blurred_vision', 'convulsions')

/**
 * The report forms of the demo deployment and the `fields` each formview reads.
 *
 * This is the contract between the demo data generator and the custom couch2pg views: a
 * `data_record` with `form: '<key>'` should carry these `fields` (every formview column of the same
 * name reads `doc.fields.<name>`), plus the usual `contact` (the CHW, minified with its parent
 * chain) and `reported_date` in milliseconds. `household_visit` is about a place (`place_id`, the
 * household's `_id`); every other form is about a person.
 */
export const DEMO_FORM_FIELDS = {
  pregnancy: {
    ...patient,
    patient_name: text,
    lmp_date: date,
    edd: date,
    weeks_pregnant: int(4, 40),
    gravida: int(1, 10),
    parity: int(0, 9),
    risk_factors: codes('first_pregnancy', 'age_over_35', 'previous_miscarriage', 'hiv_positive'),
    danger_signs: DANGER_SIGNS,
  },
  anc_visit: {
    ...patient,
    visit_date: date,
    weeks_pregnant: int(6, 42),
    visit_number: int(1, 8),
    attended_facility: yesNo,
    danger_signs: DANGER_SIGNS,
    iron_folate_given: yesNo,
  },
  delivery: {
    ...patient,
    delivery_date: date,
    delivery_place: code('health_facility', 'home', 'other'),
    delivery_outcome: code('live_birth', 'still_birth', 'miscarriage'),
    babies_alive: int(0, 3),
    skilled_attendant: yesNo,
    mother_outcome: code('alive_well', 'alive_unwell', 'deceased'),
  },
  pnc: {
    ...patient,
    visit_date: date,
    pnc_visit_number: int(1, 4),
    mother_danger_signs: codes('bleeding', 'fever', 'foul_discharge', 'convulsions'),
    baby_danger_signs: codes('not_feeding', 'fever', 'fast_breathing', 'jaundice'),
    breastfeeding: yesNo,
    referred: yesNo,
  },
  assessment: {
    ...patient,
    patient_age_in_months: int(0, 59),
    fever: yesNo,
    fever_days: int(0, 14),
    diarrhoea: yesNo,
    diarrhoea_days: int(0, 14),
    cough: yesNo,
    fast_breathing: yesNo,
    mrdt_result: code('positive', 'negative', 'not_done'),
    muac_colour: code('green', 'yellow', 'red'),
    danger_signs: codes('unable_to_drink', 'vomits_everything', 'convulsions', 'lethargic'),
    treatment_given: codes('act', 'ors', 'zinc', 'amoxicillin', 'paracetamol'),
    referred: yesNo,
  },
  immunization: {
    ...patient,
    visit_date: date,
    vaccines_given: codes('bcg', 'opv0', 'opv1', 'penta1', 'penta2', 'penta3', 'pcv1', 'measles1'),
    fully_immunized: yesNo,
  },
  family_planning: {
    ...patient,
    fp_method: code('pills', 'injectable', 'implant', 'iucd', 'condoms', 'none'),
    new_or_continuing: code('new', 'continuing'),
    side_effects: yesNo,
    next_refill_date: date,
  },
  death_report: {
    ...patient,
    date_of_death: date,
    place_of_death: code('health_facility', 'home', 'other'),
    death_category: code('maternal', 'neonatal', 'child', 'adult'),
    probable_cause: text,
  },
  household_visit: {
    place_id: uuid,
    visit_date: date,
    household_size: int(1, 15),
    has_latrine: yesNo,
    has_clean_water: yesNo,
    uses_bednets: yesNo,
  },
} as const satisfies Record<string, Record<string, DemoFieldSpec>>

export type DemoForm = keyof typeof DEMO_FORM_FIELDS

/** The form codes, in the order their formviews are created. */
export const DEMO_FORMS = Object.keys(DEMO_FORM_FIELDS) as DemoForm[]
