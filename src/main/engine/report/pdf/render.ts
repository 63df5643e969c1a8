import { createRequire } from 'node:module'
import type { PlanReport } from '../../../../shared/report/model'
import { AppError } from '../../../../shared/result'

/**
 * Has React's production build loaded, unless NODE_ENV says otherwise or React is loaded already
 * (its two builds must never mix in one process): the development build makes the PDF slower, and
 * nothing else in the engine reads NODE_ENV.
 */
export function preferProductionReact(): void {
  // Through a variable: bundlers replace the literal `process.env.NODE_ENV` at build time.
  const env = process.env
  if (env.NODE_ENV) return
  const cache = createRequire(typeof __filename === 'string' ? __filename : process.cwd()).cache
  const loaded = Object.keys(cache).some((path) =>
    /[\\/]node_modules[\\/]react(-dom)?[\\/]/.test(path),
  )
  if (!loaded) env.NODE_ENV = 'production'
}

/**
 * The migration plan as a PDF (A4): the cover, the contents with page numbers, then every section
 * from a page of its own, under a running header and footer. Runs wherever the engine runs
 * (Electron's main process, `cht-migrate serve`, the CLI), offline: the fonts come with the app.
 * CPU-heavy (seconds for a big project): the faces call it through a worker thread
 * (`renderPlanPdfInWorker`).
 *
 * The drawing code (React, the charts, react-pdf) is loaded on the first call, never at start-up.
 */
export async function renderPlanPdf(report: PlanReport): Promise<Uint8Array> {
  if (report?.format !== 'cht-migration-plan' || !Array.isArray(report.sections)) {
    throw new AppError('BAD_REQUEST', 'This is not a migration plan the PDF can be made from.')
  }
  preferProductionReact()
  const { drawPlanPdf } = await import('./draw')
  return drawPlanPdf(report)
}
