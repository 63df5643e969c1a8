import pg from 'pg'
import type { Decision } from '../../../../shared/inventory/decisions'
import { INVENTORY_RESULT_IDS } from '../../../../shared/inventory/sources'
import type { ProjectDocument } from '../../../../shared/project-schema'
import type { InventoryObject } from '../../../../shared/results/inventory-result'
import { baseColumnFor, type BaseColumn } from '../../inventory/mapping/doc-paths'
import { sqlName } from './schema-stats'

/**
 * What `optimize.json-indexes` reads of the couch2pg inventory, and how it recognises an index on
 * a JSON path: the `doc` paths that objects dashboards use filter on (the SQL analysis's equality
 * and `IN` filters), and the path an index expression such as `((doc -> 'contact') ->> '_id')`
 * or `(doc #>> '{contact,_id}')` reads. Pure.
 */

/** Models a filter path is looked up in, in order: the first with a column for it wins. */
const MODEL_ORDER = [
  'document_metadata',
  'data_record',
  'contact',
  'person',
  'place',
  'user',
  'feedback',
  'telemetry',
  'telemetry_devices',
]

/** One `doc` path dashboards filter on, with who filters and on what values. */
export interface DashboardFilter {
  /** Dotted from `doc`: `form`, `contact.parent._id`. */
  path: string
  /** The objects that filter on it (`schema.name`). */
  objects: string[]
  values: string[]
  /** The cht-pipeline model column that holds it, or null when only the raw table has it. */
  column: BaseColumn | null
}

/** Why an object counts as used by dashboards, or null when nothing says it is. */
export function dashboardUse(
  object: InventoryObject,
  decision: Decision | undefined,
): string | null {
  if (decision?.action === 'replace' || decision?.action === 'rebuild') {
    return `decided ${decision.action}`
  }
  const u = object.usage
  const used = [u.seqScans, u.idxScans, u.calls, u.statementCalls].some((n) => (n ?? 0) > 0)
  return used ? 'read since the statistics were reset' : null
}

/** The inventory of the couch2pg database stored in the project, or null when there is none. */
export function storedInventory(document: ProjectDocument) {
  const result = document.results[INVENTORY_RESULT_IDS.couch2pg]
  return result?.details.kind === 'inventory' ? { result, details: result.details } : null
}

/** The `doc` paths that objects used by dashboards filter on, most-used first. */
export function dashboardFilters(document: ProjectDocument): DashboardFilter[] {
  const inventory = storedInventory(document)
  if (!inventory) return []
  const byPath = new Map<string, { objects: Set<string>; values: Set<string> }>()
  for (const object of inventory.details.objects) {
    if (!object.analysis || object.analysis.filters.length === 0) continue
    if (!dashboardUse(object, document.inventory.decisions[object.key])) continue
    for (const filter of object.analysis.filters) {
      const path = filter.path.replace(/^doc\./, '')
      if (path === '' || path === '_id') continue // the raw table's key column
      const entry = byPath.get(path) ?? { objects: new Set(), values: new Set() }
      entry.objects.add(`${object.schema}.${object.name}`)
      for (const v of filter.values) entry.values.add(v)
      byPath.set(path, entry)
    }
  }
  return [...byPath]
    .map(([path, e]) => ({
      path,
      objects: [...e.objects].sort(),
      values: [...e.values].sort().slice(0, 20),
      column: baseColumnFor(`doc.${path}`, MODEL_ORDER),
    }))
    .sort((a, b) => b.objects.length - a.objects.length || a.path.localeCompare(b.path))
}

/**
 * The `doc` path an index key expression reads, dotted (`contact._id`), or null when it is not a
 * text extraction from `doc`. Reads `pg_get_indexdef` output: `(doc ->> 'type'::text)`,
 * `((doc -> 'contact'::text) ->> '_id'::text)`, `(doc #>> '{contact,_id}'::text[])`.
 */
export function indexedDocPath(expression: string): string | null {
  const flat = expression
    .replace(/::text(\[\])?/g, '')
    .replace(/[()\s]/g, '')
    .trim()
  const arrow = /^"?doc"?((?:->'(?:[^']|'')*')*)->>'((?:[^']|'')*)'$/.exec(flat)
  if (arrow) {
    const inner = [...arrow[1]!.matchAll(/->'((?:[^']|'')*)'/g)].map((m) => m[1]!)
    return [...inner, arrow[2]!].map((k) => k.replace(/''/g, "'")).join('.')
  }
  const hash = /^"?doc"?#>>'\{([^}]*)\}'$/.exec(flat)
  if (hash) return hash[1]!.split(',').join('.')
  return null
}

/** `doc->'contact'->>'_id'`: how the path is written in SQL (and in the index to create). */
export function docExpression(path: string): string {
  const keys = path.split('.').map((k) => pg.escapeLiteral(k))
  const last = keys.pop()!
  return `doc${keys.map((k) => `->${k}`).join('')}->>${last}`
}

/** An index name from the table and the path, within PostgreSQL's 63 bytes. */
export function indexNameFor(table: string, path: string): string {
  const slug = `${table}_doc_${path}`.toLowerCase().replace(/[^a-z0-9_]+/g, '_')
  return (/^[a-z_]/.test(slug) ? slug : `i_${slug}`).slice(0, 63).replace(/_+$/, '')
}

/** The statement that indexes a `doc` path of the raw table without blocking dashboards. */
export function createExpressionIndexSql(schema: string, table: string, path: string): string {
  return `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${indexNameFor(table, path)} ON ${sqlName(schema, table)} ((${docExpression(path)}));`
}
