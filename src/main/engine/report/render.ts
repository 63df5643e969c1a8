import { REPORT_FORMAT_INFO, type ReportFormat } from '../../../shared/report/formats'
import type { PlanReport } from '../../../shared/report/model'
import type { WorkerPool } from '../workers/worker-pool'
import { renderPlanCsv } from './csv'
import { renderPlanJson } from './json'
import { renderPlanMarkdown } from './markdown'
import { defaultPdfRenderer, type PdfRenderer } from './pdf-renderer'

export type { PdfRenderer } from './pdf-renderer'

export interface RenderOptions {
  /** The worker threads the PDF is laid out in. */
  workers: WorkerPool
  /** Ends the PDF's worker at once when it fires. */
  signal?: AbortSignal
  renderPdf?: PdfRenderer
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8')

/**
 * The plan in one export format, as the bytes of its file: the PDF (laid out in a worker thread),
 * the JSON, the Markdown, or one of its tables as CSV.
 */
export async function renderReport(
  report: PlanReport,
  format: ReportFormat,
  options: RenderOptions,
): Promise<Uint8Array> {
  switch (format) {
    case 'pdf':
      return (options.renderPdf ?? defaultPdfRenderer)(report, options.workers, options.signal)
    case 'json':
      return utf8(renderPlanJson(report))
    case 'markdown':
      return utf8(renderPlanMarkdown(report))
    case 'csv-inventory':
    case 'csv-checks':
    case 'csv-parity':
      return utf8(renderPlanCsv(report, REPORT_FORMAT_INFO[format].table ?? 'inventory'))
  }
}
