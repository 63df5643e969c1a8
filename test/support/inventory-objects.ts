import { objectKey } from '../../src/shared/inventory/object-key'
import {
  emptyUsage,
  type InventoryColumn,
  InventoryObject,
  InventoryObjectKind,
  ObjectOrigin,
  SqlAnalysis,
  SqlFilter,
} from '../../src/shared/results/inventory-result'

/** What a test says about an object; everything else gets a plain default. */
export interface ObjectSpec {
  schema?: string
  /** A function's argument types, part of its key. */
  args?: string
  origin?: ObjectOrigin
  language?: string | null
  definition?: string | null
  columns?: string[] | InventoryColumn[]
  rows?: number | null
  dependsOn?: string[]
  unreadable?: string | null
  /** Null: not analysed. */
  analysis?: Partial<SqlAnalysis> | null
}

/** `{ path: 'type', values: ['data_record'] }` from `filter('type', 'data_record')`. */
export const filter = (path: string, ...values: string[]): SqlFilter => ({ path, values })

const toColumns = (columns: ObjectSpec['columns']): InventoryColumn[] =>
  (columns ?? []).map((c) => (typeof c === 'string' ? { name: c, type: 'text' } : c))

/** An inventory object of `kind`, as the scan would store it before mapping. */
export function makeObject(
  kind: InventoryObjectKind,
  name: string,
  spec: ObjectSpec = {},
): InventoryObject {
  const schema = spec.schema ?? 'public'
  const analysed = kind !== 'table' && kind !== 'index' && kind !== 'sequence'
  return {
    key: objectKey(kind, schema, name, spec.args),
    schema,
    name,
    kind,
    owner: 'analytics',
    language: spec.language ?? null,
    definition: spec.definition ?? null,
    columns: toColumns(spec.columns),
    sizeBytes: null,
    rows: spec.rows ?? null,
    dependsOn: spec.dependsOn ?? [],
    usedBy: [],
    origin: { origin: spec.origin ?? 'custom', release: null, modified: false, note: null },
    unreadable: spec.unreadable ?? null,
    usage: emptyUsage(),
    matview: kind === 'materialized_view' ? { populated: true, uniqueIndex: false } : null,
    analysis:
      spec.analysis === null || (!analysed && spec.analysis === undefined)
        ? null
        : {
            jsonPaths: [...(spec.analysis?.jsonPaths ?? [])].sort(),
            filters: spec.analysis?.filters ?? [],
            references: spec.analysis?.references ?? [],
            manualReview: spec.analysis?.manualReview ?? null,
            parseError: spec.analysis?.parseError ?? null,
          },
    mapping: null,
  }
}

export const table = (name: string, spec?: ObjectSpec) => makeObject('table', name, spec)
export const view = (name: string, spec?: ObjectSpec) => makeObject('view', name, spec)
export const matview = (name: string, spec?: ObjectSpec) =>
  makeObject('materialized_view', name, spec)
export const fn = (name: string, spec?: ObjectSpec) => makeObject('function', name, spec)

/** couch2pg's raw table with `rows` documents. */
export const couchdbTable = (rows: number | null = 1_000) =>
  table('couchdb', { origin: 'couch2pg', columns: [{ name: 'doc', type: 'jsonb' }], rows })

/** The columns formviews start with in the demo (uuid, reported, submitter and its parents). */
export const FORMVIEW_PATHS = [
  'doc._id',
  'doc.reported_date',
  'doc.contact._id',
  'doc.contact.parent._id',
  'doc.contact.parent.parent._id',
  'doc.type',
  'doc.form',
]

/** A formview reading `fields` of `form` from couchdb. */
export function formview(form: string, fields: string[], spec: ObjectSpec = {}): InventoryObject {
  return view(`formview_${form}`, {
    dependsOn: ['table:public.couchdb'],
    columns: ['uuid', 'reported', 'reported_by', ...fields],
    ...spec,
    analysis: {
      jsonPaths: [...FORMVIEW_PATHS, ...fields.map((f) => `doc.fields.${f}`)],
      filters: [filter('type', 'data_record'), filter('form', form)],
      references: ['couchdb'],
      ...spec.analysis,
    },
  })
}
