import { describe, expect, it } from 'vitest'
import { mapObjects } from '../../../../../src/main/engine/inventory/mapping/map-objects'
import { PIPELINE_MODEL_NAMES } from '../../../../../src/shared/inventory/cht-pipeline-models'
import {
  objectMappingSchema,
  type InventoryObject,
} from '../../../../../src/shared/results/inventory-result'
import {
  couchdbTable,
  filter,
  fn,
  formview,
  makeObject,
  matview,
  table,
  view,
} from '../../../../support/inventory-objects'

const mapOf = (objects: InventoryObject[], key: string) => {
  const mapping = mapObjects(objects).get(key)
  if (!mapping) throw new Error(`no mapping for ${key}`)
  return mapping
}

const PREGNANCY_FIELDS = ['lmp_date', 'edd', 'gravida', 'parity', 'risk_factors']

describe('mapObjects: which objects get a mapping', () => {
  it('maps tables, views, matviews, functions and procedures, and omits the rest', () => {
    const objects = [
      couchdbTable(),
      makeObject('index', 'couchdb_doc_uuid', { origin: 'couch2pg' }),
      makeObject('trigger', 't'),
      makeObject('sequence', 's'),
      makeObject('extension', 'pg_stat_statements'),
      makeObject('procedure', 'p', { args: '' }),
      formview('pregnancy', PREGNANCY_FIELDS),
    ]
    const mappings = mapObjects(objects)
    expect([...mappings.keys()].sort()).toEqual([
      'procedure:public.p()',
      'table:public.couchdb',
      'view:public.formview_pregnancy',
    ])
    for (const m of mappings.values()) {
      expect(objectMappingSchema.parse(m)).toEqual(m)
      for (const model of m.models) expect(PIPELINE_MODEL_NAMES).toContain(model)
    }
  })
})

describe('mapObjects: couch2pg objects (reference 7)', () => {
  const couch2pg = [
    couchdbTable(),
    table('couchdb_progress', { origin: 'couch2pg' }),
    table('couch2pg_migrations', { origin: 'couch2pg' }),
    view('raw_contacts', { origin: 'couch2pg' }),
    matview('contactview_metadata', { origin: 'couch2pg' }),
    matview('form_metadata', { origin: 'couch2pg' }),
    matview('useview_feedback', { origin: 'couch2pg' }),
    matview('useview_telemetry', { origin: 'couch2pg' }),
    matview('useview_telemetry_devices', { origin: 'couch2pg' }),
    matview('useview_telemetry_metrics', { origin: 'couch2pg' }),
    fn('refresh_matviews', { origin: 'couch2pg', args: '', language: 'plpgsql' }),
  ]
  const mappings = mapObjects(couch2pg)
  const get = (key: string) => mappings.get(key)!

  it('maps each onto what replaces it', () => {
    expect(get('table:public.couchdb').models).toEqual(['document_metadata'])
    expect(get('table:public.couchdb').leftover).toMatch(/raw table.*_id.*saved_timestamp/)
    expect(get('table:public.couchdb_progress').models).toEqual([])
    expect(get('table:public.couchdb_progress').leftover).toMatch(/own progress/)
    expect(get('table:public.couch2pg_migrations').leftover).toMatch(/nothing to migrate/)
    expect(get('view:public.raw_contacts').models).toEqual(['contact'])
    expect(get('materialized_view:public.contactview_metadata').models).toEqual(['contact'])
    expect(get('materialized_view:public.form_metadata')).toMatchObject({
      models: ['data_record'],
      leftover: null,
    })
    expect(get('materialized_view:public.useview_feedback').models).toEqual(['feedback'])
    expect(get('materialized_view:public.useview_telemetry').models).toEqual(['telemetry'])
    expect(get('materialized_view:public.useview_telemetry_devices').models).toEqual([
      'telemetry_devices',
    ])
    expect(get('materialized_view:public.useview_telemetry_metrics')).toMatchObject({
      models: [],
      complexity: 'medium',
    })
    expect(get('function:public.refresh_matviews()').leftover).toMatch(/Nothing to migrate/)
  })

  it('does not rate couch2pg’s PL/pgSQL as work: it is replaced, not translated', () => {
    expect(get('function:public.refresh_matviews()').complexity).toBe('simple')
  })

  it('flags a couch2pg object someone changed', () => {
    const changed = matview('form_metadata', { origin: 'couch2pg' })
    changed.origin = { ...changed.origin, modified: true, note: 'adds a column `district`' }
    expect(mapOf([changed], changed.key)).toEqual({
      models: ['data_record'],
      forms: [],
      leftover:
        "It differs from couch2pg's definition (adds a column `district`): check that the replacement holds the change.",
      complexity: 'medium',
      reasons: [
        "couch2pg's own object: CHT Sync or cht-pipeline replaces it.",
        "Modified from couch2pg's definition.",
      ],
    })
  })

  it('maps a custom object that happens to bear a couch2pg name by what it reads', () => {
    const custom = matview('form_metadata', {
      analysis: { filters: [filter('type', 'feedback')], references: ['couchdb'] },
    })
    expect(mapOf([couchdbTable(), custom], custom.key).models).toEqual(['feedback'])
  })
})

describe('mapObjects: base models of custom objects', () => {
  it('maps a formview onto data_record with its form, and names the fields left over', () => {
    const pregnancy = formview('pregnancy', [...PREGNANCY_FIELDS, 'patient_id'])
    const m = mapOf([couchdbTable(), pregnancy], pregnancy.key)
    expect(m.models).toEqual(['data_record'])
    expect(m.forms).toEqual(['pregnancy'])
    // doc.fields.patient_id is data_record.patient_id; the five others are the form's own.
    expect(m.leftover).toBe(
      '5 form fields of pregnancy need a cht_form_model (edd, gravida, lmp_date and 2 more).',
    )
  })

  it('lists several forms, and covers doc.contact.parent.parent._id by grandparent_uuid', () => {
    const both = view('formview_visits', {
      dependsOn: ['table:public.couchdb'],
      analysis: {
        jsonPaths: ['doc.contact.parent.parent._id', 'doc.fields.a', 'doc.fields.b'],
        filters: [filter('form', 'pregnancy', 'anc_visit')],
      },
    })
    const m = mapOf([couchdbTable(), both], both.key)
    expect(m.forms).toEqual(['anc_visit', 'pregnancy'])
    expect(m.leftover).toBe(
      '2 form fields of anc_visit and pregnancy need a cht_form_model each (a and b).',
    )
  })

  it('maps contact types onto contact, with person, place and contact_type as read', () => {
    const chws = view('contactview_chw_custom', {
      dependsOn: ['table:public.couchdb'],
      analysis: {
        jsonPaths: ['doc._id', 'doc.name', 'doc.phone', 'doc.date_of_birth', 'doc.contact_type'],
        filters: [filter('type', 'person', 'contact')],
      },
    })
    const places = view('contactview_places', {
      dependsOn: ['table:public.couchdb'],
      analysis: { jsonPaths: ['doc.place_id'], filters: [filter('type', 'clinic')] },
    })
    const m = mapOf([couchdbTable(), chws, places], chws.key)
    expect(m.models).toEqual(['contact', 'contact_type', 'person'])
    expect(m.leftover).toBe('1 JSON path no base-model column covers: doc.date_of_birth.')
    expect(mapOf([couchdbTable(), places], places.key).models).toEqual(['contact', 'place'])
  })

  it('inherits contact from couch2pg’s contact views and from custom objects mapped onto it', () => {
    const metadata = matview('contactview_metadata', { origin: 'couch2pg' })
    const hierarchy = view('contactview_hierarchy', {
      dependsOn: [metadata.key],
      analysis: { references: ['contactview_metadata'] },
    })
    const scorecard = fn('get_scorecard', {
      args: 'date',
      dependsOn: [hierarchy.key],
      analysis: { references: ['contactview_hierarchy'] },
    })
    const mappings = mapObjects([scorecard, hierarchy, metadata])
    expect(mappings.get(hierarchy.key)!.models).toEqual(['contact'])
    expect(mappings.get(scorecard.key)!.models).toEqual(['contact'])
    expect(mappings.get(scorecard.key)!.leftover).toBeNull()
  })

  it('maps form_metadata readers onto data_record, and users-meta types onto their models', () => {
    const byMonth = view('useview_reports_by_month', {
      dependsOn: ['materialized_view:public.form_metadata'],
      analysis: { references: ['form_metadata'] },
    })
    const devices = view('useview_devices', {
      dependsOn: ['table:public.couchdb_users_meta'],
      analysis: {
        jsonPaths: ['doc.device.deviceInfo.hardware.model', 'doc.metadata.user'],
        filters: [filter('type', 'telemetry')],
      },
    })
    const users = view('useview_users', {
      dependsOn: ['table:public.couchdb'],
      analysis: { jsonPaths: ['doc.language'], filters: [filter('type', 'user-settings')] },
    })
    const objects = [
      matview('form_metadata', { origin: 'couch2pg' }),
      table('couchdb_users_meta', { origin: 'couch2pg' }),
      couchdbTable(),
      byMonth,
      devices,
      users,
    ]
    expect(mapOf(objects, byMonth.key).models).toEqual(['data_record'])
    expect(mapOf(objects, devices.key)).toMatchObject({
      models: ['telemetry', 'telemetry_devices'],
      leftover: null,
    })
    expect(mapOf(objects, users.key).models).toEqual(['user'])
  })

  it('maps a raw read with no type filter onto document_metadata', () => {
    const counts = view('useview_doc_counts', {
      dependsOn: ['table:public.couchdb'],
      analysis: { jsonPaths: ['doc.type'], references: ['couchdb'] },
    })
    const m = mapOf([couchdbTable(), counts], counts.key)
    expect(m).toMatchObject({ models: ['document_metadata'], forms: [], leftover: null })
  })

  it('reads the raw table for details of rows another object maps (no document_metadata)', () => {
    const metadata = matview('form_metadata', { origin: 'couch2pg' })
    const delivery = view('formview_delivery', {
      dependsOn: [metadata.key, 'table:public.couchdb'],
      analysis: {
        jsonPaths: ['doc.fields.babies_alive'],
        references: ['form_metadata', 'couchdb'],
      },
    })
    const m = mapOf([couchdbTable(), metadata, delivery], delivery.key)
    expect(m.models).toEqual(['data_record'])
    expect(m.leftover).toBe(
      '1 form field of forms it does not filter on needs a form model (babies_alive).',
    )
  })

  it('says which document types have no base model (tasks, targets)', () => {
    const tasks = view('useview_tasks', {
      dependsOn: ['table:public.couchdb'],
      analysis: {
        jsonPaths: ['doc.owner', 'doc.state', 'doc.emission.dueDate'],
        filters: [filter('type', 'task', 'target')],
      },
    })
    const m = mapOf([couchdbTable(), tasks], tasks.key)
    expect(m.models).toEqual(['document_metadata'])
    expect(m.leftover).toBe(
      "No base model holds `target` and `task` documents: read them from CHT Sync's raw table. " +
        '3 JSON paths no base-model column covers: doc.emission.dueDate, doc.owner and doc.state.',
    )
  })

  it('describes a custom table and an unreadable view instead of guessing', () => {
    const targets = table('population_targets', { columns: ['area', 'target'] })
    const hidden = view('secret_view', { unreadable: 'permission denied', analysis: null })
    const mappings = mapObjects([targets, hidden])
    expect(mappings.get(targets.key)).toMatchObject({ models: [], complexity: 'medium' })
    expect(mappings.get(targets.key)!.leftover).toMatch(/dbt seed/)
    expect(mappings.get(hidden.key)).toMatchObject({ models: [], complexity: 'significant' })
    expect(mappings.get(hidden.key)!.leftover).toMatch(/could not be read \(permission denied\)/)
  })

  it('ignores prototype names in filters and references', () => {
    const odd = view('odd', {
      analysis: { filters: [filter('type', 'constructor')], references: ['toString'] },
    })
    expect(mapOf([odd], odd.key)).toMatchObject({ models: [] })
  })

  it('keeps the leftover within a stored line however many paths there are', () => {
    const wide = formview(
      'household_survey',
      Array.from(
        { length: 400 },
        (_, i) => `question_${String(i).padStart(3, '0')}_${'x'.repeat(40)}`,
      ),
    )
    const m = mapOf([couchdbTable(), wide], wide.key)
    expect(m.leftover!.length).toBeLessThanOrEqual(1_000)
    expect(m.leftover).toMatch(/^400 form fields of household_survey .* and 397 more\)\.$/)
    expect(m.complexity).toBe('significant')
  })
})
