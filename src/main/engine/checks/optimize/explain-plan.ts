import { numberOrNull } from '../pipeline/pipeline-common'

/**
 * What `optimize.explain` keeps of a plan PostgreSQL gives as `EXPLAIN (FORMAT JSON)`: the root's
 * total cost and rows, planning and execution time (with ANALYZE), the top nodes of the tree and
 * every sequential scan with the relation it reads. Pure: the plan is untrusted JSON, read
 * defensively and bounded (depth, nodes).
 */

/** Nodes walked at most, and how deep. */
const MAX_NODES = 2_000
const MAX_DEPTH = 100
/** Nodes shown from the top of the tree. */
export const TOP_NODES = 8

/** One node of the plan as shown. */
export interface PlanNode {
  depth: number
  type: string
  /** `schema.name` of the relation it reads, or null. */
  relation: string | null
  totalCost: number | null
  planRows: number | null
  /** With ANALYZE: rows per loop times loops, and the node's total time (ms, all loops). */
  actualRows: number | null
  actualMs: number | null
}

/** A sequential scan of the plan. */
export interface SeqScan {
  schema: string | null
  name: string
  /** Rows the scan returned (ANALYZE) or was estimated to return. */
  rows: number | null
  /** Rows its filter removed (ANALYZE), or null. */
  removed: number | null
}

export interface PlanSummary {
  totalCost: number | null
  /** The root's rows: actual with ANALYZE, else estimated. */
  rows: number | null
  planningMs: number | null
  executionMs: number | null
  top: PlanNode[]
  seqScans: SeqScan[]
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown): string | null => (typeof v === 'string' ? v.slice(0, 200) : null)

/** The plan's top object (`[{ Plan, "Planning Time", … }]`), or null when it is not one. */
function rootOf(plan: unknown): Json | null {
  const first = Array.isArray(plan) ? plan[0] : plan
  if (typeof first === 'string') {
    try {
      return rootOf(JSON.parse(first) as unknown)
    } catch {
      return null
    }
  }
  return isObject(first) && isObject(first.Plan) ? first : null
}

/** Reads a plan (see the module comment); null when it is not an EXPLAIN (FORMAT JSON) answer. */
export function summarizePlan(plan: unknown): PlanSummary | null {
  const root = rootOf(plan)
  if (!root) return null
  const top: PlanNode[] = []
  const seqScans: SeqScan[] = []
  const stack: { node: Json; depth: number }[] = [{ node: root.Plan as Json, depth: 0 }]
  let walked = 0
  while (stack.length > 0 && walked < MAX_NODES) {
    const { node, depth } = stack.pop()!
    walked++
    const type = text(node['Node Type']) ?? '(unknown)'
    const name = text(node['Relation Name'])
    const schema = text(node.Schema)
    const loops = numberOrNull(node['Actual Loops'])
    const perLoop = numberOrNull(node['Actual Rows'])
    const actualRows = perLoop === null ? null : perLoop * (loops ?? 1)
    const time = numberOrNull(node['Actual Total Time'])
    if (top.length < TOP_NODES) {
      top.push({
        depth,
        type,
        relation: name === null ? null : schema ? `${schema}.${name}` : name,
        totalCost: numberOrNull(node['Total Cost']),
        planRows: numberOrNull(node['Plan Rows']),
        actualRows,
        actualMs: time === null ? null : time * (loops ?? 1),
      })
    }
    if (/Seq Scan$/.test(type) && name !== null) {
      const removed = numberOrNull(node['Rows Removed by Filter'])
      seqScans.push({
        schema,
        name,
        rows: actualRows ?? numberOrNull(node['Plan Rows']),
        removed: removed === null ? null : removed * (loops ?? 1),
      })
    }
    const children = Array.isArray(node.Plans) ? node.Plans.filter(isObject) : []
    if (depth < MAX_DEPTH) {
      // Pushed last first, so the walk is depth-first in the plan's own order.
      for (const child of [...children].reverse()) stack.push({ node: child, depth: depth + 1 })
    }
  }
  const plan0 = root.Plan as Json
  const loops = numberOrNull(plan0['Actual Loops'])
  const actual = numberOrNull(plan0['Actual Rows'])
  return {
    totalCost: numberOrNull(plan0['Total Cost']),
    rows: actual === null ? numberOrNull(plan0['Plan Rows']) : actual * (loops ?? 1),
    planningMs: numberOrNull(root['Planning Time']),
    executionMs: numberOrNull(root['Execution Time']),
    top,
    seqScans,
  }
}

/** A node as one cell: indented by depth, with its relation. */
export const nodeLabel = (n: PlanNode): string =>
  `${'  '.repeat(Math.min(n.depth, 10))}${n.depth > 0 ? '→ ' : ''}${n.type}${n.relation ? ` on ${n.relation}` : ''}`
