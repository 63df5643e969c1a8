import { objectKey } from '../../../../shared/inventory/object-key'
import { clipText, TEXT_LIMITS } from '../../../../shared/results/common'
import {
  emptyUsage,
  type InventoryObject,
  type InventoryObjectKind,
} from '../../../../shared/results/inventory-result'
import type { RawCatalog, RawRelation } from './read-catalog'

/** An object being built, with what later stages need that is not stored. */
export interface DraftObject {
  /** `c:<oid>` (pg_class), `p:<oid>` (pg_proc), `t:<oid>` (trigger), `e:<oid>` (extension). */
  ref: string
  object: InventoryObject
  /** Refs it depends on per `pg_depend` (views, SQL-standard bodies) or by construction. */
  dependsOnOids: Set<string>
  argCount: number | null
  index?: { on: string; unique: boolean; keys: string[] }
  table?: string
}

const RELATION_KINDS: Record<string, InventoryObjectKind> = {
  r: 'table',
  p: 'table',
  f: 'table',
  v: 'view',
  m: 'materialized_view',
  S: 'sequence',
}

const short = (s: string) => clipText(s, TEXT_LIMITS.short)
const whole = (n: number | null) => (n === null || n < 0 ? null : Math.round(n))
const iso = (d: Date | null) => (d ? d.toISOString() : null)
const definitionOf = (text: string | null) =>
  text === null ? null : clipText(text, TEXT_LIMITS.block)

function unreadableRelation(r: RawRelation): string | null {
  if (!r.schemaUsage) {
    return `No USAGE privilege on the schema ${r.schema}: its definition is listed, its rows cannot be read.`
  }
  if (!r.canSelect && r.relkind !== 'S') {
    return 'No SELECT privilege on it: its definition is listed, its rows cannot be read.'
  }
  return null
}

function base(
  key: string,
  schema: string,
  name: string,
  kind: InventoryObjectKind,
  owner: string | null,
): InventoryObject {
  return {
    key: short(key),
    schema: short(schema),
    name: short(name),
    kind,
    owner: owner === null ? null : short(owner),
    language: null,
    definition: null,
    columns: [],
    sizeBytes: null,
    rows: null,
    dependsOn: [],
    usedBy: [],
    origin: { origin: 'custom', release: null, modified: false, note: null },
    unreadable: null,
    usage: emptyUsage(),
    matview: null,
    analysis: null,
    mapping: null,
  }
}

/**
 * Turns the catalog rows into inventory objects (no analysis, origin or mapping yet): relations
 * with columns, sizes, row estimates and statistics; indexes and triggers on their table;
 * sequences on the table owning them; functions with their result columns; extensions. Anything
 * the session may not read is kept with the reason.
 */
export function buildObjects(raw: RawCatalog): DraftObject[] {
  const drafts: DraftObject[] = []
  const relationByOid = new Map(raw.relations.map((r) => [r.oid, r]))
  const uniqueIndexed = new Set(
    raw.indexes.filter((i) => i.unique && !i.partial).map((i) => i.tableOid),
  )
  for (const r of raw.relations) {
    const kind = RELATION_KINDS[r.relkind] ?? 'table'
    const o = base(objectKey(kind, r.schema, r.name), r.schema, r.name, kind, r.owner)
    const stats = raw.stats.tables.get(r.oid)
    o.definition = definitionOf(r.definition)
    o.columns = (raw.columns.get(r.oid) ?? []).slice(0, 1_600).map((c) => ({
      name: short(c.name),
      type: short(c.type),
    }))
    o.sizeBytes = whole(r.bytes)
    o.rows = kind === 'view' || kind === 'sequence' ? null : whole(r.reltuples)
    o.unreadable = unreadableRelation(r)
    if (stats) {
      o.usage = {
        ...o.usage,
        seqScans: whole(stats.seqScans),
        idxScans: whole(stats.idxScans),
        lastVacuum: iso(stats.lastVacuum),
        lastAnalyze: iso(stats.lastAnalyze),
      }
    }
    if (kind === 'materialized_view') {
      o.matview = { populated: r.populated, uniqueIndex: uniqueIndexed.has(r.oid) }
    }
    const owner = kind === 'sequence' ? raw.sequenceOwners.get(r.oid) : undefined
    const table = owner ? relationByOid.get(owner)?.name : undefined
    drafts.push({
      ref: `c:${r.oid}`,
      object: o,
      dependsOnOids: new Set([
        ...(raw.dependencies.get(`c:${r.oid}`) ?? []),
        ...(owner ? [`c:${owner}`] : []),
      ]),
      argCount: null,
      ...(table ? { table } : {}),
    })
  }
  for (const i of raw.indexes) {
    const o = base(objectKey('index', i.schema, i.name), i.schema, i.name, 'index', i.owner)
    o.definition = definitionOf(i.definition)
    o.sizeBytes = whole(i.bytes)
    const scans = raw.stats.indexes.get(i.oid)
    if (scans !== undefined) o.usage = { ...o.usage, idxScans: whole(scans) }
    drafts.push({
      ref: `c:${i.oid}`,
      object: o,
      dependsOnOids: new Set([`c:${i.tableOid}`]),
      argCount: null,
      index: { on: relationByOid.get(i.tableOid)?.name ?? '', unique: i.unique, keys: i.keys },
    })
  }
  for (const f of raw.functions) {
    const kind = f.prokind === 'p' ? 'procedure' : 'function'
    const o = base(objectKey(kind, f.schema, f.name, f.args), f.schema, f.name, kind, f.owner)
    o.language = short(f.language)
    o.definition = definitionOf(f.definition)
    o.columns = (raw.functionColumns.get(f.oid) ?? []).slice(0, 1_600).map((c) => ({
      name: short(c.name),
      type: short(c.type),
    }))
    const calls = raw.stats.functions.get(f.oid)
    if (calls !== undefined) o.usage = { ...o.usage, calls: whole(calls) }
    o.unreadable = !f.schemaUsage
      ? `No USAGE privilege on the schema ${f.schema}: it cannot be called.`
      : !f.canExecute
        ? 'No EXECUTE privilege on it: its definition is listed, it cannot be called.'
        : null
    drafts.push({
      ref: `p:${f.oid}`,
      object: o,
      dependsOnOids: new Set(raw.dependencies.get(`p:${f.oid}`) ?? []),
      argCount: f.args.trim() === '' ? 0 : f.args.split(',').length,
    })
  }
  for (const t of raw.triggers) {
    const table = relationByOid.get(t.tableOid)
    if (!table) continue
    const o = base(
      objectKey('trigger', table.schema, `${table.name}.${t.name}`),
      table.schema,
      t.name,
      'trigger',
      table.owner,
    )
    o.definition = definitionOf(t.definition)
    drafts.push({
      ref: `t:${t.oid}`,
      object: o,
      dependsOnOids: new Set([`c:${t.tableOid}`, `p:${t.functionOid}`]),
      argCount: null,
      table: table.name,
    })
  }
  for (const e of raw.extensions) {
    const o = base(objectKey('extension', e.schema, e.name), e.schema, e.name, 'extension', e.owner)
    o.definition = short(`${e.name} ${e.version}`)
    drafts.push({ ref: `e:${e.oid}`, object: o, dependsOnOids: new Set(), argCount: null })
  }
  return drafts
}
