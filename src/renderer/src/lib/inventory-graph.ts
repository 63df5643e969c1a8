import { Graph, layout, type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre'
import { objectLabel } from '../../../shared/inventory/object-key'
import type { InventoryObject, InventoryObjectKind } from '../../../shared/results/inventory-result'
import { keyLabel } from './inventory-view'

/**
 * The dependency graph of one inventory object: what it reads (upstream, transitively) and what
 * reads it (downstream), bounded, laid out left to right with dagre (data flows from what is
 * read to what reads it). Pure: the page draws the nodes and edges as SVG.
 */

/** Where a node sits relative to the object shown. */
export type GraphSide = 'focus' | 'upstream' | 'downstream'

/** A node of the neighbourhood: an object key, how far it is, and on which side. */
export interface GraphMember {
  key: string
  label: string
  kind: InventoryObjectKind | null
  side: GraphSide
  depth: number
  /** False for a key the inventory does not list (its object cannot be opened). */
  known: boolean
}

/** The objects around one, and the edges between them (from what is read to what reads it). */
export interface Neighbourhood {
  members: GraphMember[]
  edges: { from: string; to: string }[]
  /** Objects left out past the depth or the size limit. */
  hidden: number
}

/** How far the neighbourhood reaches. */
export interface NeighbourhoodOptions {
  /** Steps followed each way (default 2). */
  depth?: number
  /** Most nodes each way (default 16). */
  limit?: number
}

function member(
  key: string,
  byKey: ReadonlyMap<string, InventoryObject>,
  side: GraphSide,
  depth: number,
): GraphMember {
  const o = byKey.get(key)
  return {
    key,
    label: o ? objectLabel(o) : keyLabel(key),
    kind: o?.kind ?? null,
    side,
    depth,
    known: o !== undefined,
  }
}

/** Breadth-first along `dependsOn` (upstream) or `usedBy` (downstream), within the bounds. */
function walk(
  focus: InventoryObject,
  byKey: ReadonlyMap<string, InventoryObject>,
  side: 'upstream' | 'downstream',
  seen: Map<string, GraphMember>,
  depth: number,
  limit: number,
): number {
  const next = (o: InventoryObject) => (side === 'upstream' ? o.dependsOn : o.usedBy)
  const beyond = new Set<string>()
  let added = 0
  let frontier: InventoryObject[] = [focus]
  for (let d = 1; d <= depth + 1 && frontier.length > 0; d += 1) {
    const following: InventoryObject[] = []
    for (const o of frontier) {
      for (const key of next(o)) {
        if (seen.has(key)) continue
        if (d > depth || added >= limit) {
          beyond.add(key)
          continue
        }
        seen.set(key, member(key, byKey, side, d))
        added += 1
        const found = byKey.get(key)
        if (found) following.push(found)
      }
    }
    frontier = following
  }
  return [...beyond].filter((k) => !seen.has(k)).length
}

/**
 * The object, what it reads and what reads it, up to `depth` steps each way and `limit` objects
 * each way, with every dependency edge between the members.
 */
export function dependencyNeighbourhood(
  focus: InventoryObject,
  byKey: ReadonlyMap<string, InventoryObject>,
  options: NeighbourhoodOptions = {},
): Neighbourhood {
  const depth = options.depth ?? 2
  const limit = options.limit ?? 16
  const seen = new Map<string, GraphMember>([[focus.key, member(focus.key, byKey, 'focus', 0)]])
  const hidden =
    walk(focus, byKey, 'upstream', seen, depth, limit) +
    walk(focus, byKey, 'downstream', seen, depth, limit)
  const edges: { from: string; to: string }[] = []
  const edgeKeys = new Set<string>()
  const add = (from: string, to: string) => {
    const id = `${from}\u0000${to}`
    if (from === to || edgeKeys.has(id) || !seen.has(from) || !seen.has(to)) return
    edgeKeys.add(id)
    edges.push({ from, to })
  }
  for (const m of seen.values()) {
    const o = byKey.get(m.key)
    if (!o) continue
    for (const dep of o.dependsOn) add(dep, m.key)
    for (const user of o.usedBy) add(m.key, user)
  }
  return { members: [...seen.values()], edges, hidden }
}

/** A laid-out node: its member, its box (top-left corner) and its label cut to fit. */
export interface LaidOutNode extends GraphMember {
  x: number
  y: number
  width: number
  height: number
  shortLabel: string
}

/** A laid-out edge: an SVG path from what is read to what reads it. */
export interface LaidOutEdge {
  from: string
  to: string
  path: string
}

/** The laid-out graph and its size, in SVG user units. */
export interface GraphLayout {
  nodes: LaidOutNode[]
  edges: LaidOutEdge[]
  width: number
  height: number
}

/** A node's box: room for a name of about 22 characters and its kind under it. */
export const NODE_WIDTH = 172
export const NODE_HEIGHT = 42
/** Characters of a label that fit a node at the graph's font size. */
const LABEL_CHARS = 22

const cut = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`

const round = (n: number) => Math.round(n * 10) / 10

/** Lays the neighbourhood out left to right (dagre); sizes in SVG user units. */
export function layoutNeighbourhood(n: Neighbourhood): GraphLayout {
  const g = new Graph<GraphLabel, NodeLabel, EdgeLabel>()
  g.setGraph({ rankdir: 'LR', nodesep: 12, ranksep: 40, marginx: 6, marginy: 6 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const m of n.members) g.setNode(m.key, { width: NODE_WIDTH, height: NODE_HEIGHT })
  for (const e of n.edges) g.setEdge(e.from, e.to)
  layout(g)
  const nodes = n.members.map((m) => {
    const box = g.node(m.key)
    return {
      ...m,
      x: round((box.x ?? 0) - NODE_WIDTH / 2),
      y: round((box.y ?? 0) - NODE_HEIGHT / 2),
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      shortLabel: cut(m.label, LABEL_CHARS),
    }
  })
  const edges = n.edges.map((e) => {
    const points = g.edge(e.from, e.to).points ?? []
    const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' ')
    return { from: e.from, to: e.to, path }
  })
  const size = g.graph()
  return {
    nodes,
    edges,
    width: Math.ceil(size.width ?? NODE_WIDTH),
    height: Math.ceil(size.height ?? NODE_HEIGHT),
  }
}
