import type { ProjectDocument } from '../../../shared/project-schema'
import type { ReportExported } from '../../../shared/contract-report'
import { buildPlanReport } from '../../../shared/report/build'
import {
  REPORT_FORMAT_INFO,
  reportFileName,
  type ReportFormat,
} from '../../../shared/report/formats'
import type { ReportContext } from '../../../shared/report/model'
import { machineLocale } from '../../../shared/report/text'
import { STEPS } from '../../../shared/steps-catalog'
import { writeExportFile } from '../fs/export-target'
import type { JobContext } from '../jobs/job-registry'
import type { WorkerPool } from '../workers/worker-pool'
import type { DownloadStore } from './downloads'
import { renderReport, type PdfRenderer } from './render'

/** What the plan is built from: the app and the person exporting, when, and where. */
export interface ReportContextOptions {
  appVersion: string
  /** The app's user name; blank counts as not recorded. */
  author: string | null
  now?: Date
  /** Default: the machine's (`machineLocale`). */
  locale?: string
  timeZone?: string
}

/** The context every section of the plan is built with: the project alone, the machine's dates. */
export function reportContextOf(
  document: ProjectDocument,
  options: ReportContextOptions,
): ReportContext {
  const machine = machineLocale()
  const author = options.author?.trim() ? options.author.trim() : null
  return {
    document,
    steps: STEPS,
    now: options.now ?? new Date(),
    appVersion: options.appVersion,
    author,
    locale: options.locale ?? machine.locale,
    timeZone: options.timeZone ?? machine.timeZone,
  }
}

/** Where an export goes: a file at `path` (never the project or its backup), or a download. */
export type ExportDestination =
  { kind: 'file'; path: string; projectPath: string | null } | { kind: 'download' }

/** What an export needs of the engine. */
export interface ReportExportDeps {
  workers: WorkerPool
  downloads: DownloadStore
  /** The PDF renderer (default: the one running in a worker thread); tests pass a stand-in. */
  renderPdf?: PdfRenderer
}

/**
 * Exports the plan as a job's work: builds it from the document (phase `building-report`),
 * renders it in the format (`rendering`; the PDF in a worker thread, ended at once by Cancel),
 * then writes the file or keeps it for a download (`writing`). The document is the one given at
 * the start: later edits of the project do not change the export.
 */
export async function runReportExport(
  deps: ReportExportDeps,
  document: ProjectDocument,
  context: ReportContextOptions,
  format: ReportFormat,
  destination: ExportDestination,
  job: Pick<JobContext, 'signal' | 'progress'>,
): Promise<ReportExported> {
  const { label } = REPORT_FORMAT_INFO[format]
  job.progress({ phase: 'building-report', message: 'Building the plan from the project' })
  const report = buildPlanReport(reportContextOf(document, context))
  job.signal.throwIfAborted()
  job.progress({ phase: 'rendering', message: `as ${label}` })
  const data = await renderReport(report, format, {
    workers: deps.workers,
    signal: job.signal,
    ...(deps.renderPdf ? { renderPdf: deps.renderPdf } : {}),
  })
  job.signal.throwIfAborted()
  job.progress({ phase: 'writing', unit: 'bytes', done: 0, total: data.byteLength })
  const done = await deliver(deps, document.name, data, format, destination)
  job.progress({ phase: 'writing', done: data.byteLength })
  return done
}

async function deliver(
  deps: ReportExportDeps,
  projectName: string,
  data: Uint8Array,
  format: ReportFormat,
  destination: ExportDestination,
): Promise<ReportExported> {
  if (destination.kind === 'download') {
    const fileName = reportFileName(projectName, format)
    const download = await deps.downloads.add(data, fileName, REPORT_FORMAT_INFO[format].mediaType)
    return { path: null, bytes: data.byteLength, download }
  }
  // Never through a link, never onto the project or its backup, never into a pipe or device.
  const written = await writeExportFile(destination.path, data, {
    projectPath: destination.projectPath,
  })
  return { path: written.path, bytes: written.bytes, download: null }
}
