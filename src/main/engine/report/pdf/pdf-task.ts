import type { WorkerTaskFn } from '../../workers/protocol'
import type { PlanReport } from '../../../../shared/report/model'
import { preferProductionReact, renderPlanPdf } from './render'

/** The worker task that draws the plan as a PDF. */
export const REPORT_PDF_TASK = 'report.pdf'

/**
 * Input: the plan (`PlanReport`, as built by `buildPlanReport`); value: the PDF's bytes, which the
 * worker posts back as a `Uint8Array` (copied once, a few megabytes at most). The worker is a
 * fresh thread that has loaded no React yet, so it always draws with React's production build.
 */
export const reportPdfTask: WorkerTaskFn = async (input) => {
  preferProductionReact()
  return renderPlanPdf(input as PlanReport)
}
