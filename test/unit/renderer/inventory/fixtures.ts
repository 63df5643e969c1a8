import type { Decision } from '../../../../src/shared/inventory/decisions'
import { makeObject } from '../../../support/inventory-objects'
import {
  emptyUsage,
  type InventoryDetails,
  type InventoryObject,
  type InventoryObjectKind,
} from '../../../../src/shared/results/inventory-result'

/** Hand-made inventory objects and decisions for the Plan step's view logic. */

/** An object of `kind` named `name` in `public`, custom, readable, with what `extra` says. */
export function obj(
  kind: InventoryObjectKind,
  name: string,
  extra: Partial<InventoryObject> = {},
): InventoryObject {
  const base = makeObject(kind, name, { schema: extra.schema ?? 'public', analysis: null })
  return { ...base, owner: 'couch2pg', matview: null, ...extra }
}

export const mapping = (
  complexity: 'simple' | 'medium' | 'significant',
  models: string[] = [],
): InventoryObject['mapping'] => ({ models, forms: [], leftover: null, complexity, reasons: [] })

export const analysis = (
  extra: Partial<NonNullable<InventoryObject['analysis']>> = {},
): InventoryObject['analysis'] => ({
  jsonPaths: [],
  filters: [],
  references: [],
  manualReview: null,
  parseError: null,
  ...extra,
})

export function decision(action: Decision['action'], extra: Partial<Decision> = {}): Decision {
  return {
    action,
    models: [],
    owner: '',
    due: null,
    note: '',
    decidedBy: 'Amina',
    decidedAt: '2026-03-01T10:00:00.000Z',
    ...extra,
  }
}

/** A small couch2pg database: the raw table, a couch2pg view, custom views and a function. */
export function smallInventory(): InventoryDetails {
  const couchdb = obj('table', 'couchdb', {
    origin: { origin: 'couch2pg', release: '3.0.0 or later', modified: false, note: null },
    sizeBytes: 5 * 1024 ** 3,
    rows: 1_200_000,
    usage: { ...emptyUsage(), seqScans: 40, idxScans: 12_000 },
    usedBy: ['view:public.contactview_metadata', 'view:public.formview_pregnancy'],
  })
  const metadata = obj('view', 'contactview_metadata', {
    origin: {
      origin: 'couch2pg',
      release: '3.7.0 or later',
      modified: true,
      note: 'A column was added.',
    },
    dependsOn: ['table:public.couchdb'],
    usedBy: ['function:public.get_form_submissions(date)'],
    mapping: mapping('simple', ['contact']),
  })
  const pregnancy = obj('view', 'formview_pregnancy', {
    dependsOn: ['table:public.couchdb'],
    definition: "SELECT doc->>'_id' AS uuid FROM couchdb WHERE doc->>'form' = 'pregnancy'",
    analysis: analysis({
      jsonPaths: ['doc._id', 'doc.form'],
      filters: [{ path: 'form', values: ['pregnancy'] }],
    }),
    mapping: mapping('medium', ['data_record']),
    usage: { ...emptyUsage(), seqScans: 3 },
  })
  const submissions = obj('function', 'get_form_submissions', {
    key: 'function:public.get_form_submissions(date)',
    language: 'plpgsql',
    dependsOn: ['view:public.contactview_metadata', 'view:public.gone_view'],
    analysis: analysis({ manualReview: 'Dynamic SQL built with EXECUTE format(...).' }),
    mapping: mapping('significant'),
    usage: { ...emptyUsage(), calls: 7 },
  })
  const broken = obj('view', 'broken_view', {
    schema: 'reports',
    unreadable: 'permission denied for view broken_view',
  })
  return {
    kind: 'inventory',
    server: {
      version: '16.4',
      database: 'couch2pg',
      statsSince: null,
      statements: 'installed',
      trackFunctions: 'all',
    },
    couch2pg: { found: true, release: '3.7.0 or later', migrationTables: true, note: null },
    objects: [couchdb, metadata, pregnancy, submissions, broken],
    order: [pregnancy.key, metadata.key, submissions.key],
  }
}
