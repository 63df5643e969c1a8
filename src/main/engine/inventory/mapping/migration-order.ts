import type { InventoryObject, ObjectMapping } from '../../../../shared/results/inventory-result'
import { byName, isCustom, isMappedKind } from './object-graph'

/**
 * The keys of the custom objects worth migrating (not couch2pg's, tables, views, materialized
 * views, functions and procedures, each with an entry in `mappings`), upstream first: an object
 * comes after everything it depends on, so each can be rebuilt on models that already exist.
 *
 * Objects that depend on nothing still pending come in name order (then schema, then key). A
 * cycle of dependencies (possible between functions, or in a damaged catalog) does not hang: its
 * objects come together, in name order, after everything the cycle depends on. Every key once.
 */
export function migrationOrder(
  objects: readonly InventoryObject[],
  mappings: ReadonlyMap<string, ObjectMapping>,
): string[] {
  return topologicalOrder(
    objects.filter((o) => isCustom(o) && isMappedKind(o) && mappings.has(o.key)),
  )
}

/**
 * The keys of `objects` in a topological order of `dependsOn` restricted to them (dependencies
 * outside the list are ignored), ties and cycles as `migrationOrder` says. A repeated key counts
 * once (its first object).
 */
export function topologicalOrder(objects: readonly InventoryObject[]): string[] {
  const unique = new Map<string, InventoryObject>()
  for (const o of objects) if (!unique.has(o.key)) unique.set(o.key, o)
  const nodes = [...unique.values()].sort(byName)
  const rank = new Map(nodes.map((o, i) => [o.key, i]))
  // Edges from an object to the objects it depends on, as ranks.
  const deps = nodes.map((o) => {
    const out = new Set<number>()
    for (const key of o.dependsOn) {
      const r = rank.get(key)
      if (r !== undefined && key !== o.key) out.add(r)
    }
    return [...out]
  })
  const { comp, count } = components(deps)
  const members: number[][] = Array.from({ length: count }, () => [])
  nodes.forEach((_, i) => members[comp[i]!]!.push(i))
  const pending = new Array<number>(count).fill(0)
  const dependents: number[][] = Array.from({ length: count }, () => [])
  const linked = new Set<string>()
  deps.forEach((out, from) => {
    for (const to of out) {
      const [a, b] = [comp[from]!, comp[to]!]
      if (a === b || linked.has(`${a}>${b}`)) continue
      linked.add(`${a}>${b}`)
      pending[a]! += 1
      dependents[b]!.push(a)
    }
  })
  // A component's place among the ready ones: its first member by name (members are ranks, and
  // each list is filled in rank order).
  const first = members.map((m) => m[0]!)
  const ready = new MinHeap()
  pending.forEach((n, c) => n === 0 && ready.push(first[c]!, c))
  const order: string[] = []
  for (let c = ready.pop(); c !== undefined; c = ready.pop()) {
    for (const i of members[c]!) order.push(nodes[i]!.key)
    for (const d of dependents[c]!) {
      pending[d]! -= 1
      if (pending[d] === 0) ready.push(first[d]!, d)
    }
  }
  return order
}

/**
 * Tarjan's strongly connected components, without recursion (a long chain of views must not
 * overflow the stack): the component of each node; a node outside any cycle is alone in its own.
 */
function components(edges: readonly number[][]): { comp: number[]; count: number } {
  const n = edges.length
  const index = new Array<number>(n).fill(-1)
  const low = new Array<number>(n).fill(0)
  const onStack = new Array<boolean>(n).fill(false)
  const comp = new Array<number>(n).fill(-1)
  const stack: number[] = []
  let counter = 0
  let comps = 0
  const open = (v: number) => {
    index[v] = low[v] = counter++
    stack.push(v)
    onStack[v] = true
  }
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1) continue
    open(s)
    const work: Array<[number, number]> = [[s, 0]]
    while (work.length > 0) {
      const top = work[work.length - 1]!
      const v = top[0]
      const out = edges[v]!
      if (top[1] < out.length) {
        const w = out[top[1]++]!
        if (index[w] === -1) {
          open(w)
          work.push([w, 0])
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!)
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!)
      if (low[v] !== index[v]) continue
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        onStack[w] = false
        comp[w] = comps
        if (w === v) break
      }
      comps++
    }
  }
  return { comp, count: comps }
}

/** A binary min-heap of values by a numeric priority (distinct priorities here: ranks). */
class MinHeap {
  private readonly items: Array<{ p: number; v: number }> = []

  push(p: number, v: number): void {
    const items = this.items
    items.push({ p, v })
    for (let i = items.length - 1; i > 0;) {
      const up = (i - 1) >> 1
      if (items[up]!.p <= items[i]!.p) break
      ;[items[up], items[i]] = [items[i]!, items[up]!]
      i = up
    }
  }

  pop(): number | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (!top || !last || items.length === 0) return top?.v
    items[0] = last
    for (let i = 0; ;) {
      const [l, r] = [2 * i + 1, 2 * i + 2]
      let m = i
      if (l < items.length && items[l]!.p < items[m]!.p) m = l
      if (r < items.length && items[r]!.p < items[m]!.p) m = r
      if (m === i) break
      ;[items[m], items[i]] = [items[i]!, items[m]!]
      i = m
    }
    return top.v
  }
}
