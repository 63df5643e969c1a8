import {
  EXPLAIN_FIGURED_QUERIES,
  explainFigureLabels,
} from '../../../../shared/checks/optimize-catalog'
import { PAGE } from '../../../../shared/checklist/doc-pages'
import type { EvidenceItem } from '../../../../shared/results/check-result'
import type { ReadTx } from '../../db/read-transaction'
import type { CheckContext, CheckOutcome } from '../check-types'
import { defineCheck } from '../define-check'
import { chtSyncTarget } from '../pipeline/cht-sync-relations'
import { listOf, num, numberOrNull, plural } from '../pipeline/pipeline-common'
import { nodeLabel, type SeqScan } from './explain-plan'
import { databaseExplainer, explainOne, type ExplainedQuery } from './explain-run'
import { LARGE_ROWS, sqlName } from './schema-stats'

/**
 * `optimize.explain`: EXPLAIN of each dashboard query the project lists (`checks.explainQueries`)
 * on the CHT Sync database. Evidence per query: how it was explained, total cost, planning and
 * execution time, rows, the top plan nodes and the sequential scans of large relations; two
 * measures per query (cost and time, under its tag) become the run's history figures, which the
 * Optimize step compares run against run ("before" and "after" a change).
 */

/** A relation a plan scanned, as the catalog knows it. */
export interface RelationSize {
  /** `schema.name`, as a person types it. */
  shown: string
  /** `reltuples`; 0 or less when never analysed. */
  rows: number
}

/** A sequential scan with the size of the relation it reads. */
export interface SizedScan extends SeqScan {
  /** The relation as shown: schema-qualified when known. */
  shown: string
  /** The relation's estimated rows (`reltuples`), or what the scan read when that is unknown. */
  relationRows: number | null
}

/** The sequential scans of a query that read a relation of at least `LARGE_ROWS` rows. */
export function bigScans(q: ExplainedQuery, sizes: ReadonlyMap<string, RelationSize>): SizedScan[] {
  return (q.plan?.seqScans ?? []).flatMap((s) => {
    const read = s.rows === null && s.removed === null ? null : (s.rows ?? 0) + (s.removed ?? 0)
    const known = sizes.get(s.schema ? `${s.schema}.${s.name}` : s.name)
    const relationRows = known && known.rows > 0 ? known.rows : read
    const shown = known?.shown ?? (s.schema ? sqlName(s.schema, s.name) : s.name)
    return relationRows !== null && relationRows >= LARGE_ROWS
      ? [{ ...s, shown, relationRows }]
      : []
  })
}

const ms = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10)
const cost = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100)
const HOW: Record<ExplainedQuery['how'], string> = {
  analyze: 'EXPLAIN ANALYZE',
  plain: 'EXPLAIN (estimates)',
  refused: 'refused',
  error: 'failed',
}

/** The two history figures of a query: total cost, and planning plus execution time (ANALYZE). */
function figures(q: ExplainedQuery): EvidenceItem[] {
  if (!q.plan) return []
  const labels = explainFigureLabels(q.tag)
  const items: EvidenceItem[] = [
    { type: 'measure', label: labels.cost, value: cost(q.plan.totalCost), unit: null, limit: null },
  ]
  if (q.how === 'analyze') {
    const time = (q.plan.planningMs ?? 0) + (q.plan.executionMs ?? 0)
    items.push({ type: 'measure', label: labels.ms, value: ms(time), unit: 'ms', limit: null })
  }
  return items
}

/** Decides from the explained queries and the sizes of the relations they scan. */
export function judgeExplain(
  queries: readonly ExplainedQuery[],
  sizes: ReadonlyMap<string, RelationSize>,
): CheckOutcome {
  const scans = queries.map((q) => bigScans(q, sizes))
  const evidence: EvidenceItem[] = [
    ...queries.slice(0, EXPLAIN_FIGURED_QUERIES).flatMap(figures),
    {
      type: 'table',
      caption: 'Dashboard queries explained on the CHT Sync database',
      columns: ['query', 'tag', 'how', 'total cost', 'planning ms', 'execution ms', 'rows'],
      rows: queries.map((q) => [
        q.label,
        q.tag,
        HOW[q.how],
        cost(q.plan?.totalCost ?? null),
        ms(q.plan?.planningMs ?? null),
        ms(q.plan?.executionMs ?? null),
        q.plan?.rows ?? null,
      ]),
    },
  ]
  queries.forEach((q, i) => {
    const big = scans[i]!
    if (q.note) evidence.push({ type: 'fact', label: `${q.label} (${q.tag})`, value: q.note })
    if (!q.plan) return
    evidence.push({
      type: 'table',
      caption: `Top of the plan of ${q.label} (${q.tag})`,
      columns: ['node', 'cost', 'rows estimated', 'rows', 'ms'],
      rows: q.plan.top.map((n) => [
        nodeLabel(n),
        cost(n.totalCost),
        n.planRows,
        n.actualRows,
        ms(n.actualMs),
      ]),
    })
    if (big.length) {
      evidence.push({
        type: 'table',
        caption: `Sequential scans of large relations in ${q.label} (${q.tag})`,
        columns: ['relation', 'relation rows', 'rows returned', 'rows removed by filter'],
        rows: big.map((s) => [s.shown, Math.round(s.relationRows ?? 0), s.rows, s.removed]),
      })
    }
  })
  const scanning = queries.filter((_, i) => scans[i]!.length > 0)
  const unexplained = queries.filter((q) => q.how === 'refused' || q.how === 'error')
  const slow = queries.filter((q) => q.how === 'plain')
  const done = queries.length - unexplained.length
  if (scanning.length === 0 && unexplained.length === 0 && slow.length === 0) {
    return {
      verdict: 'pass',
      summary: `${plural(done, 'dashboard query', 'dashboard queries')} explained with ANALYZE; none reads a relation of ${num(LARGE_ROWS)} rows or more from end to end.`,
      evidence,
    }
  }
  const parts: string[] = []
  if (scanning.length) {
    const first = scans[queries.indexOf(scanning[0]!)]![0]!
    parts.push(
      `${listOf(scanning.map((q) => q.label))} ${scanning.length === 1 ? 'reads' : 'read'} a large relation from end to end (${first.shown}, ${num(Math.round(first.relationRows ?? 0))} rows, in ${scanning[0]!.label})`,
    )
  }
  if (slow.length) {
    parts.push(
      `${listOf(slow.map((q) => q.label))} took too long for EXPLAIN ANALYZE, so only estimates are shown`,
    )
  }
  if (unexplained.length) {
    parts.push(`${listOf(unexplained.map((q) => q.label))} could not be explained (see why below)`)
  }
  const target = scanning.length ? scans[queries.indexOf(scanning[0]!)]![0]! : null
  const index = target ? `CREATE INDEX CONCURRENTLY ON ${target.shown} (<column>);` : null
  return {
    verdict: 'warn',
    summary: `${parts.join('; ')}.`,
    evidence,
    remedy: {
      text: `${
        target
          ? `Open the plan of ${scanning[0]!.label}: the Seq Scan’s Filter names what the query selects on. Index it in the model dashboards read, with {{ config(indexes=[{'columns': ['<column>']}]) }} in the model, or now with ${index} For a field of the raw table’s doc, index the expression instead (see optimize.json-indexes). Expected gain: an Index or Bitmap Heap Scan reads only the matching rows, not all ${num(Math.round(target.relationRows ?? 0))}; cost and time fall roughly in proportion. `
          : ''
      }${slow.length ? 'A query that takes longer than a dashboard can wait needs an index for its filters or a smaller pre-aggregated model to read. ' : ''}${unexplained.length ? 'Give each query as one SELECT, as the dashboard runs it, with its parameters filled in. ' : ''}Then run the checks again: the Optimize step compares each query’s cost and time with an earlier run.`,
      docUrl: PAGE.tuning.docUrl,
    },
  }
}

/** `reltuples` of the relations the queries scanned, by `schema.name` and by bare name. */
async function relationSizes(tx: ReadTx, scans: SeqScan[]): Promise<Map<string, RelationSize>> {
  const names = [...new Set(scans.map((s) => s.name))].slice(0, 200)
  const sizes = new Map<string, RelationSize>()
  if (names.length === 0) return sizes
  const { rows } = await tx.query<{ schema: string; name: string; rows: unknown }>(
    `SELECT n.nspname::text AS schema, c.relname::text AS name, c.reltuples::float8 AS rows
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'm')
      ORDER BY pg_table_is_visible(c.oid) DESC, c.reltuples DESC`,
    [names],
  )
  for (const r of rows) {
    const size = { shown: sqlName(r.schema, r.name), rows: numberOrNull(r.rows) ?? 0 }
    sizes.set(`${r.schema}.${r.name}`, size)
    // A plan without VERBOSE names no schema: the visible relation of that name, else the largest.
    if (!sizes.has(r.name)) sizes.set(r.name, size)
  }
  return sizes
}

/** Explains each listed query in turn and decides. */
export async function runExplain(ctx: CheckContext): Promise<CheckOutcome> {
  const queries = ctx.document.checks.explainQueries
  if (queries.length === 0) {
    return {
      verdict: 'skipped',
      summary: 'No dashboard query is listed to explain.',
      skippedBecause:
        'No dashboard query is given: add the slowest dashboard queries on the Optimize step to EXPLAIN them before and after a change.',
    }
  }
  chtSyncTarget(ctx)
  const explainer = await databaseExplainer(ctx)
  const explained: ExplainedQuery[] = []
  for (const query of queries) explained.push(await explainOne(query, explainer, ctx.signal))
  const scans = explained.flatMap((q) => q.plan?.seqScans ?? [])
  const sizes = scans.length
    ? await ctx.read('chtSync', (tx) => relationSizes(tx, scans))
    : new Map<string, RelationSize>()
  return judgeExplain(explained, sizes)
}

/** `optimize.explain`. */
export const OPTIMIZE_EXPLAIN = defineCheck('optimize.explain', runExplain)
