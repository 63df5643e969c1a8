import type { RebuildEntry } from '../../../../../src/main/engine/inventory/scaffold/model-names'
import type { ScaffoldInput } from '../../../../../src/main/engine/inventory/scaffold/build-scaffold'
import type { Decision } from '../../../../../src/shared/inventory/decisions'
import type { InventoryObject } from '../../../../../src/shared/results/inventory-result'
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

/** A "rebuild" decision, naming the model when `model` is given. */
export const rebuild = (model?: string): Decision => ({
  action: 'rebuild',
  models: model === undefined ? [] : [model],
  owner: 'data team',
  due: null,
  note: '',
  decidedBy: 'amina',
  decidedAt: '2025-03-01T10:00:00.000Z',
})

const PREGNANCY_SQL = `CREATE OR REPLACE VIEW formview_pregnancy AS
SELECT doc->>'_id' AS uuid,
  to_timestamp((doc->>'reported_date')::bigint / 1000.0) AS reported,
  doc#>>'{contact,_id}' AS reported_by,
  doc#>>'{contact,parent,_id}' AS chw_area_uuid,
  doc#>>'{fields,patient_id}' AS patient_id,
  NULLIF(doc#>>'{fields,lmp_date}', '')::date AS lmp_date,
  NULLIF(doc#>>'{fields,gravida}', '')::int AS gravida,
  COALESCE(doc#>>'{fields,danger_signs}', '') <> '' AS high_risk -- {{ not jinja }}
FROM couchdb
WHERE doc->>'type' = 'data_record' AND doc->>'form' = 'pregnancy'`

/** A small deployment: couch2pg's objects and custom views, functions and a table. */
export function demoInventory(rawRows = 5_000_000): InventoryObject[] {
  const couchdb = couchdbTable(rawRows)
  const metadata = matview('contactview_metadata', {
    origin: 'couch2pg',
    dependsOn: [couchdb.key],
    columns: ['uuid', 'name', 'type', 'contact_type', 'parent_uuid'],
  })
  const pregnancy = formview('pregnancy', ['patient_id', 'lmp_date', 'gravida', 'danger_signs'], {
    definition: PREGNANCY_SQL,
    columns: [
      { name: 'uuid', type: 'text' },
      { name: 'reported', type: 'timestamp with time zone' },
      { name: 'reported_by', type: 'text' },
      { name: 'chw_area_uuid', type: 'text' },
      { name: 'patient_id', type: 'text' },
      { name: 'lmp_date', type: 'date' },
      { name: 'gravida', type: 'integer' },
      { name: 'high_risk', type: 'boolean' },
    ],
  })
  const monthly = matview('useview_pregnancy_monthly', {
    dependsOn: [pregnancy.key],
    definition:
      "SELECT chw_area_uuid, date_trunc('month', reported) AS month, count(*) AS pregnancies FROM formview_pregnancy GROUP BY 1, 2",
    columns: ['chw_area_uuid', 'month', 'pregnancies'],
    analysis: { references: ['formview_pregnancy'] },
  })
  const hierarchy = view('contactview_chw_hierarchy', {
    dependsOn: [metadata.key],
    definition:
      'SELECT chw.uuid AS chw_uuid, chw.name AS chw_name, area.name AS area_name FROM contactview_metadata chw JOIN contactview_metadata area ON area.uuid = chw.parent_uuid',
    columns: ['chw_uuid', 'chw_name', 'area_name', 'name'],
    analysis: { references: ['contactview_metadata'] },
  })
  const tasks = view('useview_tasks', {
    dependsOn: [couchdb.key],
    definition:
      "SELECT doc->>'_id' AS uuid, doc->>'owner' AS owner FROM couchdb WHERE doc->>'type' = 'task'",
    columns: ['uuid', 'owner', 'state'],
    analysis: {
      jsonPaths: ['doc._id', 'doc.owner', 'doc.state', 'doc.type'],
      filters: [filter('type', 'task'), filter('state', 'Completed')],
    },
  })
  const panel = fn('get_panel', {
    args: 'text',
    language: 'plpgsql',
    dependsOn: [pregnancy.key],
    definition: "BEGIN RETURN QUERY EXECUTE format('SELECT * FROM formview_%s', p_form); END",
    columns: ['uuid'],
    analysis: {
      references: ['formview_pregnancy'],
      manualReview: 'Builds SQL at run time (EXECUTE format): it may read any formview.',
    },
  })
  const targets = table('population_targets', { columns: ['area_uuid', 'target'] })
  const clash = view('contact', {
    schema: 'reports',
    dependsOn: [couchdb.key],
    columns: ['uuid', 'name'],
    analysis: { jsonPaths: ['doc._id', 'doc.name'], filters: [filter('type', 'person')] },
  })
  const index = makeObject('index', 'population_targets_area', {
    dependsOn: [targets.key],
    definition:
      'CREATE UNIQUE INDEX population_targets_area ON public.population_targets USING btree (area_uuid)',
  })
  return [couchdb, metadata, pregnancy, monthly, hierarchy, tasks, panel, targets, clash, index]
}

/** Every custom mapped object of `objects` decided "rebuild" (the pregnancy view named `anc_pregnancy`). */
export function rebuildAll(objects: readonly InventoryObject[]): RebuildEntry[] {
  return objects
    .filter((o) => o.origin.origin !== 'couch2pg' && o.kind !== 'index')
    .map((object) => ({
      object,
      decision: rebuild(object.name === 'formview_pregnancy' ? 'anc_pregnancy' : undefined),
    }))
}

/** A scaffold input over the demo inventory. */
export function demoInput(objects = demoInventory()): ScaffoldInput {
  return {
    rebuild: rebuildAll(objects),
    objects,
    projectName: 'Kenya CHT Sync migration',
    rawTable: { schema: 'v1', table: 'couchdb' },
    inventory: { database: 'couch2pg_kenya', scannedAt: '2025-03-02T09:30:00.000Z' },
  }
}
