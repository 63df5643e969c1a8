import type { InventoryObject } from '../../../shared/results/inventory-result'

const RELATION_KINDS = new Set(['table', 'view', 'materialized_view'])
const ROUTINE_KINDS = new Set(['function', 'procedure'])

/**
 * Finds objects by the names SQL uses for them: `schema.name` exactly, or a bare name looked up
 * in the referring object's schema, then `public` (couch2pg's default), then anywhere it is the
 * only one of that name. Functions match every overload of the name (arguments are not compared).
 */
/** What name resolution needs of an object. */
export type NamedObject = Pick<InventoryObject, 'key' | 'kind' | 'schema' | 'name'>

export class NameIndex {
  private readonly relations = new Map<string, NamedObject[]>()
  private readonly routines = new Map<string, NamedObject[]>()

  constructor(objects: readonly NamedObject[]) {
    for (const o of objects) {
      const map = RELATION_KINDS.has(o.kind)
        ? this.relations
        : ROUTINE_KINDS.has(o.kind)
          ? this.routines
          : null
      if (!map) continue
      const list = map.get(o.name) ?? []
      list.push(o)
      map.set(o.name, list)
    }
  }

  /** Keys of the relations `name` may mean from `schema`. */
  relation(name: string, schema: string): string[] {
    return pick(this.relations, name, schema).map((o) => o.key)
  }

  /** Keys of the functions or procedures `name` may mean from `schema`. */
  routine(name: string, schema: string): string[] {
    return pick(this.routines, name, schema).map((o) => o.key)
  }

  /** Keys of the relations whose name starts with `prefix` (dynamic SQL's candidates). */
  relationsStartingWith(prefix: string): string[] {
    const out: string[] = []
    for (const [name, list] of this.relations) {
      if (name.startsWith(prefix)) out.push(...list.map((o) => o.key))
    }
    return out.sort()
  }
}

function pick(map: Map<string, NamedObject[]>, written: string, schema: string) {
  const dot = splitQualified(written)
  const candidates = map.get(dot.name) ?? []
  if (dot.schema !== null) return candidates.filter((o) => o.schema === dot.schema)
  for (const s of [schema, 'public']) {
    const here = candidates.filter((o) => o.schema === s)
    if (here.length > 0) return here
  }
  const schemas = new Set(candidates.map((o) => o.schema))
  return schemas.size === 1 ? candidates : []
}

/** `a.b` → schema a, name b; `b` → no schema. Names as the analysis wrote them. */
export function splitQualified(written: string): { schema: string | null; name: string } {
  const dot = written.lastIndexOf('.')
  return dot < 0
    ? { schema: null, name: written }
    : { schema: written.slice(0, dot), name: written.slice(dot + 1) }
}
