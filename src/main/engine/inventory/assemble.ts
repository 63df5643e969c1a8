import { clipText, TEXT_LIMITS } from '../../../shared/results/common'
import type {
  InventoryDetails,
  InventoryObject,
  SqlAnalysis,
} from '../../../shared/results/inventory-result'
import type { AnalysisResult } from './analysis/types'
import { migrationOrder, mapObjects } from './mapping'
import { classifyOrigins } from './origin/classify-origin'
import type { DraftObject } from './postgres/build-objects'
import type { RawCatalog } from './postgres/read-catalog'
import { NameIndex, splitQualified } from './resolve-names'
import type { StatementsRead } from './postgres/read-statements'

const LIST_LIMIT = 500
const clipList = (xs: readonly string[], max = LIST_LIMIT) =>
  xs.slice(0, max).map((x) => clipText(x, TEXT_LIMITS.short))

function storedAnalysis(a: AnalysisResult, candidates: string[]): SqlAnalysis {
  const review =
    a.manualReview && candidates.length > 0
      ? `${a.manualReview} Candidates: ${candidates.length} relation${candidates.length > 1 ? 's' : ''} match.`
      : a.manualReview
  return {
    jsonPaths: clipList(a.jsonPaths),
    filters: a.filters.slice(0, 100).map((f) => ({
      path: clipText(f.path, TEXT_LIMITS.short),
      values: clipList(f.values, 100),
    })),
    references: clipList(a.references),
    manualReview: review === null ? null : clipText(review, TEXT_LIMITS.line),
    parseError: a.parseError === null ? null : clipText(a.parseError, TEXT_LIMITS.line),
  }
}

export interface AssembleInput {
  raw: RawCatalog
  drafts: DraftObject[]
  /** Analysis of each draft that has SQL, by draft ref. */
  analyses: Map<string, AnalysisResult>
  statements: StatementsRead
}

/**
 * Puts an inventory together: SQL analysis on each object, dependencies in both directions (from
 * `pg_depend` and, for function bodies it does not cover, from the names the analysis found;
 * dynamic SQL adds the relations its name prefix could mean), origin, `pg_stat_statements` usage,
 * mapping onto cht-pipeline and a migration order.
 */
export function assembleInventory(input: AssembleInput): InventoryDetails {
  const { raw, drafts, analyses, statements } = input
  const keyOfRef = new Map(drafts.map((d) => [d.ref, d.object.key]))
  const objects = drafts.map((d) => d.object)
  const names = new NameIndex(objects)
  const depends = new Map<string, Set<string>>()
  for (const d of drafts) {
    const set = new Set<string>()
    for (const ref of d.dependsOnOids) {
      const key = keyOfRef.get(ref)
      if (key && key !== d.object.key) set.add(key)
    }
    const a = analyses.get(d.ref)
    if (a) {
      for (const r of a.relations) names.relation(r, d.object.schema).forEach((k) => set.add(k))
      for (const f of a.functions) names.routine(f, d.object.schema).forEach((k) => set.add(k))
      const candidates = (a.dynamicRelationPrefixes ?? []).flatMap((p) =>
        names.relationsStartingWith(splitQualified(p).name),
      )
      candidates.forEach((k) => set.add(k))
      set.delete(d.object.key)
      d.object.analysis = storedAnalysis(a, candidates)
    }
    depends.set(d.object.key, set)
  }
  const usedBy = new Map<string, Set<string>>()
  for (const [key, set] of depends) {
    for (const dep of set) {
      const list = usedBy.get(dep) ?? new Set<string>()
      list.add(key)
      usedBy.set(dep, list)
    }
  }
  for (const o of objects) {
    o.dependsOn = clipList([...(depends.get(o.key) ?? [])].sort(), 2_000)
    o.usedBy = clipList([...(usedBy.get(o.key) ?? [])].sort(), 2_000)
  }
  const { origins, facts } = classifyOrigins(
    drafts.map((d) => ({
      key: d.object.key,
      kind: d.object.kind,
      schema: d.object.schema,
      name: d.object.name,
      columns: d.object.columns.map((c) => c.name),
      language: d.object.language,
      argCount: d.argCount,
      ...(d.index ? { index: d.index } : {}),
      ...(d.table ? { table: d.table } : {}),
      ...(analyses.get(d.ref)
        ? {
            reads: analyses.get(d.ref)!.relations.map((r) => splitQualified(r).name),
            filters: analyses.get(d.ref)!.filters,
          }
        : {}),
    })),
  )
  for (const o of objects) o.origin = origins.get(o.key) ?? o.origin
  applyStatementUsage(objects, names, statements)
  const mappings = mapObjects(objects)
  for (const o of objects) o.mapping = mappings.get(o.key) ?? null
  return {
    kind: 'inventory',
    server: {
      version: clipText(raw.server.version, TEXT_LIMITS.short),
      database: clipText(raw.server.database, TEXT_LIMITS.short),
      statsSince: raw.server.statsReset ? raw.server.statsReset.toISOString() : null,
      statements: statements.state,
      trackFunctions: raw.server.trackFunctions,
    },
    couch2pg: facts,
    objects,
    order: clipList(migrationOrder(objects, mappings), 50_000),
  }
}

/** Adds to each relation the calls of the `pg_stat_statements` entries that name it. */
function applyStatementUsage(
  objects: InventoryObject[],
  names: NameIndex,
  statements: StatementsRead,
): void {
  if (statements.state !== 'installed') return
  const byKey = new Map(objects.map((o) => [o.key, o]))
  for (const o of objects) {
    if (o.kind === 'table' || o.kind === 'view' || o.kind === 'materialized_view') {
      o.usage = { ...o.usage, statementCalls: 0, statements: 0 }
    }
  }
  for (const s of statements.entries) {
    const keys = new Set(s.relations.flatMap((r) => names.relation(r, 'public')))
    for (const key of keys) {
      const o = byKey.get(key)
      if (!o || o.usage.statements === null) continue
      o.usage = {
        ...o.usage,
        statements: (o.usage.statements ?? 0) + 1,
        statementCalls: (o.usage.statementCalls ?? 0) + s.calls,
      }
    }
  }
}
