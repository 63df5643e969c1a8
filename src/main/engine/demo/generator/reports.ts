import { drawAnswers, earlierAnswer, FORMS, type FormDef } from './forms'
import { lineage, type DemoUser, type Hierarchy } from './hierarchy'
import type { Prng } from './prng'
import type { Body } from './revisions'

const FORMS_BY_CODE = new Map(FORMS.map((form) => [form.code, form]))

/**
 * A report (`type: data_record`) as CHT stores it: the submitter's minified `contact` with its
 * parent chain, `from` (the submitter's phone), the subject (`fields.patient_id` shortcode and
 * `fields.patient_uuid`, or `fields.place_id`) and the form's answers. App forms are
 * `content_type: xml`; the SMS form carries `sms_message` and only the subject's shortcode.
 */
export function reportBody(
  hierarchy: Hierarchy,
  user: DemoUser,
  form: FormDef,
  reported: number,
  prng: Prng,
): Body {
  const { nodes } = hierarchy
  const submitter = nodes[user.contact]!
  const subjectIndex = form.subject === 'place' ? prng.pick(user.places) : prng.pick(user.patients)
  const subject = nodes[subjectIndex]!
  const id = prng.uuid()
  const answers = drawAnswers(form, reported, prng)
  const from = submitter.phone ?? ''
  const contact = lineage(nodes, user.contact)
  if (form.sms) {
    return {
      _id: id,
      type: 'data_record',
      form: form.code,
      from,
      reported_date: reported,
      sms_message: {
        message: `${form.code} ${subject.shortcode} ${Object.values(answers).join(' ')}`,
        from,
        form: form.code,
        locale: 'en',
        gateway_ref: prng.uuid(),
        type: 'sms_message',
      },
      fields: { patient_id: subject.shortcode, ...answers },
      contact,
      errors: [],
      tasks: [],
    }
  }
  const subjectFields: Record<string, unknown> =
    form.subject === 'place'
      ? { place_id: subject.id }
      : { patient_id: subject.shortcode, patient_uuid: subject.id }
  if ('patient_name' in form.fields) subjectFields.patient_name = subject.name
  return {
    _id: id,
    type: 'data_record',
    form: form.code,
    content_type: 'xml',
    from,
    reported_date: reported,
    contact,
    hidden_fields: ['meta'],
    fields: {
      inputs: { source: 'user', contact: { _id: subject.id, name: subject.name } },
      ...subjectFields,
      ...answers,
      meta: { instanceID: `uuid:${prng.uuid()}` },
    },
    geolocation: {
      latitude: Math.round((-1.3 + prng.next()) * 1e5) / 1e5,
      longitude: Math.round((36.7 + prng.next()) * 1e5) / 1e5,
      accuracy: prng.int(3, 40),
    },
  }
}

/** The revision before an edit: the edited answer had another value. */
export function earlierReport(body: Body): Body {
  const form = FORMS_BY_CODE.get(String(body.form))
  const fields = body.fields as Record<string, unknown> | undefined
  if (!form || !fields) return body
  const value = earlierAnswer(form.fields[form.editKey], fields[form.editKey])
  return { ...body, fields: { ...fields, [form.editKey]: value } }
}
