/**
 * A small, hand-made CHT deployment (reference 6.2) for the layout tests: one branch, two CHW
 * areas, three households, people of every role, reports of every demo form, tasks, a target,
 * settings, users, a sentinel info doc and users-meta feedback and telemetry.
 */
type Doc = Record<string, unknown> & { _id: string }

const ms = (iso: string) => Date.parse(iso)

/** CHT's minified lineage: `{ _id, parent: { _id, parent: … } }`. */
export function lineage(...ids: string[]): Record<string, unknown> | undefined {
  const [first, ...rest] = ids
  if (!first) return undefined
  const parent = lineage(...rest)
  return parent ? { _id: first, parent } : { _id: first }
}

const contact = (id: string, type: string, name: string, extra: Record<string, unknown>): Doc => ({
  _id: id,
  _rev: '1-c0ffee',
  type,
  name,
  reported_date: ms('2024-10-01T08:00:00Z'),
  ...extra,
})

const person = (id: string, name: string, parents: string[], extra: Record<string, unknown>) =>
  contact(id, 'person', name, { parent: lineage(...parents), ...extra })

export const CONTACTS: Doc[] = [
  contact('dh-1', 'district_hospital', 'Kisumu Branch', {}),
  contact('hc-1', 'health_center', 'Kolwa Area', {
    parent: lineage('dh-1'),
    contact: lineage('chw-1', 'hc-1', 'dh-1'),
  }),
  contact('hc-2', 'health_center', 'Manyatta Area', {
    parent: lineage('dh-1'),
    contact: lineage('chw-2', 'hc-2', 'dh-1'),
  }),
  person('chw-1', 'Akinyi Otieno', ['hc-1', 'dh-1'], {
    sex: 'female',
    date_of_birth: '1990-03-14',
    phone: '+254700111001',
    alternative_phone: '+254733111001',
  }),
  person('chw-2', 'Brian Ouma', ['hc-2', 'dh-1'], {
    sex: 'male',
    date_of_birth: '1987-07-02',
    phone: '+254700111002',
  }),
  contact('hh-1', 'clinic', 'Odhiambo Family', {
    parent: lineage('hc-1', 'dh-1'),
    contact: lineage('woman-1', 'hh-1', 'hc-1', 'dh-1'),
  }),
  contact('hh-2', 'clinic', 'Wanjiru Family', {
    parent: lineage('hc-1', 'dh-1'),
    contact: lineage('man-2', 'hh-2', 'hc-1', 'dh-1'),
  }),
  contact('hh-3', 'clinic', 'Achieng Family', {
    parent: lineage('hc-2', 'dh-1'),
    contact: lineage('woman-3', 'hh-3', 'hc-2', 'dh-1'),
  }),
  person('woman-1', 'Grace Odhiambo', ['hh-1', 'hc-1', 'dh-1'], {
    sex: 'female',
    date_of_birth: '1998-04-12',
    patient_id: '10001',
    phone: '+254711000001',
  }),
  person('child-1', 'Baby Odhiambo', ['hh-1', 'hc-1', 'dh-1'], {
    sex: 'male',
    date_of_birth: '2024-08-01',
    patient_id: '10002',
  }),
  person('man-2', 'Peter Wanjiru', ['hh-2', 'hc-1', 'dh-1'], {
    sex: 'male',
    date_of_birth: '1985-02-20',
  }),
  person('woman-3', 'Mary Achieng', ['hh-3', 'hc-2', 'dh-1'], {
    sex: 'female',
    date_of_birth: '1995-09-30',
    patient_id: '10004',
    muted: '',
  }),
  // Configurable hierarchy (CHT >= 3.7): type `contact` with a `contact_type`.
  contact('sup-1', 'contact', 'Nekesa Wafula', {
    contact_type: 'chw',
    parent: lineage('hc-2', 'dh-1'),
    sex: 'female',
    patient_id: '10009',
  }),
  contact('grp-1', 'contact', 'Manyatta Mothers Group', {
    contact_type: 'community_group',
    parent: lineage('hc-2', 'dh-1'),
    is_active: true,
  }),
]

const CHW_OF: Record<string, string[]> = {
  'chw-1': ['chw-1', 'hc-1', 'dh-1'],
  'chw-2': ['chw-2', 'hc-2', 'dh-1'],
}

let reportCount = 0
const report = (form: string, by: string, at: string, fields: Record<string, unknown>): Doc => ({
  _id: `r-${form}-${++reportCount}`,
  _rev: '1-a11ce',
  type: 'data_record',
  form,
  content_type: 'xml',
  reported_date: ms(at),
  contact: lineage(...(CHW_OF[by] ?? [by])),
  from: by === 'chw-1' ? '+254700111001' : '+254700111002',
  fields,
})

const woman1 = { patient_id: '10001', patient_uuid: 'woman-1' }
const woman3 = { patient_id: '10004', patient_uuid: 'woman-3' }
const child1 = { patient_id: '10002', patient_uuid: 'child-1' }
const anc = (at: string, visit: number, danger = '') =>
  report('anc_visit', 'chw-1', `${at}T09:00:00Z`, {
    ...woman1,
    visit_date: at,
    weeks_pregnant: String(9 + visit * 4),
    visit_number: String(visit),
    attended_facility: visit === 1 ? 'yes' : 'no',
    danger_signs: danger,
    iron_folate_given: 'yes',
  })

export const REPORTS: Doc[] = [
  report('pregnancy', 'chw-1', '2025-01-10T09:00:00Z', {
    ...woman1,
    patient_name: 'Grace Odhiambo',
    lmp_date: '2024-11-20',
    edd: '2025-08-27',
    weeks_pregnant: '7',
    gravida: '2',
    parity: '1',
    risk_factors: 'previous_miscarriage',
    danger_signs: '',
  }),
  report('pregnancy', 'chw-2', '2025-01-20T09:00:00Z', {
    ...woman3,
    patient_name: 'Mary Achieng',
    lmp_date: '2024-12-01',
    edd: '2025-09-07',
    weeks_pregnant: '7',
    gravida: '1',
    parity: '0',
    risk_factors: 'first_pregnancy',
    danger_signs: 'bleeding',
  }),
  anc('2025-01-25', 1),
  anc('2025-02-20', 2),
  anc('2025-03-15', 3),
  anc('2025-04-10', 4, 'fever'),
  report('anc_visit', 'chw-2', '2025-02-05T09:00:00Z', {
    ...woman3,
    visit_date: '2025-02-05',
    weeks_pregnant: '9',
    visit_number: '1',
    attended_facility: 'yes',
    danger_signs: '',
    iron_folate_given: 'no',
  }),
  report('delivery', 'chw-1', '2025-08-21T09:00:00Z', {
    ...woman1,
    delivery_date: '2025-08-20',
    delivery_place: 'health_facility',
    delivery_outcome: 'live_birth',
    babies_alive: '1',
    skilled_attendant: 'yes',
    mother_outcome: 'alive_well',
  }),
  report('pnc', 'chw-1', '2025-08-22T09:00:00Z', {
    ...woman1,
    visit_date: '2025-08-22',
    pnc_visit_number: '1',
    mother_danger_signs: 'fever',
    baby_danger_signs: 'jaundice',
    breastfeeding: 'yes',
    referred: 'no',
  }),
  report('assessment', 'chw-1', '2025-02-05T10:00:00Z', {
    ...child1,
    patient_age_in_months: '6',
    fever: 'yes',
    fever_days: '2',
    diarrhoea: 'yes',
    diarrhoea_days: '1',
    cough: 'yes',
    fast_breathing: 'yes',
    mrdt_result: 'positive',
    muac_colour: 'green',
    danger_signs: 'lethargic',
    treatment_given: 'act ors zinc amoxicillin',
    referred: 'yes',
  }),
  report('immunization', 'chw-1', '2025-01-15T09:00:00Z', {
    ...child1,
    visit_date: '2025-01-15',
    vaccines_given: 'penta3 pcv1',
    fully_immunized: 'no',
  }),
  report('family_planning', 'chw-2', '2025-03-01T09:00:00Z', {
    ...woman3,
    fp_method: 'pills',
    new_or_continuing: 'new',
    side_effects: 'no',
    next_refill_date: '2025-04-01',
  }),
  report('death_report', 'chw-1', '2025-03-20T09:00:00Z', {
    patient_id: 'man-2',
    patient_uuid: 'man-2',
    date_of_death: '2025-03-18',
    place_of_death: 'home',
    death_category: 'adult',
    probable_cause: 'road accident',
  }),
  ...(
    [
      ['hh-1', 'chw-1', '2025-02-01', '2'],
      ['hh-3', 'chw-2', '2025-02-10', '1'],
    ] as const
  ).map(([place, by, at, size]) =>
    report('household_visit', by, `${at}T11:00:00Z`, {
      place_id: place,
      visit_date: at,
      household_size: size,
      has_latrine: 'yes',
      has_clean_water: place === 'hh-1' ? 'yes' : 'no',
      uses_bednets: 'yes',
    }),
  ),
  // An SMS report: no form code, no submitter contact.
  {
    _id: 'r-sms-1',
    _rev: '1-5e5',
    type: 'data_record',
    from: '+254700999000',
    sms_message: { message: 'HELP', from: '+254700999000' },
    reported_date: ms('2025-02-11T06:30:00Z'),
  },
]

const task = (n: number, state: string, due: string): Doc => ({
  _id: `task~org.couchdb.user:chw1~woman-1~anc-${n}`,
  _rev: '1-7a5c',
  type: 'task',
  user: 'org.couchdb.user:chw1',
  owner: 'woman-1',
  requester: 'woman-1',
  state,
  authoredOn: ms('2025-02-01T00:00:00Z'),
  stateHistory: [{ state, timestamp: ms('2025-02-01T00:00:00Z') }],
  emission: { _id: `anc-${n}`, title: 'task.anc.visit', forId: 'woman-1', dueDate: due },
})

export const OTHER_MEDIC_DOCS: Doc[] = [
  {
    _id: 'settings',
    _rev: '12-5e77',
    settings: {
      locale: 'en',
      contact_types: [
        { id: 'district_hospital', name_key: 'contact.type.district_hospital' },
        { id: 'health_center', parents: ['district_hospital'] },
        { id: 'clinic', parents: ['health_center'] },
        { id: 'person', parents: ['district_hospital', 'health_center', 'clinic'], person: true },
        { id: 'chw', parents: ['health_center'], person: true },
      ],
    },
  },
  ...['chw1', 'chw2'].map((name, i) => ({
    _id: `org.couchdb.user:${name}`,
    _rev: '3-u5e',
    type: 'user-settings',
    name,
    contact_id: `chw-${i + 1}`,
    facility_id: `hc-${i + 1}`,
    language: 'en',
    roles: ['chw'],
    known: true,
  })),
  {
    _id: 'form:pregnancy',
    _rev: '4-f0',
    type: 'form',
    internalId: 'pregnancy',
    title: 'Pregnancy',
  },
  task(1, 'Completed', '2025-02-20'),
  task(2, 'Ready', '2025-02-25'),
  {
    _id: 'target~2025-02~chw-1~org.couchdb.user:chw1',
    _rev: '2-7a6',
    type: 'target',
    user: 'org.couchdb.user:chw1',
    owner: 'chw-1',
    updated_date: ms('2025-02-28T18:00:00Z'),
    targets: [
      { id: 'anc-visits', value: { pass: 1, total: 1 } },
      { id: 'assessments', value: { pass: 1, total: 1 } },
    ],
  },
]

/** medic-sentinel: one info doc. couch2pg puts it in `couchdb` with the medic documents. */
export const SENTINEL_DOCS: Doc[] = [
  {
    _id: 'r-pregnancy-1-info',
    _rev: '1-1f0',
    type: 'info',
    doc_id: 'r-pregnancy-1',
    initial_replication_date: '2025-01-10T09:00:05.000Z',
    latest_replication_date: '2025-01-10T09:00:05.000Z',
    transitions: { update_clinics: { ok: true, seq: '812-g1AAAA', last_rev: '1-a11ce' } },
  },
]

const telemetry = (id: string, metadata: Record<string, unknown>, device: string): Doc => ({
  _id: id,
  _rev: '1-7e1',
  type: 'telemetry',
  metadata: { user: 'chw1', deviceId: device, ...metadata },
  metrics: {
    boot_time: { min: 2100, max: 5400, sum: 15300, count: 4, sumsqr: 65000000 },
    'search:contacts': { min: 80, max: 310, sum: 900, count: 5, sumsqr: 190000 },
  },
  device: {
    userAgent: 'Mozilla/5.0 (Linux; Android 9) CHT',
    deviceInfo: {
      app: { version: 'v1.0.4-4' },
      software: { androidVersion: '9' },
      hardware: { manufacturer: 'TECNO', model: 'KC8' },
      storage: { free: 2147483648, total: 16106127360 },
      network: { upSpeed: 2048, downSpeed: 8192 },
    },
  },
  dbInfo: { doc_count: 1234 },
})

export const USERS_META_DOCS: Doc[] = [
  {
    _id: 'feedback-2025-02-03T10:00:00.000Z-9c1f',
    _rev: '1-fb',
    type: 'feedback',
    meta: {
      source: 'automatic',
      url: 'https://cht.example.org/#/reports',
      user: { name: 'chw1' },
      time: '2025-02-03T10:00:00.000Z',
      version: '4.5.0',
    },
    info: { message: 'TypeError: cannot read properties of undefined', cause: 'ReferenceError' },
  },
  // App 3.7: monthly telemetry, zero-based month (0 = January), no day.
  telemetry(
    'telemetry-2021-0-chw1-dev-1',
    { year: 2021, month: 0, versions: { app: '3.7.1' } },
    'dev-1',
  ),
  telemetry(
    'telemetry-2025-2-17-chw1-dev-2',
    { year: 2025, month: 2, day: 17, versions: { app: '4.5.0' } },
    'dev-2',
  ),
]

export const LOGS_DOCS: Doc[] = [
  {
    _id: 'connected-user-chw1',
    _rev: '9-10g',
    user: 'chw1',
    timestamp: ms('2025-03-01T08:00:00Z'),
  },
]

export const USERS_DOCS: Doc[] = [
  { _id: 'org.couchdb.user:chw1', _rev: '2-u', type: 'user', name: 'chw1', roles: ['chw'] },
  { _id: 'org.couchdb.user:chw2', _rev: '2-u', type: 'user', name: 'chw2', roles: ['chw'] },
]

/** Every document of the medic database. */
export const MEDIC_DOCS: Doc[] = [...CONTACTS, ...REPORTS, ...OTHER_MEDIC_DOCS]

export type { Doc as FixtureDoc }
