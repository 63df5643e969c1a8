import type { Body } from './revisions'
import { designBody } from './setup-docs'
import type { ChtDatabase } from './types'

/** A view whose map function is source text, as CouchDB stores it. */
const view = (map: string) => ({ map })

/**
 * The design documents CHT 4 installs in each database, with a few of their views. The bodies are
 * the demo's own (short map functions over the fields the demo's documents have); what matters
 * to the wizard is that they exist in CouchDB and, like any document, in both pipelines' copies.
 */
export function designDocs(time: number): { db: ChtDatabase; body: Body }[] {
  const medic = (name: string, views: Record<string, string>): { db: ChtDatabase; body: Body } => ({
    db: 'medic',
    body: {
      _id: `_design/${name}`,
      views: Object.fromEntries(Object.entries(views).map(([k, map]) => [k, view(map)])),
    },
  })
  return [
    { db: 'medic', body: designBody(time) },
    medic('medic-admin', {
      reports_by_form_and_parent:
        "function (doc) { if (doc.type === 'data_record' && doc.form && doc.contact) { emit([doc.form, doc.contact.parent && doc.contact.parent._id], doc.reported_date) } }",
    }),
    {
      db: 'medic',
      body: {
        ...medic('medic-client', {
          contacts_by_type:
            "function (doc) { if (doc.type === 'contact' || doc.type === 'person' || doc.type === 'clinic' || doc.type === 'health_center' || doc.type === 'district_hospital') { emit([doc.contact_type || doc.type], doc.name) } }",
          reports_by_form:
            "function (doc) { if (doc.type === 'data_record' && doc.form) { emit([doc.form], doc.reported_date) } }",
          doc_by_type: 'function (doc) { if (doc.type) { emit([doc.type]) } }',
        }).body,
        validate_doc_update:
          "function (newDoc, oldDoc, userCtx) { if (newDoc._deleted) { return } if (newDoc.type === 'data_record' && !newDoc.reported_date) { throw({ forbidden: 'reported_date is required' }) } }",
      },
    },
    medic('medic-conflicts', {
      conflicts: 'function (doc) { if (doc._conflicts) { emit(doc._conflicts.length) } }',
    }),
    medic('medic-scripts', {
      data_records_by_ancestor:
        "function (doc) { if (doc.type === 'data_record' && doc.contact) { var p = doc.contact.parent; while (p) { emit(p._id, doc.reported_date); p = p.parent } } }",
    }),
    {
      db: 'medic-sentinel',
      body: {
        _id: '_design/sentinel',
        views: {
          info_by_doc_id: view("function (doc) { if (doc.type === 'info') { emit(doc.doc_id) } }"),
        },
      },
    },
    {
      db: 'medic-users-meta',
      body: {
        _id: '_design/users-meta',
        views: {
          feedback: view(
            "function (doc) { if (doc.type === 'feedback') { emit([doc.meta && doc.meta.time]) } }",
          ),
        },
      },
    },
    {
      db: 'medic-logs',
      body: {
        _id: '_design/logs',
        views: {
          connected_users: view(
            "function (doc) { if (doc._id.indexOf('connected-user-') === 0) { emit(doc.timestamp, doc.user) } }",
          ),
          replication_limit: view(
            "function (doc) { if (doc._id.indexOf('replication-count-') === 0) { emit(doc.user, doc.count) } }",
          ),
        },
      },
    },
  ]
}

/** The revision before the current one (CHT 4.14's): an older build, or a view's older map. */
export function earlierDesignDoc(body: Body): Body {
  if ('build_info' in body) {
    const info = body.build_info as Record<string, unknown>
    return { ...body, build_info: { ...info, version: '4.14.0', base_version: '4.14.0' } }
  }
  const views = body.views as Record<string, { map: string }>
  const [first, ...rest] = Object.entries(views)
  if (!first) return body
  const older = { map: first[1].map.replace('function (doc) {', 'function(doc) {') }
  return { ...body, views: Object.fromEntries([[first[0], older], ...rest]) }
}

/** How many design documents `designDocs` gives. */
export const DESIGN_DOC_COUNT = 8
