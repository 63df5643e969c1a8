import { FORMS } from './forms'
import { CLASSIC_TYPES, CONFIGURABLE_TYPES } from './hierarchy'
import type { Body } from './revisions'

export const CHT_VERSION = '4.15.0'

const PARENTS: Record<string, string[]> = {
  district_hospital: [],
  health_center: ['district_hospital'],
  clinic: ['health_center'],
  person: ['district_hospital', 'health_center', 'clinic'],
  community_unit: ['health_center'],
  household: ['community_unit'],
  household_member: ['household'],
  chv: ['community_unit'],
}
const PERSON_TYPES = new Set(['person', 'household_member', 'chv'])

/**
 * The `settings` document: app settings, including `contact_types` (the classic types and the
 * configurable ones, `person: true` on people) that cht-pipeline's `contact_type` model reads.
 */
export function settingsBody(): Body {
  const contactTypes = [...CLASSIC_TYPES, ...CONFIGURABLE_TYPES].map((id) => ({
    id,
    name_key: `contact.type.${id}`,
    group_key: `contact.type.${id}.plural`,
    create_key: `contact.type.${id}.new`,
    edit_key: `contact.type.${id}.edit`,
    icon: `icon-${id.replace(/_/g, '-')}`,
    create_form: `form:contact:${id}:create`,
    edit_form: `form:contact:${id}:edit`,
    parents: PARENTS[id],
    ...(PERSON_TYPES.has(id) ? { person: true } : {}),
  }))
  return {
    _id: 'settings',
    settings: {
      locale: 'en',
      locale_outgoing: 'en',
      locales: [
        { code: 'en', name: 'English' },
        { code: 'sw', name: 'Kiswahili' },
      ],
      contact_types: contactTypes,
      roles: {
        chw: { name: 'usertype.chw', offline: true },
        chv: { name: 'usertype.chv', offline: true },
        chw_supervisor: { name: 'usertype.chw-supervisor', offline: true },
      },
      task_day_limit: 30,
      transitions: { update_clinics: true, generate_shortcode_on_contacts: true },
    },
  }
}

export function earlierSettings(body: Body): Body {
  const settings = body.settings as Record<string, unknown>
  return { ...body, settings: { ...settings, task_day_limit: 60 } }
}

/** `_design/medic` with the build information a wizard reads the CHT version from. */
export function designBody(time: number): Body {
  return {
    _id: '_design/medic',
    build_info: {
      application: 'medic',
      author: 'medic',
      base_version: CHT_VERSION,
      builder: 'medic',
      namespace: 'medic',
      time: new Date(time).toISOString(),
      version: CHT_VERSION,
    },
  }
}

/** The app form documents (`form:<code>`, `type: form`); SMS forms live in the settings. */
export function formBodies(time: number): Body[] {
  return FORMS.filter((form) => !form.sms).map((form) => ({
    _id: `form:${form.code}`,
    type: 'form',
    internalId: form.code,
    title: form.title,
    context: { person: form.subject === 'person', place: form.subject === 'place' },
    xmlVersion: { time, sha256: null },
  }))
}

export function earlierForm(body: Body): Body {
  return { ...body, title: `${String(body.title)} (draft)` }
}
