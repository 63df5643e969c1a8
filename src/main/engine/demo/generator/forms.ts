import { DEMO_FORM_FIELDS, type DemoFieldSpec } from '../sql/form-fields'
import type { Prng } from './prng'

const DAY_MS = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)

export interface FormDef {
  /** The form code stored in `form` (`pregnancy`, or `V` for the SMS form). */
  code: string
  title: string
  /** Whom the report is about: a person (`patient_id`) or a place (`place_id`). */
  subject: 'person' | 'place'
  /** Submitted by SMS (`sms_message`) instead of the app's XML form. */
  sms: boolean
  /** Share of reports made with this form. */
  weight: number
  /** The `fields` of the form and how each is written (the formviews' contract). */
  fields: Readonly<Record<string, DemoFieldSpec>>
  /** The answer an edit changed: the revision before had another value here. */
  editKey: string
}

const META: Record<string, { title: string; weight: number }> = {
  assessment: { title: 'Under-5 assessment', weight: 20 },
  anc_visit: { title: 'Antenatal care visit', weight: 15 },
  immunization: { title: 'Immunization visit', weight: 12 },
  pregnancy: { title: 'Pregnancy registration', weight: 10 },
  pnc: { title: 'Postnatal care visit', weight: 10 },
  family_planning: { title: 'Family planning', weight: 10 },
  household_visit: { title: 'Household visit', weight: 8 },
  delivery: { title: 'Delivery', weight: 7 },
  death_report: { title: 'Death report', weight: 2 },
}

/** Fields filled from the subject of the report rather than drawn at random. */
const SUBJECT_FIELDS = new Set(['patient_id', 'patient_uuid', 'patient_name', 'place_id'])

const editKeyOf = (fields: Record<string, DemoFieldSpec>): string => {
  const entries = Object.entries(fields).filter(([name]) => !SUBJECT_FIELDS.has(name))
  const editable = entries.find(([, spec]) => spec.type === 'yes_no' || spec.type === 'code')
  return (editable ?? entries[0])![0]
}

const appForm = (code: string, fields: Record<string, DemoFieldSpec>): FormDef => ({
  code,
  title: META[code]?.title ?? code,
  subject: 'place_id' in fields ? 'place' : 'person',
  sms: false,
  weight: META[code]?.weight ?? 5,
  fields,
  editKey: editKeyOf(fields),
})

const SMS_VISIT: Record<string, DemoFieldSpec> = {
  patient_id: { type: 'text' },
  visit_type: { type: 'code', values: ['anc', 'pnc', 'imm'] },
}

/**
 * The forms of the demo deployment: the app forms whose `fields` the couch2pg formviews read
 * (`DEMO_FORM_FIELDS`, the contract with the demo SQL) and one SMS form, `V`.
 */
export const FORMS: readonly FormDef[] = [
  ...Object.entries(DEMO_FORM_FIELDS).map(([code, fields]) => appForm(code, fields)),
  {
    code: 'V',
    title: 'Visit (SMS)',
    subject: 'person',
    sms: true,
    weight: 6,
    fields: SMS_VISIT,
    editKey: 'visit_type',
  },
]

export const FORM_WEIGHTS = FORMS.map((form) => [form, form.weight] as const)

const CAUSES = ['malaria', 'pneumonia', 'haemorrhage', 'accident', 'unknown'] as const

/**
 * Draws the form's answers (all but the subject fields), written the way CHT stores them:
 * strings, dates as `YYYY-MM-DD`, several codes separated by spaces. Dates follow the report:
 * visits a few days before it, the LMP weeks before, the EDD and refills after.
 */
export function drawAnswers(form: FormDef, reported: number, prng: Prng): Record<string, unknown> {
  const answers: Record<string, unknown> = {}
  let lmp: number | null = null
  for (const [name, spec] of Object.entries(form.fields)) {
    if (SUBJECT_FIELDS.has(name)) continue
    switch (spec.type) {
      case 'date':
        if (name === 'lmp_date') lmp = reported - prng.int(4, 38) * 7 * DAY_MS
        answers[name] = iso(
          name === 'lmp_date'
            ? lmp!
            : name === 'edd' && lmp !== null
              ? lmp + 280 * DAY_MS
              : name.startsWith('next_')
                ? reported + prng.int(30, 90) * DAY_MS
                : reported - prng.int(0, 7) * DAY_MS,
        )
        break
      case 'integer': {
        const weeks = Math.floor((reported - (lmp ?? reported)) / (7 * DAY_MS))
        const value =
          name === 'weeks_pregnant' && lmp !== null
            ? Math.min(spec.max, Math.max(spec.min, weeks))
            : prng.int(spec.min, spec.max)
        answers[name] = String(value)
        break
      }
      case 'yes_no':
        answers[name] = prng.chance(name === 'referred' ? 0.15 : 0.5) ? 'yes' : 'no'
        break
      case 'code':
        answers[name] = prng.pick(spec.values)
        break
      case 'codes':
        answers[name] = prng.chance(0.6)
          ? ''
          : [...new Set([prng.pick(spec.values), prng.pick(spec.values)])].join(' ')
        break
      case 'uuid':
        answers[name] = prng.uuid()
        break
      case 'text':
        answers[name] = prng.pick(CAUSES)
        break
    }
  }
  return answers
}

/** The value an edited answer had in the revision before, still valid for its type. */
export function earlierAnswer(spec: DemoFieldSpec | undefined, value: unknown): unknown {
  const text = String(value ?? '')
  switch (spec?.type) {
    case 'yes_no':
      return text === 'yes' ? 'no' : 'yes'
    case 'code':
      return spec.values[(spec.values.indexOf(text) + 1) % spec.values.length]
    case 'codes':
      return text === '' ? spec.values[0] : ''
    case 'integer': {
      const n = Number(text)
      return String(n > spec.min ? n - 1 : n + 1)
    }
    case 'date':
      return iso(Date.parse(text) - DAY_MS)
    default:
      return `${text} (draft)`
  }
}
