import { REPORT_FORMAT_INFO, type ReportFormat } from '../../shared/report/formats'
import { AppError } from '../../shared/result'
import {
  runReportExport,
  type ExportDestination,
  type ReportContextOptions,
} from '../engine/report/export-report'
import type { JobContext } from '../engine/jobs/job-registry'
import type { HandlerContext } from './context'
import type { DomainHandlers } from './handler-types'
import { resolveSaveTarget } from './save-target'

/** The plan's context from the engine: its version, the user's name as the author, now. */
const contextOf = (ctx: HandlerContext): ReportContextOptions => ({
  appVersion: ctx.appVersion,
  author: ctx.prefs.get().userName,
})

/** The open project's document and file, or `NO_PROJECT`. */
function openProject(ctx: HandlerContext) {
  const current = ctx.project.state
  if (!current) throw new AppError('NO_PROJECT', 'Open a project to export its plan.')
  return current
}

/**
 * Exports the open project's plan now, outside a job (`project.export`, the Markdown summary of
 * the File menu): the same building, rendering and writing as `report.export`.
 */
export async function exportPlanNow(
  ctx: HandlerContext,
  format: ReportFormat,
  path: string,
): Promise<{ path: string; bytes: number }> {
  const current = openProject(ctx)
  const destination = { kind: 'file', path, projectPath: current.path } as const
  const job: Pick<JobContext, 'signal' | 'progress'> = {
    signal: new AbortController().signal,
    progress: () => undefined,
  }
  const done = await runReportExport(
    ctx,
    current.document,
    contextOf(ctx),
    format,
    destination,
    job,
  )
  return { path: done.path ?? path, bytes: done.bytes }
}

/**
 * `report.*`: the migration plan's exports. `report.export` resolves where the file goes first
 * (Electron's save dialog when no path is given, a typed absolute path elsewhere, or a download
 * in browser mode), then answers a job id at once; the job builds, renders and writes the plan
 * from the project as it was when the export started.
 */
export const reportHandlers: DomainHandlers<'report'> = {
  'report.export': async ({ format, path, allowDemoFolder, download }, ctx) => {
    const current = openProject(ctx)
    let destination: ExportDestination
    if (download) {
      if (ctx.face !== 'browser') {
        throw new AppError('BAD_REQUEST', 'Downloads are for browser mode; give a path instead.', {
          field: 'download',
        })
      }
      if (path !== undefined) {
        throw new AppError('BAD_REQUEST', 'Give a path or ask for a download, not both.', {
          field: 'path',
        })
      }
      destination = { kind: 'download' }
    } else {
      const target = await resolveSaveTarget(ctx, path, 'export', current.document.name, {
        allowDemoFolder,
        format,
      })
      destination = { kind: 'file', path: target, projectPath: current.path }
    }
    const { document } = current
    const options = contextOf(ctx)
    const jobId = ctx.jobs.start({
      kind: 'report.export',
      title: `Exporting the plan (${REPORT_FORMAT_INFO[format].label})`,
      run: (job) => runReportExport(ctx, document, options, format, destination, job),
    })
    return { jobId }
  },
}
