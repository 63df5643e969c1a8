import type pg from 'pg'
import { INVENTORY_ITEM_ID, INVENTORY_RESULT_IDS } from '../../../shared/inventory/sources'
import type { InventoryDetails } from '../../../shared/results/inventory-result'
import type { NewResult } from '../../../shared/results/result-schema'
import { readTransaction, SESSION_PROFILES } from '../db/read-transaction'
import type { JobContext } from '../jobs/job-registry'
import type { WorkerPool } from '../workers/worker-pool'
import type { AnalysisResult } from './analysis/types'
import { assembleInventory } from './assemble'
import { buildObjects } from './postgres/build-objects'
import { readCatalog } from './postgres/read-catalog'
import { readStatements, type StatementsRead } from './postgres/read-statements'
import { inventorySummary } from './inventory-summary'

const ANALYSED_KINDS = new Set(['view', 'materialized_view', 'function', 'procedure'])

interface AnalyzeItem {
  id: string
  kind: string
  language: string | null
  definition: string
}

/** Runs the SQL analysis in a worker thread (the UI process never parses), with progress. */
async function analyzeInWorker(
  workers: WorkerPool,
  items: AnalyzeItem[],
  signal: AbortSignal,
  onProgress: (done: number, total: number | null) => void,
): Promise<Map<string, AnalysisResult>> {
  if (items.length === 0) return new Map()
  const session = await workers.start<{ results: { id: string; analysis: AnalysisResult }[] }>(
    'sql.analyze',
    { items },
    { signal },
  )
  session.onProgress(onProgress)
  const { results } = await session.result
  return new Map(results.map((r) => [r.id, r.analysis]))
}

export interface Couch2pgScanInput {
  pool: pg.Pool
  endpoints: NewResult['endpoints']
  workers: WorkerPool
}

/**
 * The couch2pg inventory: the catalog in one read-only transaction (statements bounded by the
 * scan profile, the whole read cancelled by the job's signal), `pg_stat_statements` in another,
 * the SQL analysis of every definition and statement in a worker thread, then the assembly.
 * Returns the result to record.
 */
export async function scanCouch2pg(input: Couch2pgScanInput, job: JobContext): Promise<NewResult> {
  const ranAt = new Date().toISOString()
  const started = performance.now()
  const options = {
    statementTimeoutMs: SESSION_PROFILES.probe.statementTimeoutMs,
    signal: job.signal,
  }
  const reading = (message: string) =>
    job.progress({ phase: 'reading', unit: null, done: 0, total: null, message })
  const raw = await readTransaction(input.pool, options, (tx) =>
    readCatalog(tx, (part) => reading(`Reading the catalog: ${part}`)),
  )
  reading('Reading pg_stat_statements')
  const statementsRaw = await readStatements(input.pool, options, raw.extensions)
  const drafts = buildObjects(raw)
  const items: AnalyzeItem[] = drafts
    .filter((d) => ANALYSED_KINDS.has(d.object.kind) && d.object.definition !== null)
    .map((d) => ({
      id: d.ref,
      kind: d.object.kind,
      language: d.object.language,
      definition: d.object.definition as string,
    }))
  const statementItems: AnalyzeItem[] = statementsRaw.texts.map((s, i) => ({
    id: `statement:${i}`,
    kind: 'view',
    language: null,
    definition: s.query,
  }))
  const total = items.length + statementItems.length
  const analyses = await analyzeInWorker(
    input.workers,
    [...items, ...statementItems],
    job.signal,
    (done) =>
      job.progress({
        phase: 'analysing',
        unit: 'objects',
        done,
        total,
        message: 'Analysing the SQL of views and functions',
      }),
  )
  const statements: StatementsRead = {
    state: statementsRaw.state,
    note: statementsRaw.note,
    entries: statementsRaw.texts.map((s, i) => ({
      ...s,
      relations: analyses.get(`statement:${i}`)?.relations ?? [],
    })),
  }
  const details: InventoryDetails = assembleInventory({ raw, drafts, analyses, statements })
  const durationMs = Math.round(performance.now() - started)
  return {
    id: INVENTORY_RESULT_IDS.couch2pg,
    itemId: INVENTORY_ITEM_ID,
    title: 'Inventory of the couch2pg database',
    verdict: details.couch2pg.found ? 'pass' : 'warn',
    summary: inventorySummary(details, statements.note),
    ranAt,
    durationMs,
    endpoints: input.endpoints,
    partial: raw.truncated
      ? {
          reason: 'budget',
          note: 'More than 20,000 objects of one kind: the rest were not read.',
        }
      : null,
    details,
  }
}
