import type { PlanReport } from '../../../shared/report/model'
import type { WorkerPool } from '../workers/worker-pool'
import { renderPlanPdfInWorker } from './pdf/worker'

/** Lays the plan out as a PDF off the calling thread; the signal ends the work at once. */
export type PdfRenderer = (
  report: PlanReport,
  workers: WorkerPool,
  signal?: AbortSignal,
) => Promise<Uint8Array>

/** The PDF renderer the exports use: the plan drawn in one of the engine's worker threads. */
export const defaultPdfRenderer: PdfRenderer = renderPlanPdfInWorker
