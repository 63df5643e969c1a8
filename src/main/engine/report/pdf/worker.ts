import type { PlanReport } from '../../../../shared/report/model'
import { AppError } from '../../../../shared/result'
import type { WorkerPool } from '../../workers/worker-pool'
import { REPORT_PDF_TASK } from './pdf-task'

/**
 * The plan as a PDF, drawn in one of the engine's worker threads so that the process serving the
 * UI keeps answering meanwhile (the Electron main process, `cht-migrate serve`). The signal ends
 * the worker at once (`CANCELLED`).
 */
export async function renderPlanPdfInWorker(
  report: PlanReport,
  workers: WorkerPool,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const session = await workers.start<unknown>(REPORT_PDF_TASK, report, { signal })
  let value: unknown
  try {
    value = await session.result
  } catch (error) {
    if (error instanceof AppError) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new AppError('INTERNAL', `The plan's PDF could not be made: ${message}`)
  }
  if (!(value instanceof Uint8Array)) {
    throw new AppError('INTERNAL', 'The worker answered without the PDF.')
  }
  return value
}
