import type {
  InventoryObject,
  InventoryObjectKind,
} from '../../../../shared/results/inventory-result'

/**
 * The dependency graph of an inventory, as the mapping, the order and the scaffolds read it:
 * objects by key, which of them are worth migrating, and their names.
 */

/** The kinds that get a mapping and a place in the migration order (indexes and the rest do not). */
export const MAPPED_KINDS: ReadonlySet<InventoryObjectKind> = new Set<InventoryObjectKind>([
  'table',
  'view',
  'materialized_view',
  'function',
  'procedure',
])

/** Whether an object is of a kind that gets a mapping (see `MAPPED_KINDS`). */
export const isMappedKind = (o: { kind: InventoryObjectKind }): boolean => MAPPED_KINDS.has(o.kind)

/** Whose work an object is: anything couch2pg did not install (`custom` or `unknown`). */
export const isCustom = (o: Pick<InventoryObject, 'origin'>): boolean =>
  o.origin.origin !== 'couch2pg'

/** Objects by key (the first of a repeated key wins). */
export function indexByKey(objects: readonly InventoryObject[]): Map<string, InventoryObject> {
  const byKey = new Map<string, InventoryObject>()
  for (const o of objects) if (!byKey.has(o.key)) byKey.set(o.key, o)
  return byKey
}

/**
 * The bare name in an object key: `function:public.f(date, date)` → `f`, `view:public.v` → `v`.
 * Used for keys of objects the inventory does not hold.
 */
export function nameOfKey(key: string): string {
  const colon = key.indexOf(':')
  const rest = key.slice(colon + 1)
  const paren = rest.indexOf('(')
  const qualified = paren === -1 ? rest : rest.slice(0, paren)
  const dot = qualified.indexOf('.')
  return dot === -1 ? qualified : qualified.slice(dot + 1)
}

/** The bare name of a reference as the SQL analysis wrote it: `public.couchdb` → `couchdb`. */
export function nameOfReference(reference: string): string {
  const unquoted = reference.replace(/"/g, '')
  return unquoted.slice(unquoted.lastIndexOf('.') + 1).toLowerCase()
}

/**
 * The names an object reads: its dependencies' names (from the inventory, else from the key) and
 * the relations its SQL names.
 */
export function namesRead(
  object: InventoryObject,
  byKey: Map<string, InventoryObject>,
): Set<string> {
  const names = new Set<string>()
  for (const key of object.dependsOn) names.add(byKey.get(key)?.name ?? nameOfKey(key))
  for (const reference of object.analysis?.references ?? []) names.add(nameOfReference(reference))
  return names
}

/** Sorts by name, then schema, then key: the tie-break every list of objects here uses. */
export function byName(a: InventoryObject, b: InventoryObject): number {
  return compare(a.name, b.name) || compare(a.schema, b.schema) || compare(a.key, b.key)
}

/** Code-unit order, the same on every machine (unlike `localeCompare`). */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Every object upstream of `key` (not itself), following `dependsOn`; cycles are safe. */
export function upstreamOf(key: string, byKey: Map<string, InventoryObject>): InventoryObject[] {
  const seen = new Set<string>([key])
  const found: InventoryObject[] = []
  const queue = [...(byKey.get(key)?.dependsOn ?? [])]
  for (let i = 0; i < queue.length; i++) {
    const next = queue[i]!
    if (seen.has(next)) continue
    seen.add(next)
    const object = byKey.get(next)
    if (!object) continue
    found.push(object)
    queue.push(...object.dependsOn)
  }
  return found
}
