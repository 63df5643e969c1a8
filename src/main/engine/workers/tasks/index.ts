import type { WorkerTaskFn } from '../protocol'
import { idMergeTask } from './id-merge-task'
import { sqlAnalyzeTask } from '../../inventory/analysis/sql-analyze-task'
import { REPORT_PDF_TASK, reportPdfTask } from '../../report/pdf/pdf-task'

/**
 * Every task a worker thread can run, by name. CPU-heavy work (hashing, merging id streams,
 * parsing SQL, PDF layout) is added here as one more entry, so the process serving the UI never
 * stalls on it.
 */
export const WORKER_TASKS: Record<string, WorkerTaskFn> = {
  'ids.merge': idMergeTask,
  'sql.analyze': sqlAnalyzeTask,
  [REPORT_PDF_TASK]: reportPdfTask,
}
