import { z } from 'zod'
import { INVENTORY_OBJECT_KINDS } from '../../../../shared/results/inventory-result'
import type { TaskIo } from '../../workers/protocol'
import { analyzeSql } from './analyze-sql'
import { loadSqlParser } from './parser'
import type { AnalysisResult } from './types'

/** The worker task's name in `WORKER_TASKS`. */
export const SQL_ANALYZE_TASK = 'sql.analyze'

/** Progress is reported after this many definitions (the worker throttles what it posts). */
const PROGRESS_EVERY = 50

const itemSchema = z.object({
  id: z.string().max(1_000),
  kind: z.enum(INVENTORY_OBJECT_KINDS),
  language: z.string().max(200).nullable(),
  // Not bounded here: `analyzeSql` answers an over-long definition with a parse error.
  definition: z.string(),
})
const inputSchema = z.object({ items: z.array(itemSchema).max(100_000) })

export type SqlAnalyzeItem = z.infer<typeof itemSchema>
export type SqlAnalyzeInput = z.infer<typeof inputSchema>
export interface SqlAnalyzeOutput {
  results: { id: string; analysis: AnalysisResult }[]
}

/**
 * The `sql.analyze` worker task: analyses many definitions off the process that serves the UI
 * (parsing a large deployment's views takes seconds). Input and output are plain data; the
 * input is checked on arrival like every message that crosses a process boundary.
 *
 * How the engine calls it (one session per inventory scan, no `feed` messages):
 *
 * ```ts
 * const session = await pool.start<SqlAnalyzeOutput>(
 *   SQL_ANALYZE_TASK,
 *   { items } satisfies SqlAnalyzeInput,
 *   { signal },
 * )
 * session.onProgress((done, total) => report(done, total))
 * const { results } = await session.result // same order as `items`
 * ```
 *
 * The parser's WebAssembly is loaded when the task starts (see `loadSqlParser`), so workers
 * running other tasks never load it.
 */
export async function sqlAnalyzeTask(input: unknown, io: TaskIo): Promise<SqlAnalyzeOutput> {
  const { items } = inputSchema.parse(input)
  await loadSqlParser()
  const results: SqlAnalyzeOutput['results'] = []
  io.progress(0, items.length)
  for (const item of items) {
    results.push({ id: item.id, analysis: analyzeSql(item) })
    if (results.length % PROGRESS_EVERY === 0) io.progress(results.length, items.length)
  }
  io.progress(items.length, items.length)
  return { results }
}
