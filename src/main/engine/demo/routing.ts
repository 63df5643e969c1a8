import type { Discrepancy } from '../../../shared/demo'
import type { PlannedSlot } from './discrepancy-planner'
import type { SyncPlan } from './pipelines'
import { FORMS } from './generator/forms'
import { previousRevisions, stored } from './generator/revisions'
import type { CouchDoc, GeneratedDoc } from './generator/types'

/** Fields both pipelines strip from `_users` documents before storing them. */
const USER_SECRETS = ['password_scheme', 'derived_key', 'salt'] as const

/** What the loader writes for one generated document. */
export interface Routed {
  /** Written to CouchDB with the main stream (with `_revisions`), or null. */
  couch: CouchDoc | null
  /** The couch2pg row (`doc` as couch2pg stores it), or null for no row. */
  couch2pg: CouchDoc | null
  /** The CHT Sync raw row's `doc` (a `_deleted` stub for a delete), or null for no row. */
  chtSync: CouchDoc | null
  /** Written to CouchDB (and upserted in CHT Sync) after couch2pg's checkpoint, or null. */
  late: CouchDoc | null
}

const rev = (doc: CouchDoc | null) => doc?._rev ?? null
const label = (item: GeneratedDoc) => `${item.category} ${item.doc._id}`

/** couch2pg's copy of a `_users` document: the password hash fields removed. */
function forCouch2pg(item: GeneratedDoc, doc: CouchDoc): CouchDoc {
  if (item.db !== '_users') return doc
  const copy = { ...doc }
  for (const field of USER_SECRETS) delete copy[field]
  return copy
}

/**
 * Decides what each store receives for one document, given the difference injected into it.
 *
 * Without a difference, the stores agree the way the real pipelines do, for the databases each
 * syncs (`plan`): couch2pg has one row per live document and nothing for a deleted one (it
 * hard-deletes); CHT Sync has one row per document, deleted ones as `{_id, _rev, _deleted: true}`
 * stubs with the deleting revision. Both store attachments as the stubs CouchDB returns. Returns
 * the manifest entry of the injected difference too (for the model kinds, the entry names the
 * change the model step makes later).
 */
export function routeDoc(
  item: GeneratedDoc,
  slot: PlannedSlot | null,
  plan: SyncPlan,
): { routed: Routed; discrepancy: Discrepancy | null } {
  const { doc } = item
  const previous = item.previous ? stored(item.previous) : null
  const current = stored(doc)
  const deleted = doc._deleted === true
  const routed: Routed = {
    couch: doc,
    couch2pg: deleted || !plan.couch2pg.has(item.db) ? null : forCouch2pg(item, current),
    chtSync: plan.chtSync.has(item.db) ? current : null,
    late: null,
  }
  if (!slot) return { routed, discrepancy: null }
  const entry = (detail: string, data: Discrepancy['data']): Discrepancy => ({
    kind: slot.kind,
    docId: doc._id,
    database: item.db,
    detail,
    data: { category: item.category, couchRev: doc._rev, ...data },
  })

  switch (slot.kind) {
    case 'missing_in_cht_sync':
      routed.chtSync = null
      return {
        routed,
        discrepancy: entry(
          `The ${label(item)} is in CouchDB and couch2pg but missing from the CHT Sync raw table.`,
          { couch2pgRev: doc._rev, chtSyncRev: null },
        ),
      }
    case 'stale_revision_in_cht_sync':
      routed.chtSync = previous
      return {
        routed,
        discrepancy: entry(
          `CHT Sync holds revision ${rev(previous)} of the ${label(item)}; CouchDB and couch2pg have ${doc._rev}.`,
          { couch2pgRev: doc._rev, chtSyncRev: rev(previous) },
        ),
      }
    case 'delete_not_applied_in_cht_sync':
      routed.chtSync = previous
      return {
        routed,
        discrepancy: entry(
          `The ${label(item)} was deleted in CouchDB (revision ${doc._rev}); CHT Sync still holds it live at revision ${rev(previous)}, where couch2pg removed its row.`,
          { couch2pgRev: null, chtSyncRev: rev(previous), chtSyncDeleted: false },
        ),
      }
    case 'delete_not_applied_in_couch2pg':
      routed.couch2pg = previous
      return {
        routed,
        discrepancy: entry(
          `The ${label(item)} was deleted in CouchDB (revision ${doc._rev}); couch2pg still holds it at revision ${rev(previous)}, where CHT Sync has its _deleted stub.`,
          { couch2pgRev: rev(previous), chtSyncRev: doc._rev, chtSyncDeleted: true },
        ),
      }
    case 'couch2pg_behind': {
      routed.late = doc
      routed.chtSync = null
      if (slot.lateEdit && previous && doc._revisions) {
        routed.couch = { ...previous, _revisions: previousRevisions(doc._revisions) }
        routed.couch2pg = previous
        routed.chtSync = previous
        return {
          routed,
          discrepancy: entry(
            `The ${label(item)} was edited in CouchDB (revision ${doc._rev}) after couch2pg's last checkpoint: couch2pg still holds revision ${rev(previous)}; CHT Sync is up to date.`,
            { couch2pgRev: rev(previous), chtSyncRev: doc._rev },
          ),
        }
      }
      routed.couch = null
      routed.couch2pg = null
      return {
        routed,
        discrepancy: entry(
          `The ${label(item)} was created in CouchDB after couch2pg's last checkpoint: CHT Sync has it, couch2pg does not yet.`,
          { couch2pgRev: null, chtSyncRev: doc._rev },
        ),
      }
    }
    case 'model_lag':
      return {
        routed,
        discrepancy: entry(
          `The ${label(item)} is in the CHT Sync raw table, saved after the last dbt run, but not yet in the document_metadata and data_record models.`,
          { chtSyncRev: doc._rev, model: 'data_record' },
        ),
      }
    case 'model_wrong_value': {
      const expected = String(doc.form)
      const actual = wrongForm(expected)
      return {
        routed,
        discrepancy: entry(
          `The data_record model says form “${actual}” for the ${label(item)}; its document says “${expected}”.`,
          { chtSyncRev: doc._rev, model: 'data_record', column: 'form', expected, actual },
        ),
      }
    }
    default:
      return { routed, discrepancy: null }
  }
}

const APP_FORMS = FORMS.map((form) => form.code)

/** Another form code than `form`: the next one of the list. */
export function wrongForm(form: string): string {
  return APP_FORMS[(APP_FORMS.indexOf(form) + 1) % APP_FORMS.length]!
}
